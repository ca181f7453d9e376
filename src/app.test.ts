import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadConfig } from './config/index.js'
import { createTempDir, createTestDb } from './db/testing.js'
import { buildApp } from './app.js'
import { assetUrl } from './views/index.js'

// The fonts are served by paths relative to the compiled app.js: moving app.ts broke it once, and
// only the browser tests noticed.
test('the self-hosted Arabic fonts are served: the subset files under their hashed names, immutable, and the newsroom\'s full files', async (t) => {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const css = (await app.inject({ method: 'GET', url: assetUrl('site.css') })).body
  const subsetUrls = [...css.matchAll(/url\((\/fonts\/[^)]+)\)/g)].map((m) => m[1]!)
  assert.equal(subsetUrls.length, 2, css.slice(0, 400))
  for (const url of subsetUrls) assert.match(url, /^\/fonts\/noto-naskh-arabic-wght-(core|rest)-[0-9a-f]{10}\.woff2$/)
  for (const url of [...subsetUrls, '/fonts/noto-naskh-arabic-arabic-400-normal.woff2', '/fonts/noto-kufi-arabic-arabic-700-normal.woff2']) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 200, url)
    assert.equal(res.headers['content-type'], 'font/woff2', url)
    assert.match(String(res.headers['cache-control']), /max-age=31536000.*immutable/, url)
  }
  // The home page preloads the face's everyday subset, by its hashed name.
  const home = (await app.inject({ method: 'GET', url: '/' })).body
  assert.match(home, /<link rel="preload" href="\/fonts\/noto-naskh-arabic-wght-core-[0-9a-f]{10}\.woff2" as="font" type="font\/woff2" crossorigin="anonymous"\/?>/)
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
