import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { formToken } from './comment-tokens.js'
import { openRules, seedCommentArticle } from './testing.js'

// Every hostile or broken submission gets a clear 4xx answer (never a 500) and stores nothing half-made.
test('the bad-input table over the JSON API and the HTML form', async (t) => {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  await openRules(db)
  const article = await seedCommentArticle(db)
  const other = await seedCommentArticle(db, { title: 'خبر آخر' })
  const draft = await seedCommentArticle(db, { status: 'draft', title: 'مسودة' })
  const api = `/api/v1/articles/${article.id}/comments`
  const ok = { name: 'قارئ', email: 'reader@example.org', body: 'نص' }
  const onOther = await app.inject({ method: 'POST', url: `/api/v1/articles/${other.id}/comments`, payload: ok })
  assert.equal(onOther.statusCode, 202)
  const otherId = onOther.json().id

  const json = (payload: string | object, url = api, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) })
  const invalidUtf8 = Buffer.concat([Buffer.from('{"name":"قارئ","email":"a@example.org","body":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')])

  const table: [string, () => ReturnType<typeof json>, number, string, string?][] = [
    ['missing fields', () => json({}), 400, 'field_required', 'name'],
    ['missing body', () => json({ name: 'قارئ', email: 'a@example.org' }), 400, 'field_required', 'body'],
    ['not an object', () => json('[1,2,3]'), 400, 'field_required', 'name'],
    ['a number for a name', () => json({ ...ok, name: 12 }), 400, 'invalid_parameter', 'name'],
    ['invalid UTF-8', () => app.inject({ method: 'POST', url: api, headers: { 'content-type': 'application/json' }, payload: invalidUtf8 }), 400, 'invalid_text', 'body'],
    ['lone surrogate', () => json('{"name":"x","email":"a@example.org","body":"\\ud800"}'), 400, 'invalid_text', 'body'],
    ['body over 5,000', () => json({ ...ok, body: 'ب'.repeat(5001) }), 400, 'field_too_long', 'body'],
    ['name over 100', () => json({ ...ok, name: 'ن'.repeat(101) }), 400, 'field_too_long', 'name'],
    ['email over 254', () => json({ ...ok, email: 'a'.repeat(250) + '@example.org' }), 400, 'field_too_long', 'email'],
    ['website over 2,000', () => json({ ...ok, url: 'https://example.org/' + 'a'.repeat(2000) }), 400, 'field_too_long', 'url'],
    ['a 1 MB comment (under the body limit)', () => json({ ...ok, body: 'x'.repeat(1_000_000) }), 400, 'field_too_long', 'body'],
    ['a 2 MB request', () => json({ ...ok, body: 'x'.repeat(2_000_000) }), 413, 'payload_too_large'],
    ['malformed JSON', () => json('{"name": '), 400, 'bad_request'],
    ['a form body on the JSON endpoint', () => app.inject({ method: 'POST', url: api, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=a&email=a%40example.org&body=x' }), 415, 'unsupported_media_type'],
    ['text/plain', () => app.inject({ method: 'POST', url: api, headers: { 'content-type': 'text/plain' }, payload: 'hello' }), 415, 'unsupported_media_type'],
    ['parentId of another article', () => json({ ...ok, parentId: otherId }), 400, 'comment_parent_invalid', 'parentId'],
    ['parentId not a number', () => json({ ...ok, parentId: 'DROP TABLE' }), 400, 'comment_parent_invalid', 'parentId'],
    ['a missing article', () => json(ok, '/api/v1/articles/999999/comments'), 404, 'article_not_found'],
    ['an unpublished article', () => json(ok, `/api/v1/articles/${draft.id}/comments`), 404, 'article_not_found'],
    ['an id out of range', () => json(ok, '/api/v1/articles/99999999999/comments'), 400, 'invalid_parameter', 'id'],
  ]
  for (const [name, send, status, code, field] of table) {
    const res = await send()
    assert.equal(res.statusCode, status, `${name}: ${res.body.slice(0, 200)}`)
    assert.equal(res.json().error.code, code, name)
    if (field) assert.equal(res.json().error.field, field, name)
    assert.match(res.json().error.message, /[\u0600-\u06FF]/, `${name}: an Arabic message`)
  }

  // Hostile text that is allowed is stored as text: escaped, without bidi or invisible characters.
  const hostile = await json({
    name: '\u202Eأحمد\u2069',
    email: 'h@example.org',
    body: `<img src=x onerror=alert(1)> <script>alert(1)</script> ' OR 1=1; DROP TABLE comment; -- \u0000\u001b[31m \u200B\u200B\u200B\u2067مقلوب\u2069`,
  })
  assert.equal(hostile.statusCode, 202)
  const list = await app.inject({ method: 'GET', url: api })
  const stored = list.json().comments.find((c: { id: number }) => c.id === hostile.json().id)
  assert.equal(stored.name, 'أحمد')
  assert.equal(stored.body, "<img src=x onerror=alert(1)> <script>alert(1)</script> ' OR 1=1; DROP TABLE comment; -- [31m مقلوب")
  const page = await app.inject({ method: 'GET', url: article.path })
  assert.doesNotMatch(page.body, /<img src=x|<script>alert/)
  assert.doesNotMatch(page.body, /[\u202A-\u202E\u2066-\u2069]/)
  assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/)
  assert.equal(list.json().total, 1, 'only the good comment of this article was stored')

  // The HTML form: a 2 MB post is a clean 413 page; invalid percent-encoding is a clean 400.
  const big = await app.inject({ method: 'POST', url: `/comments/${article.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'body=' + 'x'.repeat(2_000_000) })
  assert.equal(big.statusCode, 413)
  assert.match(big.body, /lang="ar"/)
  const ts = await formToken(db, new Date(Date.now() - 60_000))
  const bytes = await app.inject({ method: 'POST', url: `/comments/${article.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `ts=${encodeURIComponent(ts)}&name=%C3%28&email=a%40example.org&body=%FF%FE` })
  assert.equal(bytes.statusCode, 400)
  assert.match(bytes.body, /ترميز غير صالح|اكتب/)
  const unpublished = await app.inject({ method: 'POST', url: `/comments/${draft.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `ts=${encodeURIComponent(ts)}&name=a&email=a%40example.org&body=x` })
  assert.equal(unpublished.statusCode, 404)
})
