// What a reader gets when the database fails in the middle of a request: the Arabic 500 page,
// with the site around it when the surroundings can still be read, bare when they cannot, and
// never a stack trace or the database's own words.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { createArticle, ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { messageFor } from './index.js'

const INTERNAL = messageFor('internal')
const LEAKS = /\bat .+:\d+:\d+|SqliteError|Error:|no such table|destroyed|node_modules|\/dist\//

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await app.ready() // the database fails after start-up, not during it
  const now = new Date('2026-03-01T10:00:00Z')
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  const { path } = await createArticle(db, { title: 'خبر عن الاقتصاد', bodyHtml: '<p>نص الخبر.</p>', sectionId, status: 'published', publishedAt: now }, now)
  return { app, db, path }
}

test('a query failing mid-request: the Arabic 500 page inside the site, no stack trace, not cached', async (t) => {
  const { app, db, path } = await setup(t)
  // The article page reads its tags; the site's surroundings do not.
  await sql`alter table tag rename to tag_gone`.execute(db)

  const res = await app.inject({ method: 'GET', url: path })
  assert.equal(res.statusCode, 500)
  assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/)
  assert.equal(res.headers['cache-control'], 'no-store')
  assert.match(res.body, /<html lang="ar" dir="rtl"/)
  assert.match(res.body, /<h1>خطأ في الخادم<\/h1>/)
  assert.ok(res.body.includes(INTERNAL), 'the Arabic message')
  assert.match(res.body, /href="\/section\/economy"/, 'the site around it: the sections')
  assert.doesNotMatch(res.body, LEAKS)

  const api = await app.inject({ method: 'GET', url: `/api/v1/articles/${path.split('/')[2]}` })
  assert.equal(api.statusCode, 500)
  assert.deepEqual(api.json(), { error: { code: 'internal', message: INTERNAL } })
})

test('the database gone altogether: a bare Arabic 500 page, no stack trace', async (t) => {
  const { app, db, path } = await setup(t)
  await db.destroy()

  for (const url of ['/', path]) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 500, url)
    assert.equal(res.headers['cache-control'], 'no-store')
    assert.match(res.body, /^<!doctype html><html lang="ar" dir="rtl">/)
    assert.match(res.body, /<h1>خطأ في الخادم<\/h1>/)
    assert.ok(res.body.includes(INTERNAL), 'the Arabic message')
    assert.doesNotMatch(res.body, /<nav|<header/, 'no chrome: it could not be read')
    assert.doesNotMatch(res.body, LEAKS)
  }
})
