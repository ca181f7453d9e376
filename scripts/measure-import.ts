// Import fidelity on a database the SaudiNewsNet corpus was imported into (issue #12): how many
// articles still show each fault the importer is meant to fix. Run it before and after
// `nashra import saudinewsnet --update` on a copy of the database.
//   npm run measure:import -- <data dir or nashra.db> [corpus dir]
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { isNotAPerson, readSaudiNewsNetFile } from '../src/import/index.js'

const WIRE_LABEL = /^\s*(عام|سياسي|اقتصادي|إقتصادي|ثقافي|رياضي|اجتماعي|تقرير)\s*\//
const CONTINUATION = /إضافة\s+(أولى|اولى|ثانية|ثالثة|رابعة|خامسة|سادسة)/
const SHARE_BAR = 'شارك من خلال تويتر'
const TAG_LIST = /(^|[\s.،])سمات(\s+[^\s<]+){1,16}\s*<\/p>$/
const ENTITY_IN_TITLE = /&(#\d+|#x[0-9a-f]+|[a-z]+);/i
const ENTITY_IN_BODY = /&amp;(#\d+|#x[0-9a-f]+|[a-z]+);/i // shown as text: the entity itself escaped

async function main() {
  const target = resolve(process.argv[2] ?? 'data')
  const dbPath = statSync(target).isDirectory() ? join(target, 'nashra.db') : target
  const corpus = resolve(process.argv[3] ?? new URL('../../../shared/data/saudinewsnet/', import.meta.url).pathname)
  const db = new Database(dbPath, { readonly: true })

  // Records whose body has more than one non-empty line: they must not come out as one paragraph.
  const multiLine = new Set<string>()
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.zip')).sort()) {
    for (const r of await readSaudiNewsNetFile(join(corpus, file))) {
      if (r.content.split('\n').filter((l) => l.trim() !== '').length > 1) multiLine.add(r.url)
    }
  }

  const visible = `status = 'published'`
  const articles = db.prepare(`select id, source_url, title, summary, body_html, section_id from article where ${visible} and source_url is not null`).all() as {
    id: number; source_url: string; title: string; summary: string; body_html: string; section_id: number
  }[]
  const alyoum = (db.prepare(`select id from section where slug = '3alyoum'`).get() as { id: number } | undefined)?.id
  let onePara = 0, multi = 0, onePara250 = 0, labels = 0, share = 0, tagText = 0, entities = 0, noDek = 0, continuations = 0
  for (const a of articles) {
    const paragraphs = a.body_html.split('<p>').length - 1
    if (multiLine.has(a.source_url)) {
      multi++
      if (paragraphs === 1) onePara++
    }
    if (paragraphs === 1 && (a.body_html.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) > 250) onePara250++
    if (WIRE_LABEL.test(a.title)) labels++
    if (a.body_html.includes(SHARE_BAR)) share++
    if (a.section_id === alyoum && TAG_LIST.test(a.body_html)) tagText++
    if (ENTITY_IN_TITLE.test(a.title) || ENTITY_IN_BODY.test(a.body_html)) entities++
    if (a.summary.trim() === '') noDek++
    if (CONTINUATION.test(a.title)) continuations++
  }
  const people = db.prepare(`select p.name from person p where exists (select 1 from article_author aa join article a on a.id = aa.article_id where aa.person_id = p.id and a.${visible})`).all() as { name: string }[]
  const notPeople = people.filter((p) => isNotAPerson(p.name))
  const hasTable = db.prepare(`select 1 from sqlite_master where name = 'article_import'`).get() !== undefined
  const merged = hasTable ? (db.prepare(`select count(*) n from article_import ai join article a on a.id = ai.article_id where a.source_url <> ai.source_url`).get() as { n: number }).n : 0
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)} %`
  const lines = [
    `database: ${dbPath}`,
    `published imported articles: ${articles.length}`,
    `one paragraph though the source has several lines: ${onePara} of ${multi} (${pct(onePara, multi)})`,
    `one paragraph of more than 250 words: ${onePara250}`,
    `headlines with a wire label: ${labels}`,
    `continuations standing as stories («إضافة …» in the headline): ${continuations}`,
    `continuations merged into their story: ${merged}`,
    `bodies with share-bar text: ${share}`,
    `«عين اليوم» bodies ending in the tag list: ${tagText}`,
    `headlines or bodies showing an HTML entity: ${entities}`,
    `articles without a dek: ${noDek}`,
    `author pages for a place, office, body or outlet: ${notPeople.length} of ${people.length}`,
  ]
  console.log(lines.join('\n'))
  if (process.env.MEASURE_LIST_PEOPLE) console.log(notPeople.map((p) => p.name).join('\n'))
  db.close()
}

await main()
