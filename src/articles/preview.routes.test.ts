import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { randomBytes } from 'node:crypto'
import { createArticle, ensureSection, PREVIEW_TOKEN, previewArticlePath, previewTokenOf } from './index.js'

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const now = new Date('2026-03-01T10:00:00Z')
  const draft = await createArticle(db, { title: 'مسودة عن مشروع القطار', summary: 'ملخص المسودة', bodyHtml: '<p>نص لم يُنشر بعد.</p>', sectionId, status: 'draft' }, now)
  const token = await previewTokenOf(db, draft.id)
  await db.updateTable('article').set({ seo_title: 'عنوان لمحركات البحث' }).where('id', '=', draft.id).execute()
  return { app, db, draft, token, sectionId, now }
}

test('the desk’s preview tokens are ones this route accepts; previewArticlePath points at /preview/', async (t) => {
  const { token } = await setup(t)
  assert.match(token, PREVIEW_TOKEN)
  assert.equal(previewArticlePath('abc_-XYZ'), '/preview/abc_-XYZ')
})

test('a preview link shows an unpublished article with a banner, private, never indexed, never cached', async (t) => {
  const { app, draft, token } = await setup(t)
  // Readers cannot reach the draft at its own address.
  assert.equal((await app.inject({ method: 'GET', url: draft.path })).statusCode, 404)

  const res = await app.inject({ method: 'GET', url: previewArticlePath(token) })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['cache-control'], 'private, no-store')
  assert.equal(res.headers['x-robots-tag'], 'noindex')
  assert.equal(res.headers['referrer-policy'], 'no-referrer')
  assert.equal(res.headers['surrogate-key'], undefined)
  assert.equal(res.headers.etag, undefined)
  assert.match(res.body, /<div class="preview-banner" role="status">[\s\S]*معاينة — هذه المقالة غير منشورة/)
  assert.match(res.body, /مسودة عن مشروع القطار/)
  assert.match(res.body, /<title>عنوان لمحركات البحث \|/)
  assert.match(res.body, /<meta name="robots" content="noindex"/)
  assert.doesNotMatch(res.body, /rel="canonical"|application\/ld\+json|id="comments"|class="share"/)
})

test('a preview shows the article as it is now, and is not served from any cache', async (t) => {
  const { app, db, draft, token } = await setup(t)
  await app.inject({ method: 'GET', url: previewArticlePath(token) })
  await db.updateTable('article').set({ title: 'عنوان بعد التعديل' }).where('id', '=', draft.id).execute()
  const res = await app.inject({ method: 'GET', url: previewArticlePath(token) })
  assert.match(res.body, /عنوان بعد التعديل/)
})

test('a published article’s preview says it is published and links to it', async (t) => {
  const { app, db, sectionId, now } = await setup(t)
  const published = await createArticle(db, { title: 'خبر منشور', bodyHtml: '<p>نص</p>', sectionId, status: 'published', publishedAt: now }, now)
  const token = await previewTokenOf(db, published.id)
  const res = await app.inject({ method: 'GET', url: previewArticlePath(token) })
  assert.match(res.body, /معاينة — هذه المقالة منشورة/)
  assert.match(res.body, new RegExp(`<a href="${published.path.replace(/[/.]/g, '\\$&')}">افتح صفحتها المنشورة</a>`))
})

test('an unknown, short or odd token is a 404 never stored', async (t) => {
  const { app, token } = await setup(t)
  for (const url of [previewArticlePath(randomBytes(24).toString('base64url')), '/preview/short', `/preview/${token.slice(0, 31)}`, `/preview/${token}x`, `/preview/${encodeURIComponent(`${token}'--`)}`, `/preview/${'a'.repeat(300)}`]) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, url.length > 250 ? 400 : 404, url)
    assert.match(String(res.headers['cache-control']), /no-store/, url)
    assert.doesNotMatch(res.body, /مسودة عن مشروع القطار/)
  }
})

test('a preview over real HTTP', async (t) => {
  const { app, token } = await setup(t)
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  for (let i = 0; i < 2; i++) {
    const res = await fetch(base + previewArticlePath(token))
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('cache-control'), 'private, no-store')
    assert.match(await res.text(), /معاينة — هذه المقالة غير منشورة/)
  }
})
