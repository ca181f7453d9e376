import assert from 'node:assert/strict'
import { request } from 'node:http'
import { test } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { createArticle, ensureSection, getArticle, updateArticle } from '../articles/index.js'
import { moderateComment, submitComment } from '../comments/index.js'
import { loadConfig } from '../config/index.js'
import { bumpContentVersion, bumpRelatedVersion, type Db } from '../db/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { refreshRelatedArticles, seedStories } from '../search/index.js'
import { buildApp } from '../app.js'
import { cacheKey } from './page-cache.js'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

type TestContext = Parameters<typeof createTestDb>[0]

/** The app over `db`, listening on a loopback port, counting the requests that reach Fastify's router (the full path). */
async function listen(t: TestContext, db: Db, env: Record<string, string> = {}) {
  // No scheduler: its related-articles pass would change the related lists (and article pages) mid-test.
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0', ...env }), db)
  let routed = 0
  app.addHook('onRequest', async () => {
    routed++
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.after(() => app.close())
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { app, port, routed: () => routed }
}

async function serve(t: TestContext, env: Record<string, string> = {}) {
  const db = await createTestDb(t)
  const now = new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const { path } = await createArticle(db, { title: 'افتتاح مكتبة الحي بعد تجديدها', bodyHtml: '<p>فتحت المكتبة أبوابها من جديد.</p>', sectionId, status: 'published', publishedAt: now }, now)
  return { db, path, sectionId, ...(await listen(t, db, env)) }
}

/** The id of the first story a page lists under «مقالات ذات صلة». */
const firstRelated = (page: Answer) => Number(/ذات صلة[\s\S]*?href="[^"]*\/(\d+)\//.exec(page.body.toString())?.[1])

const withoutDate = (h: Answer['headers']) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'date'))

test('a fresh cached page is answered before routing, with the same bytes and headers', async (t) => {
  const { path, port, routed } = await serve(t)
  const first = await get(port, path)
  assert.equal(first.status, 200)
  assert.equal(routed(), 1)
  const second = await get(port, path)
  assert.equal(routed(), 1, 'the second request never reached the router')
  assert.equal(second.status, 200)
  assert.deepEqual(second.body, first.body)
  assert.deepEqual(withoutDate(second.headers), withoutDate(first.headers))
  assert.match(String(second.headers['content-security-policy']), /default-src 'self'/)

  const notModified = await get(port, path, { 'if-none-match': String(first.headers.etag) })
  assert.equal(notModified.status, 304)
  assert.equal(notModified.body.length, 0)
  const unchangedSince = await get(port, path, { 'if-modified-since': String(first.headers['last-modified']) })
  assert.equal(unchangedSince.status, 304, 'If-Modified-Since on the hot path')
  const otherTag = await get(port, path, { 'if-none-match': '"other"', 'if-modified-since': String(first.headers['last-modified']) })
  assert.equal(otherTag.status, 200, 'If-Modified-Since is ignored beside If-None-Match')

  const head = await get(port, path, {}, 'HEAD')
  assert.equal(head.status, 200)
  assert.equal(head.body.length, 0)
  assert.equal(head.headers['content-length'], String(first.body.length))

  const gzip = await get(port, path, { 'accept-encoding': 'gzip' })
  assert.equal(gzip.headers['content-encoding'], 'gzip')
  assert.deepEqual(gunzipSync(gzip.body), first.body)
  assert.equal(routed(), 1)
})

test('another skin, an unusual skin cookie or an unknown URL goes through the full path', async (t) => {
  const { path, port, routed } = await serve(t)
  await get(port, path)
  await get(port, path, { cookie: 'skin=dark' })
  assert.equal(routed(), 2, 'the dark skin is its own page')
  await get(port, path, { cookie: 'skin=dark' })
  assert.equal(routed(), 2, 'and is cached in turn')
  await get(port, path, { cookie: 'skin="dark"' })
  await get(port, path, { cookie: 'oldskin=dark' })
  assert.equal(routed(), 4)
  const missing = await get(port, '/local/999999/nothing')
  assert.equal(missing.status, 404)
  assert.equal(routed(), 5)
})

test('a content change reaches readers within a second', async (t) => {
  const { db, path, port, sectionId, routed } = await serve(t)
  const before = await get(port, path)
  const now = new Date()
  await createArticle(db, { title: 'خبر جديد عن المكتبة', bodyHtml: '<p>نص الخبر.</p>', sectionId, status: 'published', publishedAt: now }, now)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const after = await get(port, path)
  assert.equal(routed(), 2, 'the version check sent it through the full path')
  assert.notEqual(after.headers.etag, before.headers.etag)
  assert.match(after.body.toString(), /خبر جديد عن المكتبة/)
})

test('a write through a service is on the next request, hot path or full path, with no wait and no invalidate call', async (t) => {
  const { db, path, port, sectionId, routed } = await serve(t)
  const article = await getArticle(db, Number(/\/(\d+)\//.exec(path)![1]))
  await get(port, path)
  await get(port, path)
  assert.equal(routed(), 1, 'cached and answered by the hot path')

  // Through the articles service: the hot path steps aside once, the full path renders the new page, the hot path answers it after.
  const now = new Date()
  const input = { title: article.title, bodyHtml: '<p>المكتبة تفتح حتى منتصف الليل.</p>', sectionId, status: 'published' as const, publishedAt: article.publishedAt }
  await updateArticle(db, article.id, input, now)
  const updated = await get(port, path)
  assert.equal(routed(), 2)
  assert.match(updated.body.toString(), /حتى منتصف الليل/)
  const again = await get(port, path)
  assert.equal(routed(), 2, 'the new page is answered by the hot path')
  assert.deepEqual(again.body, updated.body)

  // Through the comments services, read by the full path (a cookie the hot path leaves to the parser).
  const submitted = await submitComment(db, article.id, { name: 'سارة', email: 'sara@example.org', body: 'شكراً على تجديد المكتبة' }, { ip: '192.0.2.7', userAgent: 'test', now })
  assert.equal(submitted.status, 'pending')
  assert.doesNotMatch((await get(port, path, { cookie: 'oldskin=dark' })).body.toString(), /شكراً على تجديد المكتبة/)
  await moderateComment(db, submitted.id, 'approve', { accountId: null, now })
  const commented = await get(port, path, { cookie: 'oldskin=dark' })
  assert.match(commented.body.toString(), /شكراً على تجديد المكتبة/)
  assert.match((await get(port, path)).body.toString(), /شكراً على تجديد المكتبة/, 'and the hot path has no older copy')
})

test('new related lists alone: article pages are served as cached and rendered again one at a time; other pages are not', async (t) => {
  const db = await createTestDb(t)
  const stories = await seedStories(db)
  const { app, port, routed } = await listen(t, db)
  const cache = app.pageCache
  const energyPath = stories.energy.path
  const solarPath = stories.solar.path
  const energyBefore = await get(port, energyPath)
  const solarBefore = await get(port, solarPath)
  await get(port, '/')
  const rendered = cache.renders

  // What the related process does: every pending list stored, then the related version bumped.
  assert.ok((await refreshRelatedArticles(db)) >= 7)
  await bumpRelatedVersion(db)
  cache.relatedRefreshEveryMs = 60_000
  const energy = await get(port, energyPath)
  assert.equal(cache.renders, rendered + 1, 'the first outdated page asked for is rendered again')
  assert.equal(firstRelated(energyBefore), stories.energyCopy.id, 'before: the section\'s newest stories')
  assert.equal(firstRelated(energy), stories.solar.id, 'now: its computed list')
  const solar = await get(port, solarPath)
  assert.equal(cache.renders, rendered + 1, 'the next one waits for its turn')
  assert.equal(solar.headers.etag, solarBefore.headers.etag, 'and is served the copy held')
  const routedBefore = routed()
  await get(port, solarPath)
  assert.equal(routed(), routedBefore, 'by the hot path too')

  cache.relatedRefreshEveryMs = 0
  await get(port, '/')
  assert.equal(cache.renders, rendered + 1, 'a page without related lists is not rendered again')
  await get(port, solarPath)
  assert.equal(cache.renders, rendered + 2, 'its turn come, the outdated page is rendered again')

  // A content change still renders every page at its next request, whatever the turn.
  cache.relatedRefreshEveryMs = 60_000
  await bumpContentVersion(db)
  await get(port, energyPath)
  await get(port, solarPath)
  await get(port, '/')
  assert.equal(cache.renders, rendered + 5)
})

test('tracking parameters do not make a new page: one render, answered before routing', async (t) => {
  const { app, path, port, routed } = await serve(t)
  const first = await get(port, path)
  assert.equal(app.pageCache.renders, 1)
  for (let i = 0; i < 40; i++) {
    const shared = `${path}?utm_source=twitter&utm_medium=social&utm_campaign=c${i}&fbclid=IwAR${i}&gclid=${i}&ref=${i}`
    const res = await get(port, shared)
    assert.equal(res.status, 200)
    assert.equal(res.headers.etag, first.headers.etag)
  }
  assert.equal(app.pageCache.renders, 1, 'the shared links were the same page')
  assert.equal(routed(), 1, 'and each was answered by the hot path')

  // A parameter the page reads still makes its own page, in any order, with tracking or without.
  const listing = await get(port, '/section/local?page=1&utm_source=a')
  assert.equal(listing.status, 200)
  await get(port, '/section/local?utm_source=b&page=1&fbclid=x')
  await get(port, '/section/local?page=1')
  assert.equal(app.pageCache.renders, 2)
  const q = (text: string) => encodeURIComponent(text)
  await get(port, `/search?q=${q('مكتبة')}&utm_source=a`)
  await get(port, `/search?utm_campaign=x&q=${q('مكتبة')}`)
  assert.equal(app.pageCache.renders, 3)
  await get(port, `/search?q=${q('الحي')}`)
  assert.equal(app.pageCache.renders, 4, 'another query is another page')
})

test('cache keys: the default skin keys a page by its URL as sent, every other scope apart; only declared parameters count', () => {
  const page = new Set(['page'])
  assert.equal(cacheKey('auto', '/news/1/x', page), '/news/1/x', 'the URL string itself: the hot path hashes nothing new')
  const keys = ['auto', 'dark', 'light', 'api'].map((scope) => cacheKey(scope, '/news/1/x', page))
  assert.equal(new Set(keys).size, 4, 'no two scopes share a key')
  assert.equal(cacheKey('auto', '/s?utm_source=a&page=2', page), '/s?page=2')
  assert.equal(cacheKey('dark', '/s?utm_source=a&page=2', page), 'dark /s?page=2')
  assert.equal(cacheKey('auto', '/s?utm_source=a', page), '/s')
  assert.equal(cacheKey('api', '/s?page=2&fbclid=x', new Set()), 'api /s')
})

test('the page cache is bounded in bytes, compressed copies included, evicting the least recently used', async (t) => {
  const { app, port } = await serve(t, { NASHRA_PAGE_CACHE_MB: '1' })
  const limit = 1024 * 1024
  const words = Array.from({ length: 120 }, (_, i) => `كلمة${i}`)
  for (const word of words) {
    const res = await get(port, `/search?q=${encodeURIComponent(word)}`, { 'accept-encoding': 'br' })
    assert.equal(res.status, 200)
    await get(port, `/search?q=${encodeURIComponent(word)}`, { 'accept-encoding': 'gzip' })
    assert.ok(app.pageCache.bytes <= limit, `${app.pageCache.bytes} bytes held`)
  }
  assert.equal(app.pageCache.renders, words.length)
  assert.ok(app.pageCache.bytes > limit / 2, 'the cache is used up to its bound')
  await get(port, `/search?q=${encodeURIComponent(words.at(-1)!)}`)
  assert.equal(app.pageCache.renders, words.length, 'the newest page is kept')
  await get(port, `/search?q=${encodeURIComponent(words[0])}`)
  assert.equal(app.pageCache.renders, words.length + 1, 'the oldest was evicted, and is rendered again')
})

// The full path is forced with a cookie the hot path does not read ("oldskin"), the hot path by its absence.
const PATHS: [string, Record<string, string>, number][] = [
  ['hot path', {}, 0],
  ['full path', { cookie: 'oldskin=1' }, 1],
]

test('Accept-Encoding is read with its q-values: q=0 refuses an encoding, the highest q wins, br on a tie', async (t) => {
  const { path, port, routed } = await serve(t)
  const plain = await get(port, path)
  const cases: [string, string | undefined][] = [
    ['br;q=0, gzip;q=0', undefined],
    ['br;q=0, gzip', 'gzip'],
    ['gzip, br;q=0.5', 'gzip'],
    ['gzip;q=0.5, br;q=0.8', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br', 'br'],
    ['BR', 'br'],
    ['gzip;q=1.0', 'gzip'],
    ['br;q=0.000', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['br;q=0, *', 'gzip'],
    ['identity', undefined],
    ['identity;q=1, gzip;q=0.5', undefined],
    ['deflate', undefined],
    ['', undefined],
  ]
  for (const [name, headers, routes] of PATHS) {
    for (const [acceptEncoding, expected] of cases) {
      const before = routed()
      const res = await get(port, path, { ...headers, 'accept-encoding': acceptEncoding })
      assert.equal(routed() - before, routes, `${name}: ${acceptEncoding}`)
      assert.equal(res.headers['content-encoding'], expected, `${name}: «${acceptEncoding}»`)
      if (!expected) assert.deepEqual(res.body, plain.body, `${name}: «${acceptEncoding}» is the plain page`)
    }
  }
})

test('If-None-Match: *, lists and weak validators answer 304 for the cached page', async (t) => {
  const { path, port, routed } = await serve(t)
  const first = await get(port, path)
  const etag = String(first.headers.etag)
  const gzipped = await get(port, path, { 'accept-encoding': 'gzip' })
  const cases: [string, number][] = [
    ['*', 304],
    [etag, 304],
    [`W/${etag}`, 304],
    [`"nothing", ${etag}`, 304],
    [`"nothing",${etag} , "else"`, 304],
    ['"nothing"', 200],
    [String(gzipped.headers.etag), 200], // another representation's validator
    [etag.slice(0, -1), 200],
  ]
  for (const [name, headers, routes] of PATHS) {
    for (const [ifNoneMatch, status] of cases) {
      const before = routed()
      const res = await get(port, path, { ...headers, 'if-none-match': ifNoneMatch })
      assert.equal(routed() - before, routes, `${name}: ${ifNoneMatch}`)
      assert.equal(res.status, status, `${name}: If-None-Match ${ifNoneMatch}`)
      if (status === 304) assert.equal(res.headers.etag, etag, name)
    }
  }
})

test('a first compressed answer is a quick copy with its own ETag; the final copy replaces it, same page, hot and full path alike', async (t) => {
  const { app, path, port, routed } = await serve(t)
  const identity = await get(port, path)
  const quick = await get(port, path, { 'accept-encoding': 'br' })
  assert.equal(quick.headers['content-encoding'], 'br')
  assert.deepEqual(brotliDecompressSync(quick.body), identity.body)
  assert.match(String(quick.headers.etag), /-br1"$/, 'the quick copy names itself')
  const again = await get(port, path, { 'accept-encoding': 'br' })
  // The idle finisher (every 250 ms) may have made the final copy in between on a slow machine.
  if (again.headers.etag === quick.headers.etag) {
    assert.deepEqual(again.body, quick.body)
    assert.deepEqual(withoutDate(again.headers), withoutDate(quick.headers), 'the hit answers what the miss answered')
  }

  app.pageCache.finishCompression()
  const final = await get(port, path, { 'accept-encoding': 'br' })
  assert.deepEqual(brotliDecompressSync(final.body), identity.body)
  assert.match(String(final.headers.etag), /-br"$/)
  assert.ok(final.body.length <= quick.body.length, `final ${final.body.length} B, quick ${quick.body.length} B`)
  assert.equal((await get(port, path, { 'accept-encoding': 'br', 'if-none-match': String(quick.headers.etag) })).status, 200, 'the quick copy is another representation')
  assert.equal((await get(port, path, { 'accept-encoding': 'br', 'if-none-match': String(final.headers.etag) })).status, 304)
  const gzip = await get(port, path, { 'accept-encoding': 'gzip' })
  assert.deepEqual(gunzipSync(gzip.body), identity.body, 'an encoding not yet compressed is served correctly')
  assert.equal(routed(), 1)
})

test('under load, a page readers keep asking for gets its final copy off the event loop; a page asked for once keeps its quick copy', async (t) => {
  const { app, db, path, port, sectionId } = await serve(t)
  const other = await createArticle(db, { title: 'سوق الخضار يعود إلى الساحة', bodyHtml: '<p>عاد الباعة صباح اليوم.</p>', sectionId, status: 'published', publishedAt: new Date() }, new Date())
  const once = await get(port, other.path, { 'accept-encoding': 'br' }) // queued first: an idle finisher would take it first
  const quick = await get(port, path, { 'accept-encoding': 'br' })
  assert.match(String(quick.headers.etag), /-br1"$/)
  // Readers keep the event loop over half busy: the idle finisher never gets its turn.
  const busyFor = (ms: number) => {
    for (const end = performance.now() + ms; performance.now() < end; );
  }
  let latest = quick
  for (let i = 0; i < 400 && /-br1"$/.test(String(latest.headers.etag)); i++) {
    busyFor(10)
    latest = await get(port, path, { 'accept-encoding': 'br' })
  }
  assert.match(String(latest.headers.etag), /-br"$/, 'the popular page got its final copy while the server was busy')
  assert.ok(latest.body.length <= quick.body.length, `final ${latest.body.length} B, quick ${quick.body.length} B`)
  assert.deepEqual(brotliDecompressSync(latest.body), brotliDecompressSync(quick.body), 'the same page')
  const still = await get(port, other.path, { 'accept-encoding': 'br' })
  assert.equal(still.headers.etag, once.headers.etag, 'the page asked for once waits for an idle moment')
  assert.equal(await app.pageCache.finishPopular(), 0, 'nothing popular is left to finish')
})

test('a page rendered again at its TTL\'s end with the same bytes keeps the final compressed copy made for them', async (t) => {
  const { app, port } = await serve(t, { NASHRA_PAGE_CACHE_SECONDS: '1' })
  // The home page: an article page's comment form carries the second it was rendered (comment-tokens.ts).
  const path = '/'
  await get(port, path, { 'accept-encoding': 'br' })
  app.pageCache.finishCompression()
  const final = await get(port, path, { 'accept-encoding': 'br' })
  assert.match(String(final.headers.etag), /-br"$/)
  const renders = app.pageCache.renders
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const again = await get(port, path, { 'accept-encoding': 'br' })
  assert.equal(app.pageCache.renders, renders + 1, 'expired, so rendered again')
  assert.equal(again.headers.etag, final.headers.etag, 'not a new quick copy')
  assert.deepEqual(again.body, final.body)
})

test('an entry keeps only its compressed copy once a reader took one; a plain or gzip request is made from it, the same page', async (t) => {
  const { app, path, port, routed } = await serve(t)
  const br = await get(port, path, { 'accept-encoding': 'br' })
  const page = brotliDecompressSync(br.body)
  assert.ok(app.pageCache.bytes < page.length, `the cache holds ${app.pageCache.bytes} B for a ${page.length} B page`)
  app.pageCache.finishCompression()
  const final = await get(port, path, { 'accept-encoding': 'br' })
  assert.deepEqual(brotliDecompressSync(final.body), page, 'the final copy is made from the compressed one')
  assert.deepEqual((await get(port, path)).body, page, 'a plain request gets the page')
  assert.deepEqual(gunzipSync((await get(port, path, { 'accept-encoding': 'gzip' })).body), page)
  assert.equal(routed(), 1, 'one render for all of them')
})
