import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, type TestContext } from 'node:test'
import sharp from 'sharp'
import { createArticle, ensureSection, updateArticle } from './index.js'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'

const NOW = new Date('2026-03-01T10:00:00Z')

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent', NASHRA_PAGE_CACHE_SECONDS: '0' }), db)
  t.after(() => app.close())
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  const story = { title: 'المركزي يثبّت سعر الفائدة عند 5.5% للمرة الثالثة', slug: 'rates', bodyHtml: '<p>قرار متوقع.</p>', sectionId, status: 'published' as const, publishedAt: NOW }
  const { id, path } = await createArticle(db, story, NOW)
  const draft = await createArticle(db, { ...story, title: 'مسودة لم تُنشر', status: 'draft', publishedAt: null }, NOW)
  return { app, db, dataDir, id, path, story, draftId: draft.id }
}

/** The article page's og:image path, and the page. */
async function cardOf(app: Awaited<ReturnType<typeof setup>>['app'], path: string) {
  const page = await app.inject({ method: 'GET', url: path })
  assert.equal(page.statusCode, 200)
  const image = /<meta property="og:image" content="http:\/\/127\.0\.0\.1:3000(\/og\/[^"]+)"/.exec(page.body)?.[1]
  assert.ok(image, 'the page names its share card')
  return { image, html: page.body }
}

const cardsIn = (dataDir: string) => readdirSync(join(dataDir, 'share-cards', '0'))

test('the article page offers its share card as og:image, with size, alt text and a large Twitter card', async (t) => {
  const { app, path, id } = await setup(t)
  const { image, html } = await cardOf(app, path)
  assert.match(image, new RegExp(`^/og/${id}-[0-9a-f]{12}\\.jpg$`))
  assert.match(html, /<meta property="og:image:width" content="1200"/)
  assert.match(html, /<meta property="og:image:height" content="630"/)
  assert.match(html, /<meta property="og:image:alt" content="المركزي يثبّت سعر الفائدة عند 5.5% للمرة الثالثة — اقتصاد \| نشرة"/)
  assert.match(html, /<meta name="twitter:card" content="summary_large_image"/)
})

test('the card is a 1200×630 JPEG cached for a year, drawn once and then read from disk', async (t) => {
  const { app, path, dataDir } = await setup(t)
  const { image } = await cardOf(app, path)
  // Concurrent first requests share one drawing.
  const answers = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'GET', url: image })))
  for (const res of answers) {
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['content-type'], 'image/jpeg')
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.deepEqual(res.rawPayload, answers[0].rawPayload)
  }
  const meta = await sharp(answers[0].rawPayload).metadata()
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1200, 630])
  assert.equal(cardsIn(dataDir).length, 1)
  const again = await app.inject({ method: 'GET', url: image, headers: { 'if-none-match': answers[0].headers.etag as string } })
  assert.equal(again.statusCode, 304)
})

test('a new headline gives a new card address; the old one leads to the new card', async (t) => {
  const { app, db, path, id, story, dataDir } = await setup(t)
  const before = (await cardOf(app, path)).image
  assert.equal((await app.inject({ method: 'GET', url: before })).statusCode, 200)
  await updateArticle(db, id, { ...story, title: 'المركزي يرفع سعر الفائدة ربع نقطة' }, new Date(NOW.getTime() + 60_000))
  const after = (await cardOf(app, path)).image
  assert.notEqual(after, before)
  const old = await app.inject({ method: 'GET', url: before })
  assert.equal(old.statusCode, 302)
  assert.equal(old.headers.location, after)
  assert.equal(old.headers['cache-control'], 'public, max-age=300')
  const fresh = await app.inject({ method: 'GET', url: after })
  assert.equal(fresh.statusCode, 200)
  assert.deepEqual(cardsIn(dataDir), [after.slice('/og/'.length)], 'the old card is removed')
})

test('drafts, unknown ids and malformed names are 404s (an overlong name a 400), never a 500', async (t) => {
  const { app, draftId } = await setup(t)
  for (const url of [`/og/${draftId}-0123456789ab.jpg`, '/og/999999-0123456789ab.jpg', '/og/0-0123456789ab.jpg', '/og/99999999999-0123456789ab.jpg', '/og/1-XYZ.jpg', '/og/1.jpg', '/og/1-0123456789ab.png', '/og/']) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 404, url)
  }
  assert.equal((await app.inject({ method: 'GET', url: `/og/${'9'.repeat(60)}.jpg` })).statusCode, 400)
})

test('a reader agent fetches the card over HTTP', async (t) => {
  const { app, path } = await setup(t)
  const { image } = await cardOf(app, path)
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  const res = await fetch(base + image)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'image/jpeg')
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata()
  assert.deepEqual([meta.width, meta.height], [1200, 630])
})
