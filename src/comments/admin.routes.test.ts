import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { createAccount, createApiToken } from '../staff/index.js'
import { seedCommentArticle } from './testing.js'
import { submitComment } from './comments.service.js'
import { signInByForm } from '../staff/testing.js'

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const article = await seedCommentArticle(db)
  const now = new Date()
  await createAccount(db, { email: 'mod@example.org', name: 'مشرفة التعليقات', role: 'moderator', password: 'a-long-password-1' }, now)
  await createAccount(db, { email: 'writer@example.org', name: 'كاتب', role: 'writer', password: 'a-long-password-2' }, now)
  const { token } = await createApiToken(db, { email: 'mod@example.org' }, now)
  const { token: writerToken } = await createApiToken(db, { email: 'writer@example.org' }, now)
  const held = await submitComment(db, article.id, { name: 'زائر', email: 'visitor.unique@example.net', body: 'تعليق ينتظر' }, { ip: '192.0.2.10', userAgent: '', now })
  return { app, db, article, token, writerToken, held }
}

test('admin API: list by status with emails for moderators, approve/spam/trash/restore, 401/403/400', async (t) => {
  const { app, article, token, writerToken, held } = await setup(t)
  const auth = { authorization: `Bearer ${token}` }
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/admin/comments' })).statusCode, 401)
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/admin/comments', headers: { authorization: `Bearer ${writerToken}` } })).statusCode, 403)
  const bad = await app.inject({ method: 'GET', url: '/api/v1/admin/comments?status=nope', headers: auth })
  assert.equal(bad.statusCode, 400)
  assert.equal(bad.json().error.field, 'status')

  const pending = await app.inject({ method: 'GET', url: '/api/v1/admin/comments?status=pending', headers: auth })
  assert.equal(pending.statusCode, 200)
  const [c] = pending.json().comments
  assert.deepEqual(
    { id: c.id, articleId: c.articleId, parentId: c.parentId, name: c.name, email: c.email, body: c.body, status: c.status },
    { id: held.id, articleId: article.id, parentId: null, name: 'زائر', email: 'visitor.unique@example.net', body: 'تعليق ينتظر', status: 'pending' },
  )
  assert.ok(Date.parse(c.createdAt))

  for (const [action, status] of [['approve', 'approved'], ['spam', 'spam'], ['restore', 'approved'], ['trash', 'trash'], ['restore', 'approved']]) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/admin/comments/${held.id}/${action}`, headers: auth })
    assert.equal(res.statusCode, 200, action)
    assert.equal(res.json().status, status, action)
  }
  const page = await app.inject({ method: 'GET', url: article.path })
  assert.match(page.body, /تعليق ينتظر/)
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/admin/comments/99999/approve', headers: auth })).statusCode, 404)
  assert.equal((await app.inject({ method: 'POST', url: `/api/v1/admin/comments/${held.id}/explode`, headers: auth })).statusCode, 400)

  const edited = await app.inject({ method: 'PATCH', url: `/api/v1/admin/comments/${held.id}`, headers: auth, payload: { name: 'زائر', email: 'visitor.unique@example.net', body: 'نص بعد التحرير' } })
  assert.equal(edited.statusCode, 200)
  assert.equal(edited.json().body, 'نص بعد التحرير')
  const tooLong = await app.inject({ method: 'PATCH', url: `/api/v1/admin/comments/${held.id}`, headers: auth, payload: { name: 'زائر', email: 'x', body: 'ن' } })
  assert.equal(tooLong.statusCode, 400)
  assert.equal(tooLong.json().error.field, 'email')

  const reply = await app.inject({ method: 'POST', url: `/api/v1/admin/comments/${held.id}/replies`, headers: auth, payload: { body: 'ردّ من فريق التحرير' } })
  assert.equal(reply.statusCode, 201)
  const after = await app.inject({ method: 'GET', url: article.path })
  assert.match(after.body, /ردّ من فريق التحرير/)
  assert.match(after.body, /staff-badge">فريق التحرير/)
  assert.match(after.body, /data-count="2">التعليقات <span id="comments-count" class="comment-count">\(تعليقان\)</)
})

test('the moderation page: sign in, see the queue with reasons, approve one, act in bulk; others are turned away', async (t) => {
  const { app, db, article, held } = await setup(t)
  const anonymous = await app.inject({ method: 'GET', url: '/newsroom/comments' })
  assert.equal(anonymous.statusCode, 303)
  const writer = await signInByForm(app, 'writer@example.org', 'a-long-password-2')
  assert.equal((await app.inject({ method: 'GET', url: '/newsroom/comments', cookies: writer })).statusCode, 403)

  const cookies = await signInByForm(app, 'mod@example.org', 'a-long-password-1')
  const queue = await app.inject({ method: 'GET', url: '/newsroom/comments', cookies })
  assert.equal(queue.statusCode, 200)
  assert.equal(queue.headers['cache-control'], 'private, no-store')
  assert.match(queue.body, /تعليق ينتظر/)
  assert.match(queue.body, /visitor\.unique@example\.net/)
  assert.match(queue.body, /السبب: أول تعليق لهذا المعلّق/)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(queue.body)?.[1] ?? ''

  const post = (url: string, fields: Record<string, string | string[]>) =>
    app.inject({
      method: 'POST',
      url,
      cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString(),
    })
  assert.equal((await post(`/newsroom/comments/${held.id}/approve`, { back: '/newsroom/comments?status=pending' })).statusCode, 403, 'no CSRF token')
  const approved = await post(`/newsroom/comments/${held.id}/approve`, { _csrf: csrf, back: '/newsroom/comments?status=pending' })
  assert.equal(approved.statusCode, 303)
  assert.equal(approved.headers.location, '/newsroom/comments?status=pending&done=1')
  assert.match((await app.inject({ method: 'GET', url: article.path })).body, /data-count="1">التعليقات <span id="comments-count" class="comment-count">\(تعليق واحد\)</)

  const more = []
  for (let i = 0; i < 3; i++) more.push(await submitComment(db, article.id, { name: `قارئ ${i}`, email: `bulk${i}@example.net`, body: `تعليق جماعي ${i}` }, { ip: `192.0.2.${20 + i}`, userAgent: '', now: new Date() }))
  const bulk = await post('/newsroom/comments/bulk', { _csrf: csrf, action: 'spam', ids: more.map((m) => String(m.id)), reason: 'حملة إعلانية', back: '/newsroom/comments?status=pending' })
  assert.equal(bulk.statusCode, 303)
  const spam = await app.inject({ method: 'GET', url: '/newsroom/comments?status=spam', cookies })
  assert.equal((spam.body.match(/تعليق جماعي/g) ?? []).length, 3)
  assert.match(spam.body, /السبب: حملة إعلانية/)

  const edit = await app.inject({ method: 'GET', url: `/newsroom/comments/${held.id}/edit`, cookies })
  assert.equal(edit.statusCode, 200)
  const saved = await post(`/newsroom/comments/${held.id}/edit`, { _csrf: csrf, name: 'زائر', email: 'visitor.unique@example.net', url: '', body: 'نص محرَّر' })
  assert.equal(saved.statusCode, 303)
  const invalid = await post(`/newsroom/comments/${held.id}/edit`, { _csrf: csrf, name: '', email: 'visitor.unique@example.net', url: '', body: 'يبقى النص' })
  assert.equal(invalid.statusCode, 400)
  assert.match(invalid.body, /اكتب اسمك/)
  assert.match(invalid.body, /يبقى النص/)
  const reply = await post(`/newsroom/comments/${held.id}/reply`, { _csrf: csrf, body: 'ردّ المحررة' })
  assert.equal(reply.statusCode, 303)
  const page = await app.inject({ method: 'GET', url: article.path })
  assert.match(page.body, /نص محرَّر/)
  assert.match(page.body, /ردّ المحررة/)
})

test('the settings page saves the rules (word lists, limits) and closes comments on one article', async (t) => {
  const { app, db, article } = await setup(t)
  const cookies = await signInByForm(app, 'mod@example.org', 'a-long-password-1')
  const page = await app.inject({ method: 'GET', url: '/newsroom/comments/settings', cookies })
  assert.equal(page.statusCode, 200)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const post = (url: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, cookies, headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, payload: new URLSearchParams(fields).toString() })
  const numbers = { maxLinks: '1', closeAfterDays: '0', floodSeconds: '0', minFillSeconds: '0', nameMax: '100', emailMax: '254', urlMax: '2000', bodyMax: '3000', perPage: '50', maxDepth: '3', reportsToHold: '3' }
  const bad = await post('/newsroom/comments/settings', { _csrf: csrf, ...numbers, bodyMax: '5' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /أقصى طول للتعليق/)
  // 3000 as Number() would read it, but not as anyone types it: refused, not guessed.
  for (const unusual of ['0xbb8', '3e3', ' 3000', '3000.0', '+3000']) {
    const res = await post('/newsroom/comments/settings', { _csrf: csrf, ...numbers, bodyMax: unusual })
    assert.equal(res.statusCode, 400, unusual)
  }
  const saved = await post('/newsroom/comments/settings', { _csrf: csrf, ...numbers, holdWords: 'كلمة مريبة\nأخرى', rejectWords: '', autoApproveKnown: '1' })
  assert.equal(saved.statusCode, 303)
  const { getCommentSettings } = await import('./comment-settings.js')
  const settings = await getCommentSettings(db)
  assert.equal(settings.bodyMax, 3000)
  assert.equal(settings.holdFirstTime, false)
  assert.deepEqual(settings.holdWords, ['كلمة مريبة', 'أخرى'])
  const held = await app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, payload: { name: 'س', email: 's@example.org', body: 'فيها كلمه مريبه حقاً' } })
  assert.equal(held.json().status, 'pending')
  const closed = await post('/newsroom/comments/article', { _csrf: csrf, articleId: String(article.id), open: '0' })
  assert.equal(closed.statusCode, 303)
  const refused = await app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, payload: { name: 'س', email: 's2@example.org', body: 'بعد الإغلاق' } })
  assert.equal(refused.statusCode, 403)
  assert.equal(refused.json().error.code, 'comments_closed')
  assert.match((await app.inject({ method: 'GET', url: article.path })).body, /التعليقات مغلقة على هذا الخبر/)
})
