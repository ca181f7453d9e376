import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../http/app.js'
import { getCommentSettings } from './comment-settings.js'
import { formToken } from './comment-tokens.js'
import { openRules, seedCommentArticle } from './comments-testing.js'

async function setup(t: TestContext, env: Record<string, string> = {}) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', ...env })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const article = await seedCommentArticle(db)
  return { app, db, article }
}

/** A form post as a browser sends it: same-origin, url-encoded, with a form token old enough. */
async function formPost(app: Awaited<ReturnType<typeof setup>>['app'], db: Awaited<ReturnType<typeof setup>>['db'], articleId: number, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const ts = await formToken(db, new Date(Date.now() - 60_000))
  return app.inject({
    method: 'POST',
    url: `/comments/${articleId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', host: 'localhost', 'sec-fetch-site': 'same-origin', ...headers },
    payload: new URLSearchParams({ ts, homepage: '', parentId: '', ...fields }).toString(),
  })
}

const READER = { name: 'سلمى الراشد', email: 'salma.r@example.org', url: '', body: 'شكراً على هذا التقرير المفصّل.' }

test('a first comment through the HTML form: 303 to the held notice, a signed cookie, nothing in the cached page', async (t) => {
  const { app, db, article } = await setup(t)
  const res = await formPost(app, db, article.id, { ...READER, remember: '1' })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `${article.path}#comment-held`)
  const cookies = res.cookies
  const held = cookies.find((c) => c.name === 'nashra_held')
  assert.ok(held, 'held cookie set')
  assert.ok(cookies.find((c) => c.name === 'nashra_commenter'), 'remember-me cookie set')

  const page = await app.inject({ method: 'GET', url: article.path, cookies: { nashra_held: held.value } })
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /شكراً على هذا التقرير/)
  assert.match(page.body, /اترك تعليقاً/)
  assert.match(page.body, /لن يتم نشر عنوان بريدك الإلكتروني\. الحقول الإلزامية مشار إليها بـ/)
  assert.match(page.body, /id="comment-held"[^>]*>\s*تعليقك بانتظار المراجعة/)

  const mine = await app.inject({ method: 'GET', url: `/comments/mine?article=${article.id}`, cookies: { nashra_held: held.value } })
  assert.equal(mine.statusCode, 200)
  assert.equal(mine.headers['cache-control'], 'private, no-store')
  assert.equal(mine.json().comments.length, 1)
  assert.match(mine.json().comments[0].html, /شكراً على هذا التقرير/)

  const stranger = await app.inject({ method: 'GET', url: `/comments/mine?article=${article.id}`, cookies: { nashra_held: held.value.replace(/\..*/, '.AAAAAAAAAAAAAAAAAAAAAA') } })
  assert.equal(stranger.json().comments.length, 0, held.value + ' ' + stranger.body)
})
