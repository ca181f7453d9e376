import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { createArticle, ensureSection, ensureTag } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount, createApiToken } from '../staff/index.js'
import { ensurePerson } from '../people/index.js'
import { buildApp } from '../app.js'

// Strings that JavaScript's Number() or Ajv's coercion would read as a number, yet no reader or
// script means as one: each must be a 400 naming the parameter, never a 500, never a guess.
const BAD_NUMBERS = ['Infinity', '-Infinity', '1e309', '1e3', '0x10', '0b1', '0o7', '1.5', '1.0', '', ' 1', '1 ', '+1', '٣', '۳', 'NaN', '1,2', '99999999999999999999']
// Path parameters: an empty segment routes elsewhere, so it is left out there.
const BAD_PATH_NUMBERS = BAD_NUMBERS.filter((v) => v !== '')

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const now = new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const article = await createArticle(db, { title: 'افتتاح مكتبة عامة', bodyHtml: '<p>نص.</p>', sectionId, status: 'published', publishedAt: now }, now)
  const tagId = await ensureTag(db, 'libraries', 'مكتبات')
  const personId = await ensurePerson(db, { slug: 'reporter', name: 'مراسل' }, now)
  await createArticle(db, { title: 'خبر موسوم', bodyHtml: '<p>نص.</p>', sectionId, tagIds: [tagId], authorIds: [personId], status: 'published', publishedAt: now }, now)
  await createAccount(db, { email: 'mod@example.com', name: 'مشرف', role: 'moderator', password: 'a long enough password' }, now)
  const token = (await createApiToken(db, { email: 'mod@example.com' }, now)).token
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  return { app, article, token }
}

test('numeric query and path parameters accept plain decimal digits only: anything else is a 400 naming the parameter', async (t) => {
  const { app, article, token } = await setup(t)
  const auth = { authorization: `Bearer ${token}` }
  // [url with X for the bad value, the parameter named, JSON (API) or an Arabic page, headers]
  const endpoints: [string, string, boolean, Record<string, string>?][] = [
    ['/api/v1/articles?page=X', 'page', true],
    ['/api/v1/articles?limit=X', 'limit', true],
    [`/api/v1/articles/${article.id}/comments?page=X`, 'page', true],
    [`/api/v1/articles/${article.id}/comments?limit=X`, 'limit', true],
    ['/api/v1/search?q=مكتبة&page=X', 'page', true],
    ['/api/v1/search?q=مكتبة&limit=X', 'limit', true],
    ['/api/v1/admin/comments?page=X', 'page', true, auth],
    ['/api/v1/admin/comments?limit=X', 'limit', true, auth],
    ['/api/v1/admin/comments?articleId=X', 'articleId', true, auth],
    ['/section/local?page=X', 'page', false],
    ['/tag/libraries?page=X', 'page', false],
    ['/author/reporter?page=X', 'page', false],
    ['/search?q=مكتبة&page=X', 'page', false],
    [`/comments/${article.id}?page=X`, 'page', false],
    ['/comments/mine?article=X', 'article', false],
  ]
  const pathEndpoints: [string, string, boolean, Record<string, string>?][] = [
    ['/api/v1/articles/X', 'id', true],
    ['/api/v1/articles/X/comments', 'id', true],
    ['/api/v1/admin/comments/X', 'id', true, auth],
    ['/comments/X?page=2', 'articleId', false],
  ]
  const cases = [
    ...endpoints.flatMap(([url, field, json, headers]) => BAD_NUMBERS.map((bad) => ({ url: url.replace('X', encodeURIComponent(bad)), field, json, headers }))),
    ...pathEndpoints.flatMap(([url, field, json, headers]) => BAD_PATH_NUMBERS.map((bad) => ({ url: url.replace('X', encodeURIComponent(bad)), field, json, headers }))),
  ]
  const failures: string[] = []
  for (const { url, field, json, headers } of cases) {
    const res = await app.inject({ url, headers })
    if (res.statusCode !== 400) {
      failures.push(`${url} → ${res.statusCode}`)
      continue
    }
    if (json) {
      const error = res.json().error
      if (error?.code !== 'invalid_parameter' || error.field !== field || !/[\u0600-\u06FF]/.test(error.message)) failures.push(`${url} → ${res.body}`)
    } else if (!/^text\/html/.test(String(res.headers['content-type'])) || !res.body.includes('lang="ar"')) {
      failures.push(`${url} → not the Arabic error page`)
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} answers were not a 400 naming the parameter`)

  // Plain digits still work, leading zeros included.
  for (const url of ['/api/v1/articles?page=1&limit=5', '/api/v1/articles?page=01', `/api/v1/articles/${article.id}`, '/section/local?page=1']) {
    assert.equal((await app.inject({ url })).statusCode, 200, url)
  }
})

test('admin API bodies keep the JSON types as sent: a number is not text', async (t) => {
  const { app, article, token } = await setup(t)
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const posted = await app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: { 'content-type': 'application/json' }, payload: { name: 'قارئ', email: 'r@example.org', body: 'نص' } })
  assert.equal(posted.statusCode, 202)
  const id = posted.json().id

  const table: [string, string, string, object, string][] = [
    ['a number as a reply', 'POST', `/api/v1/admin/comments/${id}/replies`, { body: 5 }, 'body'],
    ['true as a reply', 'POST', `/api/v1/admin/comments/${id}/replies`, { body: true }, 'body'],
    ['a number as an edited body', 'PATCH', `/api/v1/admin/comments/${id}`, { name: 'قارئ', email: 'r@example.org', body: 5 }, 'body'],
    ['a number as a name', 'PATCH', `/api/v1/admin/comments/${id}`, { name: 7, email: 'r@example.org', body: 'نص' }, 'name'],
    ['a number as a reason', 'POST', `/api/v1/admin/comments/${id}/approve`, { reason: 5 }, 'reason'],
  ]
  for (const [name, method, url, payload, field] of table) {
    const res = await app.inject({ method: method as 'POST', url, headers, payload: JSON.stringify(payload) })
    assert.equal(res.statusCode, 400, `${name}: ${res.body}`)
    assert.equal(res.json().error.code, 'invalid_parameter', name)
    assert.equal(res.json().error.field, field, name)
  }
  const reply = await app.inject({ method: 'POST', url: `/api/v1/admin/comments/${id}/replies`, headers, payload: JSON.stringify({ body: '5' }) })
  assert.equal(reply.statusCode, 201, 'the same text as a string is accepted')
})
