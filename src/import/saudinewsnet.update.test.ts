import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createArticle, ensureSection, findArticleIdBySourceUrl, getArticle, paragraphsToHtml, slugify } from '../articles/index.js'
import { buildApp, connectFeatures } from '../app.js'
import { loadConfig } from '../config/index.js'
import type { Db } from '../db/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { ensurePerson } from '../people/index.js'
import { importSaudiNewsNet } from './index.js'

connectFeatures()

const FURNITURE = fileURLToPath(new URL('../../../src/import/fixtures/saudinewsnet-furniture.json', import.meta.url))
const records: { source: string; url: string; title: string; author: string; content: string }[] = JSON.parse(
  (await import('node:fs')).readFileSync(FURNITURE, 'utf8'),
)
const then = new Date('2025-06-01T00:00:00Z')
const now = new Date('2026-01-01T00:00:00Z')

async function articleAt(db: Db, url: string) {
  const found = await findArticleIdBySourceUrl(db, url)
  assert.ok(found, `no article from ${url}`)
  return getArticle(db, found.id)
}

/** The fixture as the importer before #12 stored it: headline as given, blank-line paragraphs, bylines split on separators only. */
async function importLikeBefore(db: Db) {
  for (const r of records) {
    const sectionId = await ensureSection(db, r.source, r.source)
    const people = r.author.includes('المنسق') ? ['المنسق الإعلامي', 'سلمان الحربي'] : r.author.includes('ديار') ? ['ديار بكر'] : []
    const authorIds = []
    for (const name of people) authorIds.push(await ensurePerson(db, { slug: slugify(name), name }, then))
    await createArticle(db, { title: r.title, titleAsGiven: true, bodyHtml: paragraphsToHtml(r.content), bodyIsSanitized: true, sectionId, status: 'published', publishedAt: then, authorIds, sourceUrl: r.url }, then)
  }
}

test('--update re-maps articles imported before, keeping ids and URLs; a second run changes nothing', async (t) => {
  const db = await createTestDb(t)
  await importLikeBefore(db)
  const before = new Map<string, { id: number; path: string }>()
  for (const r of records) {
    const a = await articleAt(db, r.url)
    before.set(r.url, { id: a.id, path: a.path })
  }
  assert.ok(await db.selectFrom('person').where('slug', '=', slugify('المنسق الإعلامي')).select('id').executeTakeFirst())

  const first = await importSaudiNewsNet(db, [FURNITURE], { now, update: true })
  assert.deepEqual([first.imported, first.updated, first.merged, first.peopleRemoved], [0, 5, 2, 2])

  for (const r of records.filter((r) => !r.url.endsWith('/102') && !r.url.endsWith('/103'))) {
    const a = await articleAt(db, r.url)
    assert.deepEqual({ id: a.id, path: a.path }, before.get(r.url), 'id and URL kept')
    assert.notEqual(a.summary, '', `a dek for ${r.url}`)
  }
  const share = await articleAt(db, 'http://example.sa/okaz/share-bar')
  assert.equal(share.bodyHtml.match(/<p>/g)?.length, 3)
  assert.doesNotMatch(share.bodyHtml, /شارك من خلال/)
  assert.deepEqual(share.authors.map((a) => a.name), ['سلمان الحربي'])
  assert.equal(share.summary, 'بدأت بلدية الحي صباح أمس زراعة ألف شجرة على جانبي طريق الكورنيش ضمن مبادرة لتلطيف الأجواء في الصيف.')

  const library = await articleAt(db, 'http://example.sa/3alyoum/tags')
  assert.equal(library.title, 'المكتبة العامة تمدد ساعات العمل “حتى منتصف الليل”')
  assert.match(library.path, /8220/, 'the URL stays as it was')
  assert.doesNotMatch(library.bodyHtml, /سمات|&amp;quot;/)
  assert.match(library.bodyHtml, /&#34;للجميع&#34;/) // decoded, then escaped once
  assert.deepEqual(library.tags.map((t) => t.name), ['المكتبة', 'آل سعود', 'الطلاب'])
  assert.deepEqual([library.dateline, library.authors, library.sources.map((s) => s.name)], ['ديار بكر', [], ['رويترز']])

  // The continuations folded into their story, in part order; their articles send readers there.
  const story = await articleAt(db, 'http://example.sa/spa/101')
  assert.equal(story.title, 'المجلس البلدي يعقد جلسته الأسبوعية')
  assert.deepEqual(story.tags.map((t) => t.name), ['عام'])
  assert.deepEqual([story.dateline, story.sources.map((s) => s.name)], ['أبها', ['واس']])
  const paragraphs = story.bodyHtml.match(/<p>[^<]*<\/p>/g)!.map((p) => p.slice(3, -4))
  assert.deepEqual(paragraphs.slice(1).map((p) => p.split(' ').slice(0, 2).join(' ')), ['عقد المجلس', 'كما استعرض', 'وأقر المجلس', 'واختتم المجلس'])
  assert.ok(!story.bodyHtml.includes('انتهى'))
  for (const url of ['http://example.sa/spa/102', 'http://example.sa/spa/103']) {
    assert.equal((await findArticleIdBySourceUrl(db, url))?.id, before.get(url)!.id, 'the old row stays, unpublished')
    assert.equal((await getArticle(db, before.get(url)!.id)).status, 'unpublished')
  }
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const moved = await app.inject({ method: 'GET', url: before.get('http://example.sa/spa/102')!.path })
  assert.equal(moved.statusCode, 301)
  assert.equal(moved.headers.location, story.path)

  // A continuation with no story in the file stands alone, its label gone.
  assert.equal((await articleAt(db, 'http://example.sa/spa/200')).title, 'النادي الأهلي يستعد للموسم الجديد / إضافة أولى واخيرة')

  // Author pages for an office and a place are gone.
  for (const name of ['المنسق الإعلامي', 'ديار بكر']) assert.equal(await db.selectFrom('person').where('slug', '=', slugify(name)).select('id').executeTakeFirst(), undefined, name)

  const second = await importSaudiNewsNet(db, [FURNITURE], { now: new Date('2026-02-01T00:00:00Z'), update: true })
  assert.deepEqual([second.imported, second.updated, second.merged, second.peopleRemoved, second.duplicates], [0, 0, 0, 0, records.length])
  assert.equal((await articleAt(db, 'http://example.sa/okaz/share-bar')).updatedAt.toISOString(), now.toISOString())
})

test('a fresh import folds continuations, drops furniture and writes deks; their addresses count as imported', async (t) => {
  const db = await createTestDb(t)
  const summary = await importSaudiNewsNet(db, [FURNITURE], { now })
  assert.deepEqual([summary.imported, summary.merged], [5, 2])
  const story = await articleAt(db, 'http://example.sa/spa/101')
  assert.equal((await findArticleIdBySourceUrl(db, 'http://example.sa/spa/102')), undefined)
  assert.match(story.bodyHtml, /كما استعرض المجلس/)
  const library = await articleAt(db, 'http://example.sa/3alyoum/tags')
  assert.match(decodeURIComponent(library.path), /^\/3alyoum\/\d+\/المكتبة-العامة-تمدد-ساعات-العمل-حتى-منتصف-الليل$/)
  const book = await articleAt(db, 'http://example.sa/alyaum/dek')
  assert.equal(book.summary, 'افتتح د. سامي الخالدي معرض الكتاب السنوي في الدمام بمشاركة أكثر من مئتي دار نشر عربية وأجنبية.')
  assert.deepEqual([book.dateline, book.authors.map((a) => a.name), book.sources.map((s) => s.name)], ['الدمام', ['هند العتيبي'], ['رويترز']])

  const again = await importSaudiNewsNet(db, [FURNITURE], { now })
  assert.deepEqual([again.imported, again.merged, again.duplicates], [0, 0, records.length])
})
