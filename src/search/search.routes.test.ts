import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { createArticle, ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { bumpContentVersion } from '../db/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { FIXTURE_NOW, seedStories } from './testing.js'
import { indexStatus } from './search.service.js'

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const stories = await seedStories(db)
  return { app, db, stories }
}

const q = (text: string) => encodeURIComponent(text)

test('GET /api/v1/search answers exactly the brief\'s shape, title as stored, highlighting only in the snippet', async (t) => {
  const { app, stories } = await setup(t)
  const res = await app.inject({ method: 'GET', url: `/api/v1/search?q=${q('الاطار')}&limit=5` })
  assert.equal(res.statusCode, 200)
  const body = res.json()
  assert.deepEqual(Object.keys(body).sort(), ['query', 'results', 'total'])
  assert.equal(body.query, 'الاطار')
  assert.equal(body.total, 1)
  const [hit] = body.results
  assert.deepEqual(Object.keys(hit).sort(), ['id', 'publishedAt', 'score', 'snippet', 'title', 'url'])
  assert.equal(hit.id, stories.framework.id)
  assert.equal(hit.title, 'أعلنت الوزارة الإطار الجديد للمدارس الأهلية')
  assert.match(hit.url, new RegExp(`^http://127\\.0\\.0\\.1:3000/local/${stories.framework.id}/`))
  assert.match(hit.snippet, /<mark>الإطار<\/mark>/)
  assert.equal(typeof hit.score, 'number')
  assert.match(hit.publishedAt, /^\d{4}-\d\d-\d\dT/)
})

test('API filters, paging and out-of-range parameters', async (t) => {
  const { app, stories } = await setup(t)
  const energy = await app.inject({ method: 'GET', url: `/api/v1/search?q=${q('الطاقة')}&section=economy&limit=1&page=2` })
  assert.equal(energy.statusCode, 200)
  assert.equal(energy.json().results.length, 1)
  assert.ok(energy.json().total >= 3)
  const unknownSection = await app.inject({ method: 'GET', url: `/api/v1/search?q=${q('الطاقة')}&section=nowhere` })
  assert.deepEqual(unknownSection.json(), { query: 'الطاقة', total: 0, results: [] })
  const dated = await app.inject({ method: 'GET', url: `/api/v1/search?q=${q('الطاقة')}&from=2026-02-25&to=2026-03-01` })
  assert.ok(dated.json().results.every((r: { id: number }) => r.id !== stories.solar.id))
  for (const [url, field] of [
    ['/api/v1/search?q=x&limit=0', 'limit'],
    ['/api/v1/search?q=x&limit=51', 'limit'],
    ['/api/v1/search?q=x&page=0', 'page'],
    ['/api/v1/search?q=x&from=yesterday', 'from'],
    ['/api/v1/search?q=x&from=2026-02-30', 'from'],
    ['/api/v1/search?q=x&from=2026-03-02&to=2026-03-01', 'to'],
  ]) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 400, url)
    assert.equal(res.json().error.field, field, url)
  }
})

test('bad input answers quickly with a clear result, never a 500', async (t) => {
  const { app } = await setup(t)
  const long = 'ا'.repeat(5000)
  const cases: [string, number][] = [
    ['', 200],
    ['%20%20%20', 200],
    [q(long), 414], // beyond the URL limit: refused before routing
    [q('الطاقة '.repeat(70).slice(0, 499)), 200],
    [q('ب'.repeat(501)), 400],
    [q('!!! ؟؟؟ ... ،،، «» — ***'), 200],
    [q('AND OR NOT NEAR( "a" * ^ : {title} -'), 200],
    [q('"unbalanced phrase'), 200],
    [q('-الطاقة'), 200],
    ['%FF%FE%FD', 200],
    ['%C3%28', 200],
    ['%ED%A0%80', 200],
    ['%00', 200],
    [q('\u0640\u064B\u0651'), 200],
  ]
  for (const [value, status] of cases) {
    for (const path of ['/api/v1/search?q=', '/search?q=', '/api/v1/search/suggest?q=']) {
      const started = Date.now()
      const res = await app.inject({ method: 'GET', url: path + value })
      // Suggestions take at most 200 characters (the search box's own maxlength): the long Arabic query is over.
      const expected = path.includes('suggest') && status === 200 && value.replace(/%[0-9A-F]{2}/gi, 'x').length > 400 ? 400 : status
      assert.equal(res.statusCode, expected, `${path}${value.slice(0, 40)}`)
      assert.ok(Date.now() - started < 2000, `${path}${value.slice(0, 40)} was slow`)
      if (path.startsWith('/api/') && expected === 200) assert.ok(Array.isArray(res.json().results ?? res.json().suggestions))
      if (expected === 400 && path.startsWith('/api/')) assert.equal(res.json().error.field, 'q')
    }
  }
})

test('the /search page: results, Arabic plural total, highlighting in the original, filters, pagination', async (t) => {
  const { app, stories } = await setup(t)
  const res = await app.inject({ method: 'GET', url: `/search?q=${q('الطاقه')}` })
  assert.equal(res.statusCode, 200)
  assert.match(res.body, /<meta name="robots" content="noindex"/)
  assert.match(res.body, /٣ نتائج|3 نتائج/)
  assert.match(res.body, /<mark>الطاقة<\/mark>/) // the story's own spelling, not the reader's «الطاقه»
  assert.doesNotMatch(res.body, /<mark>الطاقه<\/mark>/)
  assert.match(res.body, new RegExp(`href="/economy/${stories.solar.id}/`))
  assert.match(res.body, /<option value="economy"/)
  assert.match(res.body, /<option value="newest"/)

  const one = await app.inject({ method: 'GET', url: `/search?q=${q('مستشفى')}` })
  assert.match(one.body, /نتيجة واحدة/)
  const two = await app.inject({ method: 'GET', url: `/search?q=${q('وزير')}&sort=newest` })
  assert.match(two.body, /نتيجتان|نتيجة واحدة/)

  const byAuthor = await app.inject({ method: 'GET', url: `/search?q=${q('الطاقة')}&author=${q('هدى الشمري')}` })
  assert.match(byAuthor.body, /نتيجة واحدة/)
  const unknown = await app.inject({ method: 'GET', url: `/search?q=${q('الطاقة')}&author=nobody` })
  assert.match(unknown.body, /لا يوجد كاتب باسم/)
  const empty = await app.inject({ method: 'GET', url: `/search?q=${q('مستشفا')}` })
  assert.match(empty.body, /هل تقصد/)
  assert.match(empty.body, /«مستشفى»/)
  const beyond = await app.inject({ method: 'GET', url: `/search?q=${q('الطاقة')}&page=9` })
  assert.equal(beyond.statusCode, 404)
  const blank = await app.inject({ method: 'GET', url: '/search?q=&section=&author=&from=&to=&sort=' })
  assert.equal(blank.statusCode, 200)
  assert.match(blank.body, /اكتب كلمة أو أكثر/)
})

test('search results never leak markup from stored text or the query', async (t) => {
  const { app } = await setup(t)
  const res = await app.inject({ method: 'GET', url: `/search?q=${q('<script>alert(1)</script> الطاقة')}` })
  assert.equal(res.statusCode, 200)
  // Outside attribute values (where < is inert), no markup from the query survives.
  assert.doesNotMatch(res.body.replace(/="[^"]*"/g, '=""'), /<script>alert/)
  assert.match(res.body, /<h1>نتائج البحث عن «&lt;script>alert\(1\)&lt;\/script> الطاقة»<\/h1>/)
})

test('repeated searches and suggestions come from the result cache until any content changes', async (t) => {
  const { app, db, stories } = await setup(t)
  const search = async () => (await app.inject({ method: 'GET', url: `/api/v1/search?q=${q('  المستشفى ')}` })).json()
  const suggest = async () => (await app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=${q('مستش')}` })).json()
  const first = await search()
  assert.deepEqual(first.results.map((r: { id: number }) => r.id), [stories.hospital.id])
  assert.equal((await suggest()).suggestions.length, 1)
  // The index loses the story behind the cache's back (no content version bump): still answered from the cache.
  await sql`delete from article_fts`.execute(db)
  await sql`delete from article_title_fts`.execute(db)
  assert.deepEqual(await search(), first)
  assert.equal((await suggest()).suggestions.length, 1)
  // Any content write bumps the version: the next answers are computed afresh.
  await bumpContentVersion(db)
  assert.deepEqual(await search(), { query: 'المستشفى', total: 0, results: [] })
  assert.deepEqual((await suggest()).suggestions, [])
  // A new story is found at once, though the same query was just answered.
  const added = await createArticle(
    db,
    { title: 'المستشفى الجديد يستقبل أول مرضاه', summary: '', bodyHtml: '<p>بدأ المستشفى استقبال المرضى صباح اليوم.</p>', sectionId: await ensureSection(db, 'local', 'محليات'), authorIds: [], status: 'published', publishedAt: FIXTURE_NOW },
    FIXTURE_NOW,
  )
  assert.deepEqual((await search()).results.map((r: { id: number }) => r.id), [added.id])
})

test('suggestions: headlines for a prefix, same-origin paths', async (t) => {
  const { app, stories } = await setup(t)
  const res = await app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=${q('محطة الطا')}` })
  assert.equal(res.statusCode, 200)
  const body = res.json()
  assert.equal(body.suggestions[0].id, stories.solar.id)
  assert.match(body.suggestions[0].path, /^\/economy\//)
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=${q('م')}` })).json().suggestions.length, 0)
})

test('the layout loads the suggestion script from our own origin; search works over real HTTP', async (t) => {
  const { app } = await setup(t)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const page = await fetch(`${address}/search?q=${q('الإطار')}`)
  assert.equal(page.status, 200)
  const html = await page.text()
  // Loaded by early.js after the first paint (docs/decisions/030).
  assert.match(html, /<script type="text\/plain" data-after-paint="\/assets\/search-suggest\.js\?v=[0-9a-f]+"><\/script>/)
  assert.match(html, /data-suggest="\/api\/v1\/search\/suggest"/)
  const script = await fetch(`${address}/assets/search-suggest.js`)
  assert.equal(script.status, 200)
  assert.match(await script.text(), /role', 'combobox'/)
  const api = await fetch(`${address}/api/v1/search?q=${q('مدرسة')}`)
  assert.equal(api.status, 200)
  assert.ok((await api.json()).total >= 2)
})

test('a small index left by another analyzer version is rebuilt as the server starts', async (t) => {
  const db = await createTestDb(t)
  const stories = await seedStories(db)
  await sql`update search_state set value = '1' where key = 'analyzer_version'`.execute(db)
  await sql`delete from article_fts`.execute(db)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '1' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await app.ready()
  const status = await indexStatus(db)
  assert.equal(status.stale, false)
  assert.equal(status.indexable, Object.keys(stories).length)
  const res = await app.inject({ method: 'GET', url: `/api/v1/search?q=${q('الاطار')}` })
  assert.equal(res.json().results[0]?.id, stories.framework.id)
})
