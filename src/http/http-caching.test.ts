import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection, ensureTag, updateArticle } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { all, one, parseXml } from '../feeds/testing.js'
import { ensurePerson } from '../people/index.js'

const BASE = 'https://news.example'

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const now = new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const tagId = await ensureTag(db, 'بلدية', 'شؤون البلدية')
  const personId = await ensurePerson(db, { slug: 'salma', name: 'سلمى الحربي', title: 'مراسلة' }, now)
  const input = {
    title: 'البلدية تفتح حديقة جديدة في الحي الشمالي',
    bodyHtml: '<p>افتتحت البلدية صباح اليوم حديقة عامة تتسع لألف زائر.</p>',
    sectionId,
    status: 'published' as const,
    authorIds: [personId],
    tagIds: [tagId],
    publishedAt: new Date(now.getTime() - 3600_000),
  }
  const article = await createArticle(db, input, now)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0', NASHRA_BASE_URL: BASE }), db)
  t.after(() => app.close())
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
  return { app, db, get, article, input, ids: { article: article.id, section: sectionId, tag: tagId, person: personId } }
}

const keysOf = (res: { headers: Record<string, unknown> }) => String(res.headers['surrogate-key'] ?? '').split(' ')

test('pages, feeds and API answers revalidate: If-None-Match (strong, weak, lists, *) and If-Modified-Since', async (t) => {
  const { get, article } = await setup(t)
  for (const url of [article.path, '/feed.xml', `/api/v1/articles/${article.id}`]) {
    const first = await get(url)
    assert.equal(first.statusCode, 200, url)
    const etag = String(first.headers.etag)
    const lastModified = String(first.headers['last-modified'])
    assert.match(etag, /^"[\w-]+"$/, url)
    assert.ok(!Number.isNaN(Date.parse(lastModified)), `${url}: Last-Modified is a date`)

    const notModified = async (headers: Record<string, string>) => (await get(url, headers)).statusCode
    assert.equal(await notModified({ 'if-none-match': etag }), 304, url)
    assert.equal(await notModified({ 'if-none-match': `W/${etag}` }), 304, `${url}: weak comparison`)
    assert.equal(await notModified({ 'if-none-match': `"other", ${etag}` }), 304, `${url}: a list`)
    assert.equal(await notModified({ 'if-none-match': '*' }), 304, `${url}: *`)
    assert.equal(await notModified({ 'if-none-match': '"other"' }), 200, url)
    assert.equal(await notModified({ 'if-modified-since': lastModified }), 304, `${url}: If-Modified-Since`)
    assert.equal(await notModified({ 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() }), 304, url)
    assert.equal(await notModified({ 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() }), 200, `${url}: changed since`)
    assert.equal(await notModified({ 'if-modified-since': 'yesterday' }), 200, `${url}: an invalid date is ignored`)
    assert.equal(await notModified({ 'if-none-match': '"other"', 'if-modified-since': lastModified }), 200, `${url}: If-Modified-Since ignored beside If-None-Match`)

    const revalidated = await get(url, { 'if-none-match': etag })
    assert.equal(revalidated.body, '')
    assert.equal(revalidated.headers.etag, etag)
    assert.equal(revalidated.headers['surrogate-key'], first.headers['surrogate-key'])
  }
})

test('an edit changes the ETag of the page, the feed and the API answer', async (t) => {
  const { db, get, article, input } = await setup(t)
  const urls = [article.path, '/feed.xml', '/section/local/feed.json', `/api/v1/articles/${article.id}`]
  const before = await Promise.all(urls.map(async (url) => String((await get(url)).headers.etag)))
  await updateArticle(db, article.id, { ...input, bodyHtml: '<p>افتتحت البلدية الحديقة وأضافت ملعباً للأطفال.</p>' }, new Date())
  for (const [i, url] of urls.entries()) {
    const after = await get(url, { 'if-none-match': before[i] })
    assert.equal(after.statusCode, 200, `${url}: the old copy is no longer current`)
    assert.notEqual(after.headers.etag, before[i], url)
    assert.match(after.body, /ملعباً للأطفال/, url)
  }
})

test('Surrogate-Key names what each answer shows', async (t) => {
  const { get, article, ids } = await setup(t)
  const expectations: [string, string[]][] = [
    [article.path, [`article-${ids.article}`, `section-${ids.section}`, `tag-${ids.tag}`, `author-${ids.person}`]],
    ['/', ['home']],
    ['/masthead', ['masthead']],
    ['/section/local', [`section-${ids.section}`, `article-${ids.article}`]],
    [`/tag/${encodeURIComponent('بلدية')}`, [`tag-${ids.tag}`, `article-${ids.article}`]],
    ['/author/salma', [`author-${ids.person}`, `article-${ids.article}`]],
    ['/feed.xml', ['home', `article-${ids.article}`]],
    ['/atom.xml', ['home', `article-${ids.article}`]],
    ['/section/local/feed.xml', [`section-${ids.section}`, `article-${ids.article}`]],
    [`/tag/${encodeURIComponent('بلدية')}/atom.xml`, [`tag-${ids.tag}`, `article-${ids.article}`]],
    ['/author/salma/feed.json', [`author-${ids.person}`, `article-${ids.article}`]],
    [`/api/v1/articles/${ids.article}`, [`article-${ids.article}`, `section-${ids.section}`, `tag-${ids.tag}`, `author-${ids.person}`]],
    ['/api/v1/articles', ['home', `article-${ids.article}`]],
    ['/api/v1/articles?section=local', [`section-${ids.section}`, `article-${ids.article}`]],
    [`/api/v1/articles/${ids.article}/comments`, [`article-${ids.article}`]],
    ['/api/v1/search?q=حديقة', ['search']],
  ]
  for (const [url, keys] of expectations) {
    const res = await get(url)
    assert.equal(res.statusCode, 200, url)
    assert.deepEqual(keysOf(res).sort(), [...keys].sort(), url)
  }
})

test('Cache-Control: shared caches and a short browser lifetime on anonymous answers; nothing shared on errors, writes, newsroom or admin', async (t) => {
  const { app, get, article } = await setup(t)
  const PUBLIC = 'public, max-age=30, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400'
  for (const url of [article.path, '/', '/section/local', '/feed.xml', '/author/salma/atom.xml', `/api/v1/articles/${article.id}`, '/api/v1/articles', '/api/v1/openapi.json']) {
    assert.equal((await get(url)).headers['cache-control'], PUBLIC, url)
  }
  const notShared = [
    await get('/local/999999/nothing'),
    await get('/api/v1/articles/999999'),
    await get('/api/v1/articles?limit=1000'),
    await get('/section/nowhere/feed.xml'),
    await get('/newsroom'),
    await get('/api/v1/admin/articles'),
    await app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: { 'content-type': 'application/json' }, payload: { name: 'ريم', email: 'reem@example.com', body: 'تعليق للتجربة على الحديقة الجديدة' } }),
  ]
  for (const res of notShared) {
    const cacheControl = String(res.headers['cache-control'] ?? '')
    assert.notEqual(res.statusCode, 200, 'none is an anonymous read')
    assert.doesNotMatch(cacheControl, /public|s-maxage/, `${res.statusCode}: ${cacheControl}`)
    assert.equal(res.headers['surrogate-key'], undefined)
  }
  const tuned = loadConfig({ NASHRA_BROWSER_MAX_AGE: '10', NASHRA_SHARED_MAX_AGE: '3600' })
  assert.deepEqual([tuned.browserMaxAge, tuned.sharedMaxAge], [10, 3600])
  assert.throws(() => loadConfig({ NASHRA_SHARED_MAX_AGE: '-1' }), /NASHRA_SHARED_MAX_AGE/)
})

test('sections, tags and authors have RSS, Atom and JSON feeds, linked from their pages', async (t) => {
  const { get, article } = await setup(t)
  const tagPath = `/tag/${encodeURIComponent('بلدية')}`
  for (const [page, title] of [['/section/local', 'محليات'], [tagPath, 'شؤون البلدية'], ['/author/salma', 'سلمى الحربي']]) {
    const html = (await get(page)).body
    for (const [file, type] of [['feed.xml', 'application/rss+xml'], ['atom.xml', 'application/atom+xml'], ['feed.json', 'application/feed+json']]) {
      const link = new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}" title="${title} \\([^)]+\\)" href="${decodeURI(page)}/${file}"/>`)
      assert.match(html, link, `${page} links its ${file}`)
      const feed = await get(`${page}/${file}`)
      assert.equal(feed.statusCode, 200, `${page}/${file}`)
      assert.equal(feed.headers['content-type'], `${type}; charset=utf-8`)
      if (file === 'feed.json') {
        const json = JSON.parse(feed.body)
        assert.equal(json.version, 'https://jsonfeed.org/version/1.1')
        assert.equal(json.feed_url, `${BASE}${page}/feed.json`)
        assert.deepEqual(json.items.map((i: { url: string }) => i.url), [BASE + article.path])
      } else {
        const root = parseXml(feed.body)
        const items = file === 'feed.xml' ? all(one(root, 'channel'), 'item') : all(root, 'entry')
        assert.equal(items.length, 1, `${page}/${file}`)
        assert.match(file === 'feed.xml' ? one(one(root, 'channel'), 'title').text : one(root, 'title').text, new RegExp(title))
      }
    }
  }
  assert.equal((await get('/tag/nothing/atom.xml')).statusCode, 404)
  assert.equal((await get('/author/nobody/feed.json')).statusCode, 404)
})

test('CORS: the read API answers any origin for GET and HEAD; writes and the admin API get none', async (t) => {
  const { app, get, article } = await setup(t)
  const origin = { origin: 'https://widgets.example' }
  for (const url of ['/api/v1/articles', `/api/v1/articles/${article.id}`, `/api/v1/articles/${article.id}/comments`, '/api/v1/search?q=حديقة', '/api/v1/openapi.json']) {
    const res = await get(url, origin)
    assert.equal(res.headers['access-control-allow-origin'], '*', url)
    assert.match(String(res.headers['access-control-expose-headers']), /ETag/)
  }
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/v1/articles', headers: { ...origin, 'access-control-request-method': 'GET' } })
  assert.equal(preflight.statusCode, 204)
  assert.equal(preflight.headers['access-control-allow-origin'], '*')
  assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD')

  const refused = [
    await app.inject({ method: 'OPTIONS', url: `/api/v1/articles/${article.id}/comments`, headers: { ...origin, 'access-control-request-method': 'POST' } }),
    await app.inject({ method: 'OPTIONS', url: '/api/v1/admin/articles', headers: { ...origin, 'access-control-request-method': 'GET' } }),
    await get('/api/v1/admin/articles', origin),
    await get('/api/v1/admin/comments', origin),
    await app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: { ...origin, 'content-type': 'application/json' }, payload: { name: 'ريم', email: 'reem@example.com', body: 'تعليق من موقع آخر' } }),
  ]
  for (const res of refused) assert.equal(res.headers['access-control-allow-origin'], undefined, `${res.statusCode}`)
  assert.equal((await get(article.path, origin)).headers['access-control-allow-origin'], undefined, 'reader pages are not shared')
})
