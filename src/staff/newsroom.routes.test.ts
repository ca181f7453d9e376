import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { createAccount, newsroomCsrf, NewsroomLayout, sha256, staffOnly, verifyNewsroomCsrf } from './index.js'

const PASSWORD = 'كلمة-سر-طويلة-1'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

async function setup(t: TestContext, env: Record<string, string> = {}) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', ...env })
  const app = await buildApp(config, db)
  // A feature page behind the hooks, as the comment queue uses them.
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', staffOnly('comments.moderate'))
      scope.addHook('preHandler', verifyNewsroomCsrf)
      scope.get('/', async (request, reply) =>
        reply.html(NewsroomLayout({ staff: request.staff!, title: 'اختبار', csrf: newsroomCsrf(request), children: '<p>queue</p>' }) as string),
      )
      scope.post('/act', async (request) => ({ ok: true, by: request.staff!.email }))
    },
    { prefix: '/newsroom/test-queue' },
  )
  t.after(() => app.close())
  const now = new Date()
  await createAccount(db, { email: 'mod@example.com', name: 'مشرف', role: 'moderator', password: PASSWORD }, now)
  await createAccount(db, { email: 'writer@example.com', name: 'كاتبة', role: 'writer', password: PASSWORD }, now)
  return { app, db }
}

function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const jar: Record<string, string> = {}
  for (const line of ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? [])) {
    const [pair] = line.split(';')
    const [name, value] = pair.split('=')
    jar[name] = value
  }
  return jar
}

const csrfIn = (html: string) => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? ''

async function loginForm(app: FastifyInstance, url = '/newsroom/login') {
  const res = await app.inject({ url })
  assert.equal(res.statusCode, 200)
  return { csrf: csrfIn(res.body), cookie: `nashra_login=${cookiesOf(res).nashra_login}`, body: res.body }
}

async function postLogin(app: FastifyInstance, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const { csrf, cookie } = await loginForm(app)
  return app.inject({
    method: 'POST',
    url: '/newsroom/login',
    headers: { ...FORM, cookie, ...headers },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  })
}

async function signIn(app: FastifyInstance, email = 'mod@example.com') {
  const res = await postLogin(app, { email, password: PASSWORD })
  assert.equal(res.statusCode, 303)
  const session = cookiesOf(res).nashra_session
  assert.ok(session)
  return `nashra_session=${session}`
}

test('newsroom pages send strangers to the login form and come back after sign-in', async (t) => {
  const { app, db } = await setup(t)
  const res = await app.inject({ url: '/newsroom/test-queue?status=pending' })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/newsroom/login?next=%2Fnewsroom%2Ftest-queue%3Fstatus%3Dpending')
  assert.equal(res.headers['cache-control'], 'private, no-store')

  const form = await loginForm(app, res.headers.location as string)
  assert.match(form.body, /<html lang="ar" dir="rtl"/)
  assert.match(form.body, /<label for="login-email">البريد الإلكتروني<\/label>/)
  assert.match(form.body, /name="next" value="\/newsroom\/test-queue\?status=pending"/)

  const login = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    headers: { ...FORM, cookie: form.cookie, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
    payload: new URLSearchParams({ _csrf: form.csrf, email: 'MOD@example.com', password: PASSWORD, next: '/newsroom/test-queue?status=pending' }).toString(),
  })
  assert.equal(login.statusCode, 303)
  assert.equal(login.headers.location, '/newsroom/test-queue?status=pending')
  const setCookie = ([] as string[]).concat(login.headers['set-cookie'] as string[])
  const sessionCookie = setCookie.find((c) => c.startsWith('nashra_session='))!
  assert.match(sessionCookie, /HttpOnly/)
  assert.match(sessionCookie, /SameSite=Lax/)
  assert.match(sessionCookie, /Path=\/newsroom/)
  assert.doesNotMatch(sessionCookie, /Secure/)
  const id = cookiesOf(login).nashra_session
  const stored = await db.selectFrom('staff_session').select('id_hash').execute()
  assert.deepEqual(stored, [{ id_hash: sha256(id) }], 'only the hash of the session id is stored')

  const page = await app.inject({ url: '/newsroom/test-queue', headers: { cookie: `nashra_session=${id}` } })
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['cache-control'], 'private, no-store')
  assert.match(page.body, /مشرف/)
  assert.match(page.body, /تسجيل الخروج/)

  const home = await app.inject({ url: '/newsroom', headers: { cookie: `nashra_session=${id}` } })
  assert.equal(home.statusCode, 200)
  assert.match(home.body, /href="\/newsroom\/comments"/)
  assert.equal(home.headers['cache-control'], 'private, no-store')
})

test('a wrong password or an unknown email gets the same generic message, and the email stays in the form', async (t) => {
  const { app } = await setup(t)
  const wrong = await postLogin(app, { email: 'mod@example.com', password: 'not the password' })
  const unknown = await postLogin(app, { email: 'ghost@example.com', password: 'not the password' })
  for (const res of [wrong, unknown]) {
    assert.equal(res.statusCode, 401)
    assert.match(res.body, /البريد الإلكتروني أو كلمة المرور غير صحيحة/)
    assert.equal(cookiesOf(res).nashra_session, undefined)
    assert.doesNotMatch(res.body, /not the password/)
  }
  assert.match(wrong.body, /value="mod@example.com"/)
  assert.equal(wrong.body.replace(/mod@example\.com/g, 'X').replace(/"_csrf" value="[^"]*"/, ''), unknown.body.replace(/ghost@example\.com/g, 'X').replace(/"_csrf" value="[^"]*"/, ''))
})

test('five failures lock the email for 15 minutes with 429, Retry-After and an Arabic message', async (t) => {
  const { app } = await setup(t)
  for (let i = 0; i < 5; i++) assert.equal((await postLogin(app, { email: 'mod@example.com', password: `guess number ${i}` })).statusCode, 401)
  const locked = await postLogin(app, { email: 'mod@example.com', password: PASSWORD })
  assert.equal(locked.statusCode, 429)
  const retryAfter = Number(locked.headers['retry-after'])
  assert.ok(retryAfter > 850 && retryAfter <= 900, String(retryAfter))
  assert.match(locked.body, /محاولات دخول فاشلة كثيرة/)
  assert.match(locked.body, /15 دقيقة/)
  assert.equal(cookiesOf(locked).nashra_session, undefined, 'even the right password waits')
  // Another account is not locked by someone guessing this one.
  assert.equal((await postLogin(app, { email: 'writer@example.com', password: PASSWORD })).statusCode, 303)
})

test('login CSRF: no token, a wrong token or a cross-site request is refused', async (t) => {
  const { app } = await setup(t)
  const { csrf, cookie } = await loginForm(app)
  const post = (payload: Record<string, string>, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/newsroom/login', headers: { ...FORM, ...headers }, payload: new URLSearchParams(payload).toString() })
  const fields = { email: 'mod@example.com', password: PASSWORD }
  const noToken = await post(fields, { cookie })
  const wrongToken = await post({ ...fields, _csrf: csrf.slice(0, -2) + 'xx' }, { cookie })
  const noCookie = await post({ ...fields, _csrf: csrf }, {})
  for (const res of [noToken, wrongToken, noCookie]) {
    assert.equal(res.statusCode, 403)
    assert.match(res.body, /انتهت صلاحية نموذج الدخول/)
    assert.equal(cookiesOf(res).nashra_session, undefined)
  }
  const crossSite = await post({ ...fields, _csrf: csrf }, { cookie, 'sec-fetch-site': 'cross-site' })
  const otherOrigin = await post({ ...fields, _csrf: csrf }, { cookie, origin: 'https://evil.example' })
  for (const res of [crossSite, otherOrigin]) {
    assert.equal(res.statusCode, 403)
    assert.equal(cookiesOf(res).nashra_session, undefined)
  }
})

test('?next= only leads to paths on this site', async (t) => {
  const { app } = await setup(t)
  const cases: [string, string][] = [
    ['https://evil.example/x', '/newsroom'],
    ['//evil.example/x', '/newsroom'],
    ['/\\evil.example', '/newsroom'],
    ['javascript:alert(1)', '/newsroom'],
    ['/newsroom/test-queue', '/newsroom/test-queue'],
  ]
  for (const [next, expected] of cases) {
    const res = await postLogin(app, { email: 'mod@example.com', password: PASSWORD, next })
    assert.equal(res.statusCode, 303, next)
    assert.equal(res.headers.location, expected, next)
  }
  const form = await app.inject({ url: '/newsroom/login?next=' + encodeURIComponent('//evil.example') })
  assert.match(form.body, /name="next" value="\/newsroom"/)
})

test('state-changing newsroom requests need the session token and a same-site origin', async (t) => {
  const { app } = await setup(t)
  const cookie = await signIn(app)
  const page = await app.inject({ url: '/newsroom/test-queue', headers: { cookie } })
  const csrf = csrfIn(page.body)
  assert.ok(csrf.length > 20)
  const act = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/newsroom/test-queue/act', headers: { ...FORM, cookie, ...headers }, payload: new URLSearchParams(payload).toString() })

  const ok = await act({ _csrf: csrf }, { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })
  assert.equal(ok.statusCode, 200)
  assert.deepEqual(ok.json(), { ok: true, by: 'mod@example.com' })
  assert.equal((await act({})).statusCode, 403)
  assert.equal((await act({ _csrf: 'forged' })).statusCode, 403)
  assert.equal((await act({ _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).statusCode, 403)
  assert.equal((await act({ _csrf: csrf }, { origin: 'https://evil.example' })).statusCode, 403)
  const header = await app.inject({ method: 'POST', url: '/newsroom/test-queue/act', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: '{}' })
  assert.equal(header.statusCode, 200, 'scripts may send the token as X-CSRF-Token')
  // Another session's token does not fit this session.
  const otherCookie = await signIn(app, 'mod@example.com')
  const otherCsrf = csrfIn((await app.inject({ url: '/newsroom/test-queue', headers: { cookie: otherCookie } })).body)
  assert.notEqual(otherCsrf, csrf)
  assert.equal((await act({ _csrf: otherCsrf })).statusCode, 403)
})

test('a role without the permission gets the Arabic 403 page', async (t) => {
  const { app } = await setup(t)
  const cookie = await signIn(app, 'writer@example.com')
  const res = await app.inject({ url: '/newsroom/test-queue', headers: { cookie } })
  assert.equal(res.statusCode, 403)
  assert.match(res.body, /ليست لديك صلاحية/)
  assert.equal(res.headers['cache-control'], 'private, no-store')
  const home = await app.inject({ url: '/newsroom', headers: { cookie } })
  assert.equal(home.statusCode, 200)
  assert.doesNotMatch(home.body, /href="\/newsroom\/comments"/, 'no link to what the role cannot open')
})

test('a script asking for JSON gets the JSON error, not the login redirect or the 403 page', async (t) => {
  const { app } = await setup(t)
  const json = { accept: 'application/json' }
  const anonymous = await app.inject({ url: '/newsroom/test-queue', headers: json })
  assert.equal(anonymous.statusCode, 401)
  assert.equal(anonymous.json().error.code, 'unauthorized')
  const cookie = await signIn(app, 'writer@example.com')
  const refused = await app.inject({ url: '/newsroom/test-queue', headers: { ...json, cookie } })
  assert.equal(refused.statusCode, 403)
  assert.equal(refused.json().error.code, 'forbidden')
})

test('logout needs the token, deletes the session and clears the cookie', async (t) => {
  const { app, db } = await setup(t)
  const cookie = await signIn(app)
  const csrf = csrfIn((await app.inject({ url: '/newsroom', headers: { cookie } })).body)
  const refused = await app.inject({ method: 'POST', url: '/newsroom/logout', headers: { ...FORM, cookie }, payload: '' })
  assert.equal(refused.statusCode, 403)
  const res = await app.inject({ method: 'POST', url: '/newsroom/logout', headers: { ...FORM, cookie }, payload: `_csrf=${encodeURIComponent(csrf)}` })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/newsroom/login')
  assert.match(String(res.headers['set-cookie']), /nashra_session=;.*Max-Age=0/)
  assert.equal((await db.selectFrom('staff_session').select('id_hash').execute()).length, 0)
  const after = await app.inject({ url: '/newsroom', headers: { cookie } })
  assert.equal(after.statusCode, 303, 'the old cookie no longer opens the newsroom')
})

test('signing in while signed in rotates the session id', async (t) => {
  const { app, db } = await setup(t)
  const first = await signIn(app)
  const { csrf, cookie } = await loginForm(app)
  const res = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    headers: { ...FORM, cookie: `${cookie}; ${first}` },
    payload: new URLSearchParams({ _csrf: csrf, email: 'writer@example.com', password: PASSWORD }).toString(),
  })
  assert.equal(res.statusCode, 303)
  assert.notEqual(`nashra_session=${cookiesOf(res).nashra_session}`, first)
  assert.equal((await db.selectFrom('staff_session').select('id_hash').execute()).length, 1)
  assert.equal((await app.inject({ url: '/newsroom', headers: { cookie: first } })).statusCode, 303)
})

test('with an https base URL the session cookie is Secure', async (t) => {
  const { app } = await setup(t, { NASHRA_BASE_URL: 'https://news.example' })
  const form = await app.inject({ url: '/newsroom/login' })
  const login = cookiesOf(form)['__Secure-nashra_login']
  assert.ok(login)
  const res = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    headers: { ...FORM, cookie: `__Secure-nashra_login=${login}` },
    payload: new URLSearchParams({ _csrf: csrfIn(form.body), email: 'mod@example.com', password: PASSWORD }).toString(),
  })
  assert.equal(res.statusCode, 303)
  const session = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith('__Secure-nashra_session='))!
  assert.match(session, /; Secure/)
  assert.match(session, /HttpOnly/)
})

test('over real HTTP: sign in, open the newsroom, sign out', async (t) => {
  const { app } = await setup(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  assert.ok(address && typeof address === 'object')
  const base = `http://127.0.0.1:${address.port}`

  const form = await fetch(`${base}/newsroom/login?next=%2Fnewsroom`)
  assert.equal(form.status, 200)
  assert.equal(form.headers.get('cache-control'), 'private, no-store')
  const loginCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const csrf = csrfIn(await form.text())
  const login = await fetch(`${base}/newsroom/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, cookie: loginCookie, origin: base },
    body: new URLSearchParams({ _csrf: csrf, email: 'mod@example.com', password: PASSWORD, next: '/newsroom' }),
  })
  assert.equal(login.status, 303)
  assert.equal(login.headers.get('location'), '/newsroom')
  const session = login.headers.getSetCookie().find((c) => c.startsWith('nashra_session='))!.split(';')[0]

  const home = await fetch(`${base}/newsroom`, { headers: { cookie: session }, redirect: 'manual' })
  assert.equal(home.status, 200)
  const html = await home.text()
  assert.match(html, /أهلاً، <span>مشرف<\/span>/)

  const logout = await fetch(`${base}/newsroom/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, cookie: session, origin: base },
    body: new URLSearchParams({ _csrf: csrfIn(html) }),
  })
  assert.equal(logout.status, 303)
  assert.equal((await fetch(`${base}/newsroom`, { headers: { cookie: session }, redirect: 'manual' })).status, 303)
})

test('an unknown newsroom address gets the newsroom 404 page, never cached', async (t) => {
  const { app } = await setup(t)
  const res = await app.inject({ url: '/newsroom/no-such-tool' })
  assert.equal(res.statusCode, 404)
  assert.equal(res.headers['cache-control'], 'private, no-store')
  assert.match(res.body, /لا توجد في غرفة الأخبار صفحة بهذا العنوان/)
  const cookie = await signIn(app)
  const signedIn = await app.inject({ url: '/newsroom/no-such-tool', headers: { cookie } })
  assert.equal(signedIn.statusCode, 404)
  assert.match(signedIn.body, /تسجيل الخروج/)
})
