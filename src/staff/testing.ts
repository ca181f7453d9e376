// The newsroom's test kit: the whole app on a real loopback port with one staff account.
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount } from './accounts.service.js'

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
