import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { createAccount } from '../staff/index.js'
import { listForModeration } from './moderation.service.js'
import { openRules, seedCommentArticle } from './testing.js'
import { submitComment } from './comments.service.js'
import { reasonText, reportText } from './moderation.page.js'
import { signInByForm } from '../staff/testing.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await openRules(db, { reportsToHold: 3 })
  const article = await seedCommentArticle(db)
  await createAccount(db, { email: 'mod@example.org', name: 'مشرفة', role: 'moderator', password: 'a-long-password-1' }, new Date())
  const comment = await submitComment(db, article.id, { name: 'قارئ', email: 'reader@example.net', body: 'تعليق سيُبلَّغ عنه' }, { ip: '192.0.2.9', userAgent: '', now: new Date() })
  return { app, db, comment }
}

const signIn = (app: Awaited<ReturnType<typeof setup>>['app']) => signInByForm(app, 'mod@example.org', 'a-long-password-1')

test('reports named after Object.prototype keys are stored as "other" and the queue still renders', async (t) => {
  const { app, db, comment } = await setup(t)
  for (const reason of ['constructor', '__proto__', 'toString']) {
    const res = await app.inject({ method: 'POST', url: `/comments/report/${comment.id}`, headers: FORM, payload: `reason=${reason}&details=` })
    assert.equal(res.statusCode, 303, reason)
  }
  const { comments } = await listForModeration(db, { status: 'pending' }, { limit: 10, offset: 0 })
  assert.equal(comments.length, 1, 'three reports hold the comment')
  assert.deepEqual(comments[0].reports.map((r) => r.reason), ['other', 'other', 'other'])

  const cookies = await signIn(app)
  for (const url of ['/newsroom/comments?status=reported', '/newsroom/comments']) {
    const page = await app.inject({ method: 'GET', url, cookies })
    assert.equal(page.statusCode, 200, url)
    assert.match(page.body, /تعليق سيُبلَّغ عنه/, url)
    assert.equal((page.body.match(/<span>سبب آخر<\/span>/g) ?? []).length, 3, url)
    assert.match(page.body, /السبب: أعادته البلاغات إلى المراجعة \(3\)/, url)
  }
})

test('rows stored before the fix (prototype keys, English reasons) still render, worded in Arabic', async (t) => {
  const { app, db, comment } = await setup(t)
  const now = new Date().toISOString()
  for (const reason of ['constructor', '__proto__: تفاصيل', 'hasOwnProperty']) {
    await db.insertInto('comment_report').values({ comment_id: comment.id, reason, reporter_ip: '192.0.2.1', created_at: now, resolved_at: null }).execute()
  }
  await db.updateTable('comment').set({ status: 'pending', status_reason: 'constructor', report_count: 3 }).where('id', '=', comment.id).execute()
  const cookies = await signIn(app)
  const page = await app.inject({ method: 'GET', url: '/newsroom/comments', cookies })
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /السبب: constructor</)
  assert.match(page.body, /<span>سبب آخر \(constructor\)<\/span>/)
  assert.match(page.body, /<span>سبب آخر \(__proto__\): تفاصيل<\/span>/)

  assert.equal(reasonText('3 reports'), 'أعادته البلاغات إلى المراجعة (3)')
  assert.equal(reasonText('4 links'), 'فيه 4 روابط')
  assert.equal(reasonText('word list: إعلان'), 'فيه عبارة من قائمة المراجعة: «إعلان»')
  assert.equal(reasonText('first comment'), 'أول تعليق لهذا المعلّق')
  assert.equal(reasonText('حملة إعلانية'), 'حملة إعلانية', "a moderator's own words, stored before codes")
  for (const key of ['constructor', '__proto__', 'toString', 'valueOf']) {
    assert.equal(reasonText(key), key)
    assert.equal(typeof reportText(key), 'string')
  }
  assert.equal(reportText('abuse: فيه شتيمة'), 'إساءة أو خطاب كراهية: فيه شتيمة')
})

test('new reasons are stored as codes with parameters and worded in Arabic by the queue', async (t) => {
  const { app, db } = await setup(t)
  await openRules(db, { maxLinks: 1, holdWords: ['إعلان'], holdFirstTime: true })
  const article = await seedCommentArticle(db, { title: 'خبر ثان' })
  const ctx = (ip: string) => ({ ip, userAgent: '', now: new Date() })
  await submitComment(db, article.id, { name: 'أ', email: 'a@example.net', body: 'روابط example.com و example.org' }, ctx('192.0.2.20'))
  await submitComment(db, article.id, { name: 'ب', email: 'b@example.net', body: 'فيه إعلان' }, ctx('192.0.2.21'))
  await submitComment(db, article.id, { name: 'ج', email: 'c@example.net', body: 'أول مرة' }, ctx('192.0.2.22'))
  const rows = await db.selectFrom('comment').select('status_reason').where('article_id', '=', article.id).orderBy('id').execute()
  assert.deepEqual(rows.map((r) => r.status_reason), ['links:2', 'word_list:إعلان', 'first_comment'])

  const cookies = await signIn(app)
  const page = await app.inject({ method: 'GET', url: '/newsroom/comments', cookies })
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /السبب: فيه 2 روابط/)
  assert.match(page.body, /السبب: فيه عبارة من قائمة المراجعة: «إعلان»/)
  assert.match(page.body, /السبب: أول تعليق لهذا المعلّق/)

  // A moderator's own words are kept as a note, even when they read like a code.
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const ids = (await db.selectFrom('comment').select('id').where('article_id', '=', article.id).execute()).map((r) => String(r.id))
  const bulk = await app.inject({
    method: 'POST',
    url: '/newsroom/comments/bulk',
    headers: FORM,
    cookies,
    payload: new URLSearchParams([['_csrf', csrf], ['action', 'spam'], ['reason', 'constructor'], ...ids.map((id) => ['ids', id])]).toString(),
  })
  assert.equal(bulk.statusCode, 303)
  const spam = await app.inject({ method: 'GET', url: '/newsroom/comments?status=spam', cookies })
  assert.equal(spam.statusCode, 200)
  assert.equal((spam.body.match(/السبب: constructor</g) ?? []).length, 3)
})
