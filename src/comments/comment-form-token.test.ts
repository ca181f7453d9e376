import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { formRenderedAt, formToken } from './comment-tokens.js'
import { openRules, seedCommentArticle } from './testing.js'

const HOUR = 3600_000
const READER = { name: 'سلمى الراشد', email: 'salma.r@example.org', url: '', body: 'نص طويل كتبته على مهل طوال المساء' }

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await openRules(db, { minFillSeconds: 3 })
  const article = await seedCommentArticle(db)
  const post = async (renderedAgoMs: number, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/comments/${article.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      payload: new URLSearchParams({ ...READER, ts: await formToken(db, new Date(Date.now() - renderedAgoMs)), homepage: '', parentId: '' }).toString(),
    })
  const stored = async () => (await db.selectFrom('comment').select('id').execute()).length
  return { db, post, stored }
}

test('a form token older than a day is refused like a missing one, and the reader keeps every word with an Arabic message', async (t) => {
  const { db, post, stored } = await setup(t)
  const res = await post(25 * HOUR)
  assert.equal(res.statusCode, 400)
  assert.equal(res.headers['cache-control'], 'private, no-store')
  assert.match(res.body, /انتهت صلاحية نموذج التعليق/)
  assert.match(res.body, /value="سلمى الراشد"/)
  assert.match(res.body, /value="salma.r@example.org"/)
  assert.match(res.body, /نص طويل كتبته على مهل طوال المساء<\/textarea>/)
  assert.equal(await stored(), 0)
  // The form comes back with a fresh token: sending it again (after the minimum fill time) works.
  const ts = /name="ts" value="([^"]+)"/.exec(res.body)?.[1]
  const renderedAt = await formRenderedAt(db, ts)
  assert.ok(renderedAt && Date.now() - renderedAt.getTime() < 60_000, ts)

  const json = await post(25 * HOUR, { accept: 'application/json' })
  assert.equal(json.statusCode, 400)
  assert.equal(json.json().error.code, 'comment_form_expired')
  assert.match(json.json().error.message, /انتهت صلاحية نموذج التعليق/)
  const fresh = await formRenderedAt(db, json.json().error.formToken)
  assert.ok(fresh && Date.now() - fresh.getTime() < 60_000, 'the in-page script gets a fresh token to send again')
  assert.equal(await stored(), 0)
})

test('a form opened 23 hours ago (a long writing session on a cached page) is still accepted', async (t) => {
  const { post, stored } = await setup(t)
  const res = await post(23 * HOUR)
  assert.equal(res.statusCode, 303)
  assert.equal(await stored(), 1)
})
