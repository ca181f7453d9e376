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
