// The newsroom's test kit: the whole app on a real loopback port with one staff account.
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount, getAccountByEmail } from './accounts.service.js'
import { insertAccount } from './accounts.queries.js'
import { hashPassword } from './passwords.js'
import { sessionCookieName, sessionPolicy } from './session-cookie.js'
import { startSession } from './sessions.service.js'
import { ROLES, roleNames, type Role } from './roles.js'

export const STAFF_EMAIL = 'mod@example.com'
export const STAFF_PASSWORD = 'كلمة-سر-طويلة-1'

/** buildApp listening on 127.0.0.1 with a moderator (STAFF_EMAIL / STAFF_PASSWORD); closed when the test ends. */
export async function serveWithStaff(t: TestContext): Promise<{ base: string; db: Awaited<ReturnType<typeof createTestDb>> }> {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await createAccount(db, { email: STAFF_EMAIL, name: 'مشرف', role: 'moderator', password: STAFF_PASSWORD }, new Date())
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  assert.ok(address && typeof address === 'object')
  return { base: `http://127.0.0.1:${address.port}`, db }
}

/** Signs in through the newsroom's login form, as a browser would (injected); the cookies to send next. */
export async function signInByForm(app: FastifyInstance, email: string, password: string): Promise<Record<string, string>> {
  const form = await app.inject({ method: 'GET', url: '/newsroom/login' })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
  const cookies: Record<string, string> = Object.fromEntries(form.cookies.map((c) => [c.name, c.value]))
  const res = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    cookies,
    payload: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  })
  assert.equal(res.statusCode, 303, 'signed in')
  for (const c of res.cookies) cookies[c.name] = c.value
  return cookies
}

// One scrypt hash of STAFF_PASSWORD for every account the kit makes: hashing is the slow part of a test.
let staffPasswordHash: Promise<string> | undefined

/** buildApp (injected, not listening) with one account per role in `roles`, `<role>@example.com` / STAFF_PASSWORD. */
export async function appWithRoles(t: TestContext, roles: readonly Role[] = ROLES) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  staffPasswordHash ??= hashPassword(STAFF_PASSWORD)
  const created_at = new Date().toISOString()
  for (const role of roles) {
    await insertAccount(db, { email: `${role}@example.com`, name: `${roleNames[role]} التجريبي`, role, password_hash: await staffPasswordHash, created_at })
  }
  return { app, db }
}

/** A browser signed in to the newsroom: GET pages, POST forms (with the session's CSRF token unless `csrf: false`). */
export interface DeskClient {
  csrf: string
  cookies: Record<string, string>
  get(url: string): Promise<LightMyRequestResponse>
  post(url: string, fields?: Record<string, string>, options?: { csrf?: boolean }): Promise<LightMyRequestResponse>
}

/** Signs `email` in: through the login form with `password`, or (no password) straight into a new session, as the form would. */
export async function deskClient(app: FastifyInstance, email: string, password?: string): Promise<DeskClient> {
  let cookies: Record<string, string>
  if (password !== undefined) cookies = await signInByForm(app, email, password)
  else {
    const account = await getAccountByEmail(app.db, email)
    const id = await startSession(app.db, { accountId: account.id, ip: '127.0.0.1', userAgent: 'test' }, sessionPolicy(app.config), new Date())
    cookies = { [sessionCookieName(app.config)]: id }
  }
  const home = await app.inject({ url: '/newsroom', cookies })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? ''
  assert.ok(csrf, 'the newsroom page carries a CSRF token')
  return {
    csrf,
    cookies,
    get: (url) => app.inject({ url, cookies }),
    post: (url, fields = {}, options = {}) =>
      app.inject({
        method: 'POST',
        url,
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        payload: new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: csrf }), ...fields }).toString(),
      }),
  }
}

/**
 * The permission checks every desk page shares: signed out → 303 to the login form; each role in
 * `refused` → 403; a POST without the CSRF token → 403.
 */
export async function assertDeskGuards(app: FastifyInstance, url: string, options: { refused: readonly Role[]; allowed: Role; post: { url: string; fields: Record<string, string> } }) {
  const anonymous = await app.inject({ url })
  assert.equal(anonymous.statusCode, 303, `${url}: signed out`)
  assert.match(String(anonymous.headers.location), /^\/newsroom\/login\?next=/)
  const anonymousPost = await app.inject({ method: 'POST', url: options.post.url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(options.post.fields).toString() })
  assert.equal(anonymousPost.statusCode, 303, `${options.post.url}: signed out POST`)
  assert.equal(anonymousPost.headers.location, '/newsroom/login')
  for (const role of options.refused) {
    const client = await deskClient(app, `${role}@example.com`)
    assert.equal((await client.get(url)).statusCode, 403, `${url}: ${role}`)
    assert.equal((await client.post(options.post.url, options.post.fields)).statusCode, 403, `${options.post.url}: ${role}`)
  }
  const allowed = await deskClient(app, `${options.allowed}@example.com`)
  const page = await allowed.get(url)
  assert.equal(page.statusCode, 200, `${url}: ${options.allowed}`)
  assert.equal(page.headers['cache-control'], 'private, no-store')
  const forged = await allowed.post(options.post.url, options.post.fields, { csrf: false })
  assert.equal(forged.statusCode, 403, `${options.post.url} without the CSRF token`)
  return allowed
}
