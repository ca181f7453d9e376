import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { addCorrection, createArticle, ensureSection, PER_PAGE } from './index.js'

const PUBLISHED = new Date('2026-03-01T10:00:00Z')

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_TIMEZONE: 'Asia/Riyadh' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  const story = (title: string) => createArticle(db, { title, bodyHtml: '<p>قالت شركة Acme Corp إن أرباحها بلغت 10.5% في 2025.</p>', sectionId, status: 'published', publishedAt: PUBLISHED }, PUBLISHED)
  return { app, db, story }
}

/** JSON-LD blocks of a page. */
const jsonLdOf = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]))

test('the article page shows its corrections and replies after the body, dated in the newsroom’s zone, and carries them in JSON-LD', async (t) => {
  const { app, db, story } = await setup(t)
  const { id, path } = await story('«المركزي» يثبّت سعر الفائدة')
  const before = await app.inject({ method: 'GET', url: path })
  assert.doesNotMatch(before.body, /تصحيحات وردود/)

  // 21:30 UTC is 00:30 on 3 March in Riyadh: the date shown is the newsroom's.
  await addCorrection(db, id, { kind: 'correction', body: 'ذكرنا أن القرار صدر الأحد، والصحيح الاثنين.' }, null, new Date('2026-03-02T21:30:00Z'))
  await addCorrection(db, id, { kind: 'reply', body: 'تنفي الشركة ما نُسب إليها.', party: 'Acme Corp' }, null, new Date('2026-03-04T08:00:00Z'))
  const res = await app.inject({ method: 'GET', url: path })
  assert.equal(res.statusCode, 200)
  const html = res.body
  const box = html.slice(html.indexOf('<aside class="corrections-box"'), html.indexOf('</aside>', html.indexOf('<aside class="corrections-box"')))
  assert.ok(html.indexOf('class="article-body"') < html.indexOf('class="corrections-box"'), 'the box follows the body')
  assert.match(box, /<h2 id="corrections-heading">تصحيحات وردود<\/h2>/)
  assert.match(box, /<strong class="correction-label">تصحيح<\/strong>\s*<time datetime="2026-03-02T21:30:00.000Z">3 مارس 2026/)
  assert.match(box, /<strong class="correction-label">ردّ من <bdi>Acme Corp<\/bdi><\/strong>/)
  assert.match(box, /تنفي الشركة ما نُسب إليها\./)
  assert.match(box, /آخر تحديث: <time datetime="2026-03-04T08:00:00.000Z">/)
  // The byline's «آخر تحديث» moved with it.
  assert.match(html, /<span class="date-updated"> · آخر تحديث <time datetime="2026-03-04T08:00:00.000Z">/)
  // The body is rendered bidi-safe.
  assert.match(html, /<p dir="auto">قالت شركة <bdi>Acme Corp<\/bdi> إن أرباحها بلغت 10.5% في 2025.<\/p>/)

  const article = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle')
  assert.equal(article.dateModified, '2026-03-04T08:00:00.000Z')
  assert.deepEqual(article.correction, [
    { '@type': 'CorrectionComment', text: 'ذكرنا أن القرار صدر الأحد، والصحيح الاثنين.', datePublished: '2026-03-02T21:30:00.000Z' },
    { '@type': 'CorrectionComment', text: 'ردّ من Acme Corp: تنفي الشركة ما نُسب إليها.', datePublished: '2026-03-04T08:00:00.000Z' },
  ])
  assert.match(String(res.headers['surrogate-key']), new RegExp(`^article-${id} section-\\d+$`))
})

test('correction text is escaped: markup in a body or a party stays text', async (t) => {
  const { app, db, story } = await setup(t)
  const { id, path } = await story('خبر')
  await addCorrection(db, id, { kind: 'reply', body: '<script>alert(1)</script> & <b>x</b>', party: '<img src=x onerror=alert(1)>' }, null, new Date('2026-03-02T10:00:00Z'))
  for (const url of [path, '/corrections']) {
    const html = (await app.inject({ method: 'GET', url })).body
    assert.doesNotMatch(html, /<script>alert|<img src=x|<b>x<\/b>/, url)
    assert.match(html, /&lt;script>/, url)
  }
})

test('/corrections lists every correction and reply newest first, each linking to its story, paginated with a 404 past the end', async (t) => {
  const { app, db, story } = await setup(t)
  const empty = await app.inject({ method: 'GET', url: '/corrections' })
  assert.equal(empty.statusCode, 200)
  assert.match(empty.body, /لا توجد تصحيحات أو ردود منشورة بعد/)
  assert.equal((await app.inject({ method: 'GET', url: '/corrections?page=2' })).statusCode, 404)

  const a = await story('الخبر الأول')
  const b = await story('Tesla تفتتح مصنعاً')
  for (let i = 0; i < PER_PAGE; i++) await addCorrection(db, a.id, { kind: 'correction', body: `تصحيح رقم ${i}` }, null, new Date(Date.UTC(2026, 2, 2, 0, i)))
  await addCorrection(db, b.id, { kind: 'reply', body: 'ردّنا', party: 'Tesla' }, null, new Date('2026-03-05T00:00:00Z'))

  const first = await app.inject({ method: 'GET', url: '/corrections' })
  assert.equal(first.statusCode, 200)
  assert.match(String(first.headers['cache-control']), /^public, max-age=/)
  assert.deepEqual(String(first.headers['surrogate-key']).split(' ').sort(), ['corrections', `article-${a.id}`, `article-${b.id}`].sort())
  const html = first.body
  assert.match(html, /<h1>التصحيحات والردود<\/h1>/)
  // Newest first: the reply, then the last correction.
  assert.ok(html.indexOf('ردّنا') < html.indexOf(`تصحيح رقم ${PER_PAGE - 1}`))
  assert.match(html, new RegExp(`<a href="${decodeURI(b.path).replace(/[/.]/g, '\\$&')}" dir="auto"><bdi>Tesla</bdi> تفتتح مصنعاً</a>`))
  assert.equal(html.match(/<li class="correction /g)?.length, PER_PAGE)
  assert.match(html, /<a href="\/corrections\?page=2" rel="next">/)

  const second = await app.inject({ method: 'GET', url: '/corrections?page=2' })
  assert.equal(second.statusCode, 200)
  assert.match(second.body, /تصحيح رقم 0/)
  assert.equal(second.body.match(/<li class="correction /g)?.length, 1)
  assert.equal((await app.inject({ method: 'GET', url: '/corrections?page=3' })).statusCode, 404)
  assert.equal((await app.inject({ method: 'GET', url: '/corrections?page=0' })).statusCode, 400)
})

test('/corrections is cached and refreshed by a new correction at once; the footer links to it', async (t) => {
  const { app, db, story } = await setup(t)
  const { id } = await story('خبر')
  await addCorrection(db, id, { kind: 'correction', body: 'الأول' }, null, new Date('2026-03-02T00:00:00Z'))
  const first = await app.inject({ method: 'GET', url: '/corrections' })
  const cached = await app.inject({ method: 'GET', url: '/corrections?utm_source=x', headers: { 'if-none-match': String(first.headers.etag) } })
  assert.equal(cached.statusCode, 304)
  assert.match(first.body, /<a href="\/corrections">التصحيحات والردود<\/a>/)

  await addCorrection(db, id, { kind: 'correction', body: 'الثاني' }, null, new Date('2026-03-03T00:00:00Z'))
  const after = await app.inject({ method: 'GET', url: '/corrections', headers: { 'if-none-match': String(first.headers.etag) } })
  assert.equal(after.statusCode, 200)
  assert.match(after.body, /الثاني/)
})

test('/corrections and an article page over real HTTP, the cached copy with the same Surrogate-Key', async (t) => {
  const { app, db, story } = await setup(t)
  const { id, path } = await story('خبر')
  await addCorrection(db, id, { kind: 'correction', body: 'تصحيح' }, null, new Date('2026-03-02T00:00:00Z'))
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  for (const url of ['/corrections', path]) {
    const first = await fetch(base + url)
    assert.equal(first.status, 200)
    assert.match(await first.text(), /تصحيح/)
    // The second answer comes from the page cache's hot path, with the headers of the first.
    const second = await fetch(base + url)
    assert.equal(second.headers.get('surrogate-key'), first.headers.get('surrogate-key'), url)
    assert.match(String(second.headers.get('surrogate-key')), new RegExp(`article-${id}`))
  }
})
