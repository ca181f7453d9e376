import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { countArticles, findArticleIdBySourceUrl, getArticle } from '../articles/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { sqliteFileOf, type Db } from '../db/index.js'
import { ImportFileError, importSaudiNewsNet } from './index.js'
import { MAX_JSON_BYTES } from './saudinewsnet.reader.js'
import { deflatedEntry, spacesArray, writeZip } from './testing.js'
import { connectFeatures } from '../app.js'

connectFeatures() // article writes reach the search index, as in the CLI

const SAMPLE = fileURLToPath(new URL('../../../src/import/fixtures/saudinewsnet-sample.json', import.meta.url))
const CORPUS = fileURLToPath(new URL('../../../../shared/data/saudinewsnet/', import.meta.url))
const now = new Date('2026-01-01T00:00:00Z')

async function articleAt(db: Db, url: string) {
  const found = await findArticleIdBySourceUrl(db, url)
  assert.ok(found, `no article imported from ${url}`)
  return getArticle(db, found.id)
}

test('the sample imports every mapping rule and counts each skip reason', async (t) => {
  const db = await createTestDb(t)
  const summary = await importSaudiNewsNet(db, [SAMPLE], { now })
  assert.deepEqual({ ...summary, seconds: 0 }, { files: 1, read: 11, imported: 7, duplicates: 1, updated: 0, merged: 0, peopleRemoved: 0, skipped: { no_title: 2, no_body: 1 }, seconds: 0 })
  assert.equal(await countArticles(db), 7)

  const park = await articleAt(db, 'http://example.sa/news/حديقة-الواحة?id=7')
  assert.equal(park.title, '«الواحة» تفتح أبوابها للزوار بعد عامين من الترميم ')
  assert.equal(park.status, 'published')
  assert.deepEqual(park.section, { id: park.section.id, slug: 'aawsat', name: 'الشرق الأوسط' })
  assert.equal(park.dateline, 'الدمام')
  assert.deepEqual(park.authors.map((a) => a.name), ['سارة المطيري'])
  assert.equal(park.publishedAt?.toISOString(), '2015-07-31T22:30:00.000Z')
  assert.equal(park.bodyHtml, '<p>أعادت إدارة حديقة الواحة فتح أبوابها صباح اليوم بعد أعمال ترميم استمرت عامين.</p>\n<p>وقالت الإدارة إن الممرات الجديدة صممت لتناسب كبار السن والأطفال.</p>')
  assert.equal(park.sourceUrl, 'http://example.sa/news/حديقة-الواحة?id=7')

  // Differs only in its query string: a different article.
  const live = await articleAt(db, 'http://example.sa/news/حديقة-الواحة?id=7&live')
  assert.deepEqual(live.sources, [{ name: 'الشرق الأوسط', url: null }])
  assert.deepEqual(live.authors, [])

  const rain = await articleAt(db, 'http://example.sa/alyaum/2002')
  assert.deepEqual(rain.authors.map((a) => a.name), ['ليلى القحطاني', 'فهد الشمري'])
  assert.equal(rain.dateline, 'جازان')
  assert.equal(rain.bodyHtml.match(/<p>/g)?.length, 3)

  const agency = await articleAt(db, 'http://example.sa/was/3003')
  assert.deepEqual(agency.sources.map((s) => s.name), ['واس'])
  assert.deepEqual(agency.authors, [])
  assert.equal(agency.section.name, 'واس')

  const markup = await articleAt(db, 'http://example.sa/sabq/4004')
  assert.equal(markup.title, 'عنوان فيه <b>وسم</b> & رمز')
  assert.equal(markup.bodyHtml, '<p>نص فيه &lt;script>alert(1)&lt;/script> وعلامة &amp; في وسطه.</p>')
  assert.deepEqual(markup.sources.map((s) => s.name), ['سبق'])

  assert.equal((await articleAt(db, 'http://example.sa/okaz/1001')).dateline, 'تبوك')
  assert.equal(await findArticleIdBySourceUrl(db, 'http://example.sa/aljazirah/6006'), undefined)
})

test('a second import of the same files adds nothing and reuses sections and people', async (t) => {
  const db = await createTestDb(t)
  await importSaudiNewsNet(db, [SAMPLE], { now })
  const people = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const again = await importSaudiNewsNet(db, [SAMPLE], { now })
  assert.equal(again.imported, 0)
  assert.equal(again.duplicates, 8)
  assert.equal(await countArticles(db), 7)
  const peopleAfter = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  assert.equal(Number(peopleAfter.n), Number(people.n))
  const sections = await db.selectFrom('section').select('slug').execute()
  assert.equal(sections.filter((s) => s.slug === 'aawsat').length, 1)
})

test('a corpus zip is read directly, with progress reported per record', async (t) => {
  const db = await createTestDb(t)
  const dir = createTempDir(t)
  writeZip(join(dir, '2015-08-01.zip'), [await deflatedEntry('2015-08-01.json', [readFileSync(SAMPLE)])])
  const progress: number[] = []
  let total = 0
  const summary = await importSaudiNewsNet(db, [join(dir, '2015-08-01.zip')], { now, onStart: (n) => (total = n), onProgress: (n) => progress.push(n) })
  assert.equal(summary.imported, 7)
  assert.equal(total, 11)
  assert.equal(progress.at(-1), 11)
})

test('a bad file among good ones writes nothing at all', async (t) => {
  const dir = createTempDir(t)
  const cases: [string, string | Buffer, RegExp][] = [
    ['broken.json', '[{"source": "okaz",', /is not valid JSON/],
    ['object.json', '{"articles": []}', /expected a JSON array/],
    ['no-url.json', JSON.stringify([{ source: 'okaz', date_extracted: '2015-08-01 10:00:00', title: 'عنوان', author: '', content: 'نص' }]), /article 1: "url"/],
    ['bad-date.json', JSON.stringify([{ source: 'okaz', url: 'http://x/1', date_extracted: 'أمس', title: 'عنوان', author: '', content: 'نص' }]), /"date_extracted"/],
    ['impossible-date.json', JSON.stringify([{ source: 'okaz', url: 'http://x/1', date_extracted: '2015-99-99 25:00:00', title: 'عنوان', author: '', content: 'نص' }]), /article 1: "date_extracted"/],
    ['fake.zip', 'this is not a zip archive', /is not a zip archive/],
  ]
  for (const [name, content, message] of cases) {
    const db = await createTestDb(t)
    const path = join(dir, name)
    writeFileSync(path, content)
    await assert.rejects(importSaudiNewsNet(db, [SAMPLE, path], { now }), (err: unknown) => err instanceof ImportFileError && message.test(err.message) && err.message.includes(path))
    assert.equal(await countArticles(db), 0, name)
  }
  const db = await createTestDb(t)
  await assert.rejects(importSaudiNewsNet(db, [SAMPLE, join(dir, 'missing.zip')], { now }), /missing\.zip: no such file/)
  assert.equal(await countArticles(db), 0)
})

test('a zip without a JSON file inside is refused', async (t) => {
  const db = await createTestDb(t)
  const dir = createTempDir(t)
  writeZip(join(dir, 'empty.zip'), [await deflatedEntry('notes.txt', ['ملاحظات'])])
  await assert.rejects(importSaudiNewsNet(db, [join(dir, 'empty.zip')], { now }), /holds no \.json file/)
})

test('a zip bomb among good files is refused by name, in bounded memory, and nothing is written', async (t) => {
  const dir = createTempDir(t)
  const size = 8 * MAX_JSON_BYTES
  const entry = await deflatedEntry('2015-08-01.json', spacesArray(size))
  const honest = join(dir, 'bomb.zip')
  const liar = join(dir, 'liar.zip')
  writeZip(honest, [entry])
  writeZip(liar, [{ ...entry, declaredSize: 1000 }])
  for (const [bomb, message] of [[honest, /bomb\.zip \(2015-08-01\.json\): expands to 512\.0 MiB, more than/], [liar, /liar\.zip \(2015-08-01\.json\): cannot be unzipped/]] as const) {
    const db = await createTestDb(t)
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    try {
      await assert.rejects(importSaudiNewsNet(db, [SAMPLE, bomb], { now }), (err: unknown) => err instanceof ImportFileError && message.test(err.message))
    } finally {
      clearInterval(sampler)
    }
    const growth = peak - before
    t.diagnostic(`${bomb}: ${(entry.compressed.length / 1024).toFixed(0)} KiB holding ${size / 2 ** 20} MiB; memory grew ${(growth / 2 ** 20).toFixed(1)} MiB`)
    // Both readers start (60–70 MiB each: the second prepares the good file meanwhile); the bomb
    // inflated would add its 512 MiB.
    assert.ok(growth < (3 * size) / 8, `memory grew ${(growth / 2 ** 20).toFixed(0)} MiB`)
    assert.equal(await countArticles(db), 0)
  }
})

test('a write that fails mid-file names the file and the article, and leaves nothing of that file', async (t) => {
  const db = await createTestDb(t)
  const dir = createTempDir(t)
  await sql`create trigger refuse_headline before insert on article when new.title = 'خبر يرفضه المحفز'
    begin select raise(abort, 'refused by a test trigger'); end`.execute(db)
  const second = join(dir, 'second.json')
  const base = { source: 'alwatan', date_extracted: '2015-08-03 08:00:00', author: 'أبها: منيرة العسيري', content: 'نص قصير للخبر.' }
  writeFileSync(second, JSON.stringify([
    { ...base, url: 'http://example.sa/alwatan/9001', title: 'خبر أول يسبق الخطأ' },
    { ...base, url: 'http://example.sa/alwatan/9002', title: 'خبر يرفضه المحفز' },
  ]))
  await assert.rejects(importSaudiNewsNet(db, [SAMPLE, second], { now }), (err: unknown) => {
    assert.ok(err instanceof ImportFileError, String(err))
    assert.equal(err.message, `${second}: article 2: could not be written (refused by a test trigger)`)
    assert.equal(err.filesImported, 1)
    return true
  })
  assert.equal(await countArticles(db), 7, 'the file before it stays imported')
  assert.equal(await findArticleIdBySourceUrl(db, 'http://example.sa/alwatan/9001'), undefined)
  assert.equal(await db.selectFrom('person').where('name', '=', 'منيرة العسيري').select('id').executeTakeFirst(), undefined)
  assert.equal(await db.selectFrom('section').where('slug', '=', 'alwatan').select('id').executeTakeFirst(), undefined)
  const indexed = await sql<{ n: number }>`select count(*) as n from article_fts`.execute(db)
  assert.equal(Number(indexed.rows[0].n), 7, 'nothing of the file in the search index')

  await sql`drop trigger refuse_headline`.execute(db)
  const again = await importSaudiNewsNet(db, [SAMPLE, second], { now })
  assert.deepEqual([again.imported, again.duplicates], [2, 8])
})

const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.zip')).sort() : []
test(
  'the whole SaudiNewsNet corpus imports with the exact counts',
  // About 80 s of CPU; on a busy shared machine several times that, beyond the suite's default timeout.
  { skip: corpusFiles.length === 0 ? `SaudiNewsNet corpus not found at ${CORPUS}; skipping the full import` : false, timeout: 20 * 60_000 },
  async (t) => {
    const db = await createTestDb(t)
    const summary = await importSaudiNewsNet(db, corpusFiles.map((f) => join(CORPUS, f)), { now })
    t.diagnostic(`full corpus: ${summary.imported} imported in ${summary.seconds.toFixed(1)} s`)
    assert.equal(summary.files, 18)
    assert.equal(summary.read, 31030)
    // 30,666 records with text, of which 22 SPA continuations are folded into the story they continue.
    assert.equal(summary.imported, 30644)
    assert.equal(summary.merged, 22)
    assert.deepEqual(summary.skipped, { no_title: 67, no_body: 297 })
    assert.equal(summary.duplicates, 0)
    assert.equal(await countArticles(db), 30644)
    const sections = await db.selectFrom('section').select(['slug', 'name']).orderBy('slug').execute()
    assert.equal(sections.length, 14)
    assert.ok(sections.some((s) => s.slug === 'alriyadh' && s.name === 'الرياض'))
  },
)

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const FURNITURE = join(ROOT, 'src/import/fixtures/saudinewsnet-furniture.json')

test('the bulk writer stores what the per-article writer stores: rows, relations and index, token by token', async (t) => {
  const perArticle = await createTestDb(t)
  const bulk = await createTestDb(t)
  const one = await importSaudiNewsNet(perArticle, [SAMPLE, FURNITURE], { now, perArticle: true })
  const other = await importSaudiNewsNet(bulk, [SAMPLE, FURNITURE], { now })
  assert.deepEqual({ ...other, seconds: 0 }, { ...one, seconds: 0 })
  assert.ok(one.imported > 7, 'both fixtures imported')
  const compared = spawnSync(process.execPath, [join(ROOT, 'scripts/compare-imports.mjs'), sqliteFileOf(perArticle)!, sqliteFileOf(bulk)!], { encoding: 'utf8' })
  assert.equal(compared.status, 0, compared.stdout + compared.stderr)
  assert.match(compared.stdout, /same {4}article: \d+ rows/)
  assert.match(compared.stdout, /same {4}article_fts tokens: [1-9]\d* rows/)
  assert.match(compared.stdout, /\nidentical\n$/)
})

test('a failure while the bulk writer indexes a file (its last step) leaves nothing of the file', async (t) => {
  const db = await createTestDb(t)
  await importSaudiNewsNet(db, [SAMPLE], { now })
  const before = await sql<{ n: number }>`select (select count(*) from article) + (select count(*) from article_fts) + (select count(*) from article_import) + (select count(*) from search_related_pending) as n`.execute(db)
  await sql`create trigger refuse_pending before insert on search_related_pending begin select raise(abort, 'refused by a test trigger'); end`.execute(db)
  await assert.rejects(importSaudiNewsNet(db, [FURNITURE], { now }), (err: unknown) => err instanceof ImportFileError && err.message === `${FURNITURE}: could not be written (refused by a test trigger)`)
  const after = await sql<{ n: number }>`select (select count(*) from article) + (select count(*) from article_fts) + (select count(*) from article_import) + (select count(*) from search_related_pending) as n`.execute(db)
  assert.equal(Number(after.rows[0].n), Number(before.rows[0].n))
})
