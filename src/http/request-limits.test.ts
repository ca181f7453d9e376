import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { test, type TestContext } from 'node:test'
import { createArticle, ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'

async function serve(t: TestContext) {
  const db = await createTestDb(t)
  const now = new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const article = await createArticle(db, { title: 'افتتاح مكتبة عامة', bodyHtml: '<p>نص.</p>', sectionId, status: 'published', publishedAt: now }, now)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.after(() => app.close())
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { port, article }
}

interface RawAnswer {
  status: number
  head: string
  body: string
  /** A failed write: most clients stop there (EPIPE, ECONNRESET) and never read the answer. */
  error?: string
}

/**
 * What most HTTP clients do: write the whole request, and only then read the answer. Resolves with
 * what arrived before the connection ended, and the error of the write if it failed.
 */
function sendWhole(port: number, request: Buffer): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let error: string | undefined
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message))
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', body = ''] = text.split('\r\n\r\n', 2)
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body, error })
    })
    // Nothing is read until the kernel has taken the last byte of the request.
    socket.pause()
    socket.write(request, (err) => {
      if (err) error ??= (err as NodeJS.ErrnoException).code ?? err.message
      socket.resume()
    })
    socket.end()
  })
}

const TWO_MIB = 2 * 1024 * 1024
// On loopback the kernel's buffers hold a 2 MiB request whole, so its answer survived even before the
// fix; 8 MiB does not fit, as a smaller request does not over a real network.
const BIG = [TWO_MIB, 8 * 1024 * 1024]

function post(path: string, type: string, body: Buffer, chunked = false): Buffer {
  if (!chunked) return Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`), body])
  const parts: Buffer[] = [Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nTransfer-Encoding: chunked\r\n\r\n`)]
  for (let i = 0; i < body.length; i += 64 * 1024) {
    const piece = body.subarray(i, i + 64 * 1024)
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from('0\r\n\r\n'))
  return Buffer.concat(parts)
}

test('a body over the limit, sent whole before reading, gets the 413 with its Arabic message (form and JSON, sized or chunked)', async (t) => {
  const { port, article } = await serve(t)
  for (const size of BIG) for (const chunked of [false, true]) {
    const form = Buffer.from('name=x&email=a%40example.org&body=' + 'x'.repeat(size))
    const json = Buffer.from(JSON.stringify({ name: 'x', email: 'a@example.org', body: 'x'.repeat(size) }))
    const page = await sendWhole(port, post(`/comments/${article.id}`, 'application/x-www-form-urlencoded', form, chunked))
    assert.equal(page.error, undefined, `form, ${size} bytes, chunked=${chunked}: the request was sent whole`)
    assert.equal(page.status, 413, `form, ${size} bytes, chunked=${chunked}: ${page.head}`)
    assert.match(page.head, /connection: close/i)
    assert.match(page.body, /حجم الطلب أكبر من المسموح/)

    const api = await sendWhole(port, post(`/api/v1/articles/${article.id}/comments`, 'application/json', json, chunked))
    assert.equal(api.error, undefined, `API, ${size} bytes, chunked=${chunked}: the request was sent whole`)
    assert.equal(api.status, 413, `API, ${size} bytes, chunked=${chunked}: ${api.head}`)
    const error = JSON.parse(api.body).error
    assert.equal(error.code, 'payload_too_large')
    assert.match(error.message, /حجم الطلب أكبر من المسموح/)
  }
  // A body nobody reads (refused before parsing, or of a type without a parser) is drained as well.
  const json = Buffer.from(JSON.stringify({ body: 'x'.repeat(8 * 1024 * 1024) }))
  const unauthorized = await sendWhole(port, post('/api/v1/admin/comments/1/approve', 'application/json', json))
  assert.equal(unauthorized.error, undefined)
  assert.equal(unauthorized.status, 401, unauthorized.head)
  const untyped = await sendWhole(port, post(`/api/v1/articles/${article.id}/comments`, 'application/octet-stream', Buffer.alloc(8 * 1024 * 1024)))
  assert.equal(untyped.error, undefined)
  assert.equal(untyped.status, 415, untyped.head)
  assert.equal(JSON.parse(untyped.body).error.code, 'unsupported_media_type')
})

test('under /api, headers too large (431) and an address too long (414) answer the JSON error shape in Arabic', async (t) => {
  const { port } = await serve(t)
  const get = (path: string, extra = '') => sendWhole(port, Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`))

  for (const size of [20_000, 100_000]) {
    const big = await get('/api/v1/articles', `X-Padding: ${'a'.repeat(size)}\r\n`)
    assert.equal(big.status, 431, `${size}: ${big.error ?? big.head}`)
    assert.match(big.head, /content-type: application\/json/i, `${size}`)
    const error = JSON.parse(big.body).error
    assert.equal(error.code, 'headers_too_large')
    assert.match(error.message, /[\u0600-\u06FF]/)
  }
  // A reader's browser with too many cookies: the Arabic page.
  const page = await get('/', `Cookie: a=${'b'.repeat(20_000)}\r\n`)
  assert.equal(page.status, 431, page.error ?? page.head)
  assert.match(page.head, /content-type: text\/html/i)
  assert.match(page.body, /dir="rtl"/)

  const query = encodeURIComponent('ا'.repeat(1000))
  const long = await get(`/api/v1/search?q=${query}`)
  assert.equal(long.status, 414, long.head)
  assert.match(long.head, /content-type: application\/json/i)
  assert.equal(JSON.parse(long.body).error.code, 'uri_too_long')
  assert.match(JSON.parse(long.body).error.message, /[\u0600-\u06FF]/)
  const longPage = await get(`/search?q=${query}`)
  assert.equal(longPage.status, 414)
  assert.match(longPage.body, /dir="rtl"/)

  const garbage = await sendWhole(port, Buffer.from('GET /api/v1/articles HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n'))
  assert.equal(garbage.status, 400, garbage.head)
  assert.equal(JSON.parse(garbage.body).error.code, 'bad_request')
  const garbagePage = await sendWhole(port, Buffer.from('GET /section/local HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n'))
  assert.equal(garbagePage.status, 400, garbagePage.head)
  assert.match(garbagePage.body, /dir="rtl"/)
})
