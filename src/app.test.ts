import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadConfig } from './config/index.js'
import { createTempDir, createTestDb } from './db/testing.js'
import { buildApp } from './app.js'

// The fonts are served from node_modules by a path relative to the compiled app.js: moving app.ts
// broke it once, and only the browser tests noticed.
test('the self-hosted Arabic fonts are served', async (t) => {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  for (const file of ['noto-naskh-arabic-arabic-400-normal.woff2', 'noto-kufi-arabic-arabic-700-normal.woff2']) {
    const res = await app.inject({ method: 'GET', url: `/fonts/${file}` })
    assert.equal(res.statusCode, 200, file)
    assert.equal(res.headers['content-type'], 'font/woff2')
  }
})

test('the site CSS and JS are sent compressed to browsers that accept it, plain to others, and caches are told it varies', async (t) => {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  for (const file of ['site.css', 'site.js', 'comments.js']) {
    const plain = await app.inject({ method: 'GET', url: `/assets/${file}`, headers: { 'accept-encoding': 'identity' } })
    assert.equal(plain.statusCode, 200, file)
    assert.equal(plain.headers['content-encoding'], undefined, file)
    for (const encoding of ['br', 'gzip']) {
      const res = await app.inject({ method: 'GET', url: `/assets/${file}`, headers: { 'accept-encoding': encoding } })
      assert.equal(res.headers['content-encoding'], encoding, `${file} ${encoding}`)
      assert.match(String(res.headers.vary), /Accept-Encoding/i)
      assert.ok(res.rawPayload.length < plain.rawPayload.length / 2, `${file} ${encoding}: ${res.rawPayload.length} of ${plain.rawPayload.length} bytes`)
      assert.match(String(res.headers['cache-control']), /immutable/)
    }
  }
})
