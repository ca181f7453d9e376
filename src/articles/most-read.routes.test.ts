import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createArticle, ensureSection, setArticleStatus } from './index.js'

const NOW = new Date('2026-03-01T10:00:00Z')
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1'

/** A real server on 127.0.0.1:0 (the page cache's hot path only runs there) with two published stories. */
async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0', NASHRA_VIEWS_FLUSH_SECONDS: '3600' })
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const story = (title: string) => createArticle(db, { title, summary: 'موجز', bodyHtml: '<p>نص الخبر.</p>', sectionId, status: 'published', publishedAt: NOW }, NOW)
  const first = await story('افتتاح مكتبة الحي بعد ترميمها')
  const second = await story('سوق الخضار يفتح أبوابه مبكراً')
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const get = (path: string, headers: Record<string, string> = { 'user-agent': FIREFOX }, method = 'GET') => fetch(base + path, { method, headers })
  const api = async (query = '') => {
    const res = await get(`/api/v1/most-read${query}`)
    return { status: res.status, body: (await res.json()) as any }
  }
  return { app, db, first, second, get, api }
}

test('a reader reading an article, cached or not, is one view; reloads, crawlers, prefetches and HEAD are not', async (t) => {
  const { app, first, get, api } = await setup(t)
  for (let i = 0; i < 3; i++) assert.equal((await get(first.path)).status, 200)
  assert.equal(app.pageCache.renders, 1, 'rendered once, then served from the cache')
  await get(first.path, { 'user-agent': SAFARI })
  await get(first.path, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })
  await get(first.path, { 'user-agent': SAFARI + ' x', 'sec-purpose': 'prefetch' })
  await get(first.path, { 'user-agent': SAFARI + ' y' }, 'HEAD')
  await get(first.path, { 'user-agent': SAFARI + ' z', 'if-none-match': (await get(first.path)).headers.get('etag')! })
  assert.equal(app.mostRead.counter.waiting, 3, 'Firefox, Safari and the revalidating reader (304)')
  assert.deepEqual((await api()).body, { articles: [] }, 'nothing shows before the views are written')
  assert.equal(await app.mostRead.flush(), 3)
  const { status, body } = await api('?period=day')
  assert.equal(status, 200)
  assert.equal(body.articles.length, 1)
  assert.deepEqual(Object.keys(body.articles[0]), ['id', 'title', 'url', 'views'])
  assert.equal(body.articles[0].id, first.id)
  assert.equal(body.articles[0].title, 'افتتاح مكتبة الحي بعد ترميمها')
  assert.equal(body.articles[0].views, 3)
  assert.equal(new URL(body.articles[0].url).pathname, first.path)
  assert.deepEqual((await api('?period=week')).body, body)
})

test('after a flush the views show in the API, on the home page and beside another article', async (t) => {
  const { app, first, second, get, api } = await setup(t)
  await get(second.path)
  await get(second.path, { 'user-agent': SAFARI })
  await get(first.path)
  await app.mostRead.flush()
  assert.deepEqual(
    (await api()).body.articles.map((a: { id: number; views: number }) => [a.id, a.views]),
    [[second.id, 2], [first.id, 1]],
  )
  const home = await (await get('/')).text()
  assert.match(home, /<section class="most-read" aria-labelledby="most-read">/)
  assert.match(home, /الأكثر قراءة/)
  assert.match(home, /هذا الأسبوع/)
  const block = home.slice(home.indexOf('class="most-read"'))
  // Reader pages write their links with Arabic letters (withReadableLinks): the address a browser asks for is the same.
  assert.ok(block.indexOf(decodeURI(second.path)) < block.indexOf(decodeURI(first.path)), 'most read first')
  // The first article's page was cached before the flush: the third story's page is rendered now.
  const third = await createArticle(app.db, { title: 'مباراة الناشئين', summary: '', bodyHtml: '<p>نص.</p>', sectionId: 1, status: 'published', publishedAt: NOW }, NOW)
  const page = await (await get(third.path)).text()
  assert.match(page, /class="most-read"/)
  assert.ok(page.includes(`href="${decodeURI(second.path)}"`))
})

test('a story unpublished before its views are written is not counted, and its page counts nothing', async (t) => {
  const { app, db, first, second, get, api } = await setup(t)
  await get(first.path)
  await get(second.path)
  await setArticleStatus(db, first.id, 'unpublished', NOW)
  assert.equal((await get(first.path, { 'user-agent': SAFARI })).status, 404)
  assert.equal(app.mostRead.counter.waiting, 2)
  assert.equal(await app.mostRead.flush(), 1)
  assert.deepEqual((await api()).body.articles.map((a: { id: number }) => a.id), [second.id])
  const rows = await db.selectFrom('article_view').select('article_id').execute()
  assert.deepEqual(rows, [{ article_id: second.id }])
})

test('a bad period is a 400 naming the parameter, in the JSON error shape', async (t) => {
  const { api } = await setup(t)
  for (const [query, field] of [['?period=month', 'period'], ['?period=', 'period'], ['?period=DAY', 'period'], ['?period=day&period=week', 'period']]) {
    const { status, body } = await api(query)
    assert.equal(status, 400, query)
    assert.equal(body.error.code, 'invalid_parameter')
    assert.equal(body.error.field, field, query)
    assert.equal(typeof body.error.message, 'string')
  }
})
