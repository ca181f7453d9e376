import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/index.js'
import { appWithRoles, assertDeskGuards, deskClient, STAFF_PASSWORD } from '../staff/testing.js'

const accountRow = (db: Db, email: string) => db.selectFrom('account').where('email', '=', email).select(['id', 'name', 'role', 'disabled']).executeTakeFirst()

/** A sign-in through the form: its status (303 signed in, 401 refused). */
async function signInStatus(app: FastifyInstance, email: string, password: string): Promise<number> {
  const form = await app.inject({ url: '/newsroom/login' })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
  const res = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    cookies: Object.fromEntries(form.cookies.map((c) => [c.name, c.value])),
    payload: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  })
  return res.statusCode
}

const NEW_ACCOUNT = { email: 'Rawiya@Example.com', name: 'روحية رضوان', role: 'legal', password: 'جملة-سر-طويلة-للمستشارة' }

test('accounts: admins only (editors too are refused); signed out → login; no CSRF token → 403', async (t) => {
  const { app, db } = await appWithRoles(t)
  await assertDeskGuards(app, '/newsroom/accounts', { refused: ['editor', 'writer', 'moderator', 'legal'], allowed: 'admin', post: { url: '/newsroom/accounts', fields: NEW_ACCOUNT } })
  assert.equal(await accountRow(db, 'rawiya@example.com'), undefined)
  const writer = await accountRow(db, 'writer@example.com')
  const editor = await deskClient(app, 'editor@example.com')
  assert.equal((await editor.post(`/newsroom/accounts/${writer!.id}/role`, { role: 'admin' })).statusCode, 403)
  assert.equal((await accountRow(db, 'writer@example.com'))?.role, 'writer')
})

test('accounts: the list names roles in Arabic; a new legal account signs in; refusals keep what was typed but never the password', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin', 'writer'])
  const admin = await deskClient(app, 'admin@example.com')
  const list = await admin.get('/newsroom/accounts')
  assert.match(list.body, /writer@example\.com<\/bdi><\/td><td>كاتب<\/td><td>نشط<\/td>/)
  assert.match(list.body, /<option value="legal">المستشار القانوني<\/option>/)

  const created = await admin.post('/newsroom/accounts', NEW_ACCOUNT)
  assert.equal(created.statusCode, 303)
  assert.equal(created.headers.location, '/newsroom/accounts?done=created')
  assert.match((await admin.get('/newsroom/accounts?done=created')).body, /rawiya@example\.com<\/bdi><\/td><td>المستشار القانوني<\/td>/)
  assert.equal(await signInStatus(app, 'rawiya@example.com', NEW_ACCOUNT.password), 303)

  const again = await admin.post('/newsroom/accounts', { ...NEW_ACCOUNT, name: 'اسم كتبته' })
  assert.equal(again.statusCode, 409)
  assert.match(again.body, /يوجد حساب بهذا البريد الإلكتروني. \(الحقل: البريد الإلكتروني\)/)
  assert.match(again.body, /value="اسم كتبته"/)
  assert.doesNotMatch(again.body, new RegExp(NEW_ACCOUNT.password), 'the password is not sent back')

  const short = await admin.post('/newsroom/accounts', { ...NEW_ACCOUNT, email: 'new@example.com', password: 'قصيرة' })
  assert.equal(short.statusCode, 400)
  assert.match(short.body, /كلمة المرور قصيرة.*\(الحقل: كلمة المرور\)/)
  assert.match(short.body, /value="new@example.com"/)
  assert.match(short.body, /id="new-account-password"[^>]*aria-invalid="true"/)
  const role = await admin.post('/newsroom/accounts', { ...NEW_ACCOUNT, email: 'new@example.com', role: 'owner' })
  assert.equal(role.statusCode, 400)
  assert.match(role.body, /\(الحقل: الدور\)/)
  const email = await admin.post('/newsroom/accounts', { ...NEW_ACCOUNT, email: 'not an email' })
  assert.equal(email.statusCode, 400)
  assert.match(email.body, /value="not an email"/)
  assert.equal(await accountRow(db, 'new@example.com'), undefined)
})

test('accounts: a new role applies from the next request; an admin cannot demote or disable themselves', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin', 'writer'])
  const admin = await deskClient(app, 'admin@example.com')
  const writer = await deskClient(app, 'writer@example.com')
  const writerId = (await accountRow(db, 'writer@example.com'))!.id
  const adminId = (await accountRow(db, 'admin@example.com'))!.id
  assert.equal((await writer.get('/newsroom/sections')).statusCode, 403)

  const promoted = await admin.post(`/newsroom/accounts/${writerId}/role`, { role: 'editor' })
  assert.equal(promoted.statusCode, 303)
  assert.equal(promoted.headers.location, `/newsroom/accounts/${writerId}?done=role`)
  assert.match((await admin.get(promoted.headers.location as string)).body, /تغيّر الدور/)
  assert.equal((await writer.get('/newsroom/sections')).statusCode, 200, 'the same session, the new role')

  const demoted = await admin.post(`/newsroom/accounts/${adminId}/role`, { role: 'writer' })
  assert.equal(demoted.statusCode, 409)
  assert.match(demoted.body, /لا يمكنك تعطيل حسابك أو تغيير دورك بنفسك/)
  assert.match(demoted.body, /<option value="writer" selected>/, 'the choice made stays in the form')
  const disabled = await admin.post(`/newsroom/accounts/${adminId}/disabled`, { disabled: '1' })
  assert.equal(disabled.statusCode, 409)
  assert.match(disabled.body, /\(الحقل: حالة الحساب\)/)
  assert.deepEqual(await accountRow(db, 'admin@example.com'), { id: adminId, name: 'مدير النظام التجريبي', role: 'admin', disabled: 0 })
  assert.equal((await admin.post(`/newsroom/accounts/${writerId}/role`, { role: 'owner' })).statusCode, 400)
})

test('accounts: disabling ends every session of the account; enabling lets it sign in again', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin', 'writer'])
  const admin = await deskClient(app, 'admin@example.com')
  const writer = await deskClient(app, 'writer@example.com')
  const writerId = (await accountRow(db, 'writer@example.com'))!.id
  assert.equal((await writer.get('/newsroom')).statusCode, 200)

  const off = await admin.post(`/newsroom/accounts/${writerId}/disabled`, { disabled: '1' })
  assert.equal(off.statusCode, 303)
  assert.match((await admin.get(off.headers.location as string)).body, /عُطّل الحساب وأُنهيت جلساته/)
  assert.equal(await db.selectFrom('staff_session').where('account_id', '=', writerId).select('account_id').executeTakeFirst(), undefined)
  assert.equal((await writer.get('/newsroom')).statusCode, 303)
  assert.equal(await signInStatus(app, 'writer@example.com', STAFF_PASSWORD), 401)
  assert.match((await admin.get('/newsroom/accounts')).body, /writer@example\.com<\/bdi><\/td><td>كاتب<\/td><td>معطّل<\/td>/)

  assert.equal((await admin.post(`/newsroom/accounts/${writerId}/disabled`, { disabled: '0' })).statusCode, 303)
  assert.equal(await signInStatus(app, 'writer@example.com', STAFF_PASSWORD), 303)
  assert.equal((await admin.post(`/newsroom/accounts/${writerId}/disabled`, { disabled: 'maybe' })).statusCode, 400)
  assert.equal((await admin.post('/newsroom/accounts/999999/disabled', { disabled: '1' })).statusCode, 404)
})

test('accounts: a password reset follows the password rules and signs the account out everywhere', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin', 'writer'])
  const admin = await deskClient(app, 'admin@example.com')
  const writer = await deskClient(app, 'writer@example.com')
  const writerId = (await accountRow(db, 'writer@example.com'))!.id

  const short = await admin.post(`/newsroom/accounts/${writerId}/password`, { password: '123' })
  assert.equal(short.statusCode, 400)
  assert.match(short.body, /\(الحقل: كلمة المرور\)/)
  assert.equal((await writer.get('/newsroom')).statusCode, 200, 'a refused reset changes nothing')

  const reset = await admin.post(`/newsroom/accounts/${writerId}/password`, { password: 'كلمة-مرور-جديدة-تماماً' })
  assert.equal(reset.statusCode, 303)
  assert.equal(reset.headers.location, `/newsroom/accounts/${writerId}?done=password`)
  assert.equal((await writer.get('/newsroom')).statusCode, 303, 'the old session ended')
  assert.equal(await signInStatus(app, 'writer@example.com', STAFF_PASSWORD), 401)
  assert.equal(await signInStatus(app, 'writer@example.com', 'كلمة-مرور-جديدة-تماماً'), 303)
})

test('accounts: an API token is shown once, works with the account\'s role, and is revoked one by one or all at once', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin', 'moderator'])
  const admin = await deskClient(app, 'admin@example.com')
  const moderatorId = (await accountRow(db, 'moderator@example.com'))!.id
  const api = (token: string) => app.inject({ url: '/api/v1/admin/comments', headers: { authorization: `Bearer ${token}` } })

  const made = await admin.post(`/newsroom/accounts/${moderatorId}/tokens`, { label: 'سكربت الإشراف' })
  assert.equal(made.statusCode, 201)
  assert.equal(made.headers['cache-control'], 'private, no-store')
  const token = /<code dir="ltr" class="nr-token-value">(nashra_[\w-]+)<\/code>/.exec(made.body)?.[1]
  assert.ok(token, 'the token is on the page')
  assert.match(made.body, /يظهر هذه المرة فقط/)
  assert.equal((await api(token)).statusCode, 200)
  const page = await admin.get(`/newsroom/accounts/${moderatorId}`)
  assert.doesNotMatch(page.body, new RegExp(token), 'never shown again')
  assert.match(page.body, /<td>سكربت الإشراف<\/td>/)

  const second = /class="nr-token-value">(nashra_[\w-]+)</.exec((await admin.post(`/newsroom/accounts/${moderatorId}/tokens`, { label: '' })).body)![1]
  const first = await db.selectFrom('api_token').where('account_id', '=', moderatorId).select('id').orderBy('id').executeTakeFirstOrThrow()
  assert.equal((await admin.post(`/newsroom/accounts/${moderatorId}/tokens/${first.id}/revoke`)).statusCode, 303)
  assert.equal((await api(token)).statusCode, 401)
  assert.equal((await api(second)).statusCode, 200)
  const all = await admin.post(`/newsroom/accounts/${moderatorId}/tokens/revoke`)
  assert.equal(all.statusCode, 303)
  assert.match((await admin.get(all.headers.location as string)).body, /أُلغيت المفاتيح/)
  assert.equal((await api(second)).statusCode, 401)

  const long = await admin.post(`/newsroom/accounts/${moderatorId}/tokens`, { label: 'و'.repeat(101) })
  assert.equal(long.statusCode, 400)
  assert.match(long.body, new RegExp(`value="${'و'.repeat(101)}"`))
  assert.equal((await admin.post(`/newsroom/accounts/${moderatorId}/tokens`, { label: 'x' }, { csrf: false })).statusCode, 403)
})
