import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { editorAssets } from './editor-assets.js'

test('the editor bundle is served under /newsroom/assets/ with hashed names, cached for a year', async (t) => {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const { js, css } = editorAssets()
  assert.match(js, /^\/newsroom\/assets\/editor-[A-Z0-9]+\.js$/)
  assert.match(css, /^\/newsroom\/assets\/editor-[A-Z0-9]+\.css$/)

  const script = await app.inject({ method: 'GET', url: js })
  assert.equal(script.statusCode, 200)
  assert.match(String(script.headers['content-type']), /^(application|text)\/javascript/)
  assert.match(String(script.headers['cache-control']), /max-age=31536000/)
  assert.match(String(script.headers['cache-control']), /immutable/)
  assert.match(String(script.headers['content-security-policy']), /script-src 'self'/, 'the app-wide security headers apply')
  assert.ok(script.body.length > 10_000, 'the bundle has the editor in it')

  const style = await app.inject({ method: 'GET', url: css })
  assert.equal(style.statusCode, 200)
  assert.match(String(style.headers['content-type']), /^text\/css/)

  const brotli = await app.inject({ method: 'GET', url: js, headers: { 'accept-encoding': 'br, gzip' } })
  assert.equal(brotli.headers['content-encoding'], 'br')
  assert.ok(brotli.rawPayload.length < script.rawPayload.length / 2, 'the compressed copy is sent when asked')

  for (const url of ['/newsroom/assets/manifest.json', '/newsroom/assets/editor-NOPE.js', '/newsroom/assets/../package.json']) {
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url)
  }
})
