import assert from 'node:assert/strict'
import { request } from 'node:http'
import { test, type TestContext } from 'node:test'
import { createArticle, ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'

function headersOf(port: number, path: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.headers))
    })
    req.on('error', reject)
    req.end()
  })
}

async function serve(t: TestContext, baseUrl: string) {
  const db = await createTestDb(t)
  const now = new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const { path } = await createArticle(db, { title: 'خبر', bodyHtml: '<p>نص.</p>', sectionId, status: 'published', publishedAt: now }, now)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0', NASHRA_BASE_URL: baseUrl }), db)
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.after(() => app.close())
  const address = app.server.address()
  return { path, port: typeof address === 'object' && address ? address.port : 0 }
}

test('Strict-Transport-Security is sent when the public address is https, on every path', async (t) => {
  const { path, port } = await serve(t, 'https://news.example.org')
  // The article twice: rendered by the full path, then replayed by the page cache's hot path.
  for (const url of [path, path, '/api/v1/articles', '/no/such/page', '/healthz']) {
    const headers = await headersOf(port, url)
    assert.equal(headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', url)
  }
})

test('no Strict-Transport-Security over plain http', async (t) => {
  const { path, port } = await serve(t, 'http://127.0.0.1:3000')
  for (const url of [path, path, '/api/v1/articles']) {
    assert.equal((await headersOf(port, url))['strict-transport-security'], undefined, url)
  }
})

test('Cross-Origin-Opener-Policy on the newsroom only: reader pages are public, and it costs them a new process', async (t) => {
  const { path, port } = await serve(t, 'http://127.0.0.1:3000')
  for (const url of ['/newsroom', '/newsroom/login', '/newsroom/comments']) {
    assert.equal((await headersOf(port, url))['cross-origin-opener-policy'], 'same-origin', url)
  }
  // The article twice: rendered by the full path, then replayed by the page cache's hot path.
  for (const url of ['/', path, path, '/search?q=خبر', '/newsroomx']) {
    const headers = await headersOf(port, encodeURI(url))
    assert.equal(headers['cross-origin-opener-policy'], undefined, url)
    assert.equal(headers['x-frame-options'], 'SAMEORIGIN', url)
    assert.match(String(headers['content-security-policy']), /default-src 'self'/, url)
  }
})
