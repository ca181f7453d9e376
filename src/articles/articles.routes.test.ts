import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection } from './index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { bumpContentVersion } from '../db/index.js'
import { ensurePerson } from '../people/index.js'

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const now = new Date('2026-03-01T10:00:00Z')
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  const authorId = await ensurePerson(db, { slug: 'huda', name: 'هدى الشمري', title: 'محررة' }, now)
  const { id, path } = await createArticle(
    db,
    {
      title: '«المركزي» يثبّت سعر الفائدة',
      summary: 'قرار متوقع وسط تباطؤ التضخم',
      bodyHtml: '<p>ثبّت البنك المركزي سعر الفائدة.</p><script>alert(1)</script>',
      sectionId,
      status: 'published',
      authorIds: [authorId],
      sources: [{ name: 'رويترز', url: 'https://example.com/r' }],
      publishedAt: now,
    },
    now,
  )
  return { app, db, id, path, sectionId }
}

test('the article page carries headline, byline, sources and the RTL shell', async (t) => {
  const { app, path } = await setup(t)
  const res = await app.inject({ method: 'GET', url: path })
  assert.equal(res.statusCode, 200)
  assert.match(res.body, /<html lang="ar" dir="rtl"/)
  assert.match(res.body, /«المركزي» يثبّت سعر الفائدة/)
  assert.match(res.body, /هدى الشمري/)
  assert.match(res.body, /رويترز/)
  assert.match(res.body, /<section class="comments" id="comments"/)
  assert.doesNotMatch(res.body, /<script>alert/)
  assert.ok(res.headers.etag)
})

test('a wrong or missing slug answers 301 to the canonical path', async (t) => {
  const { app, id, path } = await setup(t)
  for (const url of [`/economy/${id}`, `/economy/${id}/wrong-slug`, `/sports/${id}/x`]) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 301, url)
    assert.equal(res.headers.location, path)
  }
})

test('unknown articles get the Arabic 404 page, never a 500', async (t) => {
  const { app } = await setup(t)
  for (const url of ['/economy/999999/x', '/economy/99999999999/x', '/nothing-here', '/section/none', '/tag/none', '/author/none']) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 404, url)
    assert.match(res.body, /lang="ar"/)
  }
})

test('an ETag revalidation answers 304', async (t) => {
  const { app, path } = await setup(t)
  const first = await app.inject({ method: 'GET', url: path })
  const second = await app.inject({ method: 'GET', url: path, headers: { 'if-none-match': String(first.headers.etag) } })
  assert.equal(second.statusCode, 304)
})

test('/api/v1 parameters out of range are a 400 naming the parameter', async (t) => {
  const { app } = await setup(t)
  for (const [query, field] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['page=0', 'page'], ['page=x', 'page']]) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/articles?${query}` })
    assert.equal(res.statusCode, 400, query)
    assert.equal(res.json().error.field, field)
  }
  const ok = await app.inject({ method: 'GET', url: '/api/v1/articles?limit=1' })
  assert.equal(ok.json().total, 1)
  assert.equal(ok.json().articles[0].authors[0].name, 'هدى الشمري')
})

test('oversized addresses and bad page numbers get a 4xx Arabic page, never a 500', async (t) => {
  const { app } = await setup(t)
  const cases: [string, number][] = [
    [`/?q=${'ا'.repeat(3000)}`, 414],
    ['/section/economy?page=0', 400],
    ['/section/economy?page=-1', 400],
    ['/section/economy?page=1e9', 400],
    ['/section/economy?page=99', 404],
    [`/section/${'x'.repeat(3000)}`, 400],
    ['/section/%E0%A4%A', 400],
  ]
  for (const [url, status] of cases) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, status, url.slice(0, 60))
    assert.match(res.body, /dir="rtl"/)
    assert.doesNotMatch(res.body, /at .*\.js:\d+/)
  }
})

test('a failing database gives the Arabic 500 page without a stack trace', async (t) => {
  const { app, db, path } = await setup(t)
  await db.schema.dropTable('article_source').execute()
  const res = await app.inject({ method: 'GET', url: path })
  assert.equal(res.statusCode, 500)
  assert.match(res.body, /حدث خطأ غير متوقع/)
  assert.doesNotMatch(res.body, /SqliteError|no such table|at .*\.js/)
})

test('pages are served compressed to readers that accept it, from the same cached render', async (t) => {
  const { app, path } = await setup(t)
  const plain = await app.inject({ method: 'GET', url: path })
  const br = await app.inject({ method: 'GET', url: path, headers: { 'accept-encoding': 'gzip, deflate, br' } })
  assert.equal(br.headers['content-encoding'], 'br')
  assert.ok(br.rawPayload.length < plain.rawPayload.length / 2)
  const { brotliDecompressSync } = await import('node:zlib')
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body)
  assert.notEqual(br.headers.etag, plain.headers.etag)
  const revalidated = await app.inject({ method: 'GET', url: path, headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } })
  assert.equal(revalidated.statusCode, 304)
})

test('home: the lead is the newest placed lead, then up to four top stories, then the latest; sections by position, only those on the home page', async (t) => {
  const { app, db } = await setup(t)
  const sports = await ensureSection(db, 'sports', 'رياضة')
  const hidden = await ensureSection(db, 'archive', 'أرشيف')
  await db.updateTable('section').set({ position: 0 }).where('id', '=', sports).execute()
  await db.updateTable('section').set({ on_home: 0 }).where('id', '=', hidden).execute()
  const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h))
  const story = async (title: string, hour: number, sectionId: number, placement: 'lead' | 'top' | null = null) => {
    const { id } = await createArticle(db, { title, bodyHtml: '<p>نص</p>', sectionId, status: 'published', publishedAt: at(hour) }, at(hour))
    if (placement) await db.updateTable('article').set({ placement }).where('id', '=', id).execute()
    return id
  }
  await story('رئيسي قديم', 1, sports, 'lead')
  await story('الخبر الرئيسي', 2, sports, 'lead')
  for (let i = 1; i <= 5; i++) await story(`بارز ${i}`, 2 + i, sports, 'top')
  await story('أحدث خبر', 20, sports)
  // Enough older stories that both sections keep some for their blocks below the latest.
  for (let i = 0; i < 20; i++) await story(`خبر رياضي ${i}`, 0, sports)
  await story('خبر في الأرشيف', 21, hidden)

  const res = await app.inject({ method: 'GET', url: '/' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['surrogate-key'], 'home')
  const html = res.body
  const region = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)))
  assert.match(region('<section class="lead"', '</section>'), /الخبر الرئيسي/)
  const top = region('<section class="top-stories"', '</section>')
  assert.deepEqual([...top.matchAll(/بارز (\d)/g)].map((m) => m[1]), ['5', '4', '3', '2'])
  const latest = region('<section class="latest"', '</section>')
  assert.ok(latest.indexOf('أحدث خبر') < latest.indexOf('بارز 1'), 'the fifth top story falls back into the latest')
  assert.doesNotMatch(latest, /الخبر الرئيسي|بارز 5/)
  // The sports block (position 0) comes before economy; the archive section has no block.
  const economy = (await db.selectFrom('section').where('slug', '=', 'economy').select('id').executeTakeFirstOrThrow()).id
  assert.deepEqual([...html.matchAll(/<h2 id="block-(\d+)"/g)].map((m) => Number(m[1])), [sports, economy])
  assert.ok(html.indexOf('<section class="lead"') < html.indexOf('<section class="top-stories"'))
  assert.ok(html.indexOf('<section class="top-stories"') < html.indexOf('<section class="latest"'))
})

test('home without placements: the one story there is leads, with no top stories', async (t) => {
  const { app } = await setup(t)
  const html = (await app.inject({ method: 'GET', url: '/' })).body
  assert.match(html.slice(html.indexOf('<section class="lead"')), /^<section class="lead"[^]*?«المركزي» يثبّت سعر الفائدة/)
  assert.doesNotMatch(html, /class="top-stories"/)
})

test('the article page uses the desk’s SEO title and description for <title>, description and Open Graph, the headline and dek otherwise', async (t) => {
  const { app, db, id, path } = await setup(t)
  let html = (await app.inject({ method: 'GET', url: path })).body
  assert.match(html, /<title>«المركزي» يثبّت سعر الفائدة \|/)
  assert.match(html, /<meta name="description" content="قرار متوقع وسط تباطؤ التضخم"/)
  await updateSeo(db, id, 'المركزي يبقي الفائدة 5.5%', 'وصف لمحركات البحث')
  html = (await app.inject({ method: 'GET', url: path })).body
  assert.match(html, /<title>المركزي يبقي الفائدة 5.5% \|/)
  assert.match(html, /<meta name="description" content="وصف لمحركات البحث"/)
  assert.match(html, /<meta property="og:title" content="المركزي يبقي الفائدة 5.5%"/)
  assert.match(html, /<meta property="og:description" content="وصف لمحركات البحث"/)
  // The page itself still shows the headline, bidi-safe.
  assert.match(html, /<h1 class="headline" dir="auto">«المركزي» يثبّت سعر الفائدة<\/h1>/)
})

async function updateSeo(db: Awaited<ReturnType<typeof setup>>['db'], id: number, title: string, description: string) {
  await db.updateTable('article').set({ seo_title: title, seo_description: description }).where('id', '=', id).execute()
  // A direct write, as the desk's save would bump it: mark cached pages stale.
  await bumpContentVersion(db)
}

test('every reader page says what it is in a meta description, listings and search included', async (t) => {
  const { app, path } = await setup(t)
  for (const url of ['/', path, '/section/economy', '/author/huda', '/search?q=' + encodeURIComponent('الفائدة')]) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 200, url)
    const description = res.body.match(/<meta name="description" content="([^"]+)"/)?.[1]
    assert.ok(description && description.length >= 20, `${url}: ${description}`)
  }
})
