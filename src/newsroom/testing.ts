// The desk's test kit: the whole app with one account and one API token per role.
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import { buildApp } from '../app.js'
import { ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount, createApiToken, ROLES, type Role } from '../staff/index.js'
import { signInByForm } from '../staff/testing.js'

export const DESK_PASSWORD = 'كلمة-سر-طويلة-للمكتب'
export const deskEmail = (role: Role) => `${role}@desk.example`

/** buildApp (injected, not listening) with an account and a Bearer token per role, and two sections. */
export async function deskApp(t: TestContext) {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const config = loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent', NASHRA_ADMIN_RATE_LIMIT: '10000' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const now = new Date()
  const tokens = {} as Record<Role, string>
  const ids = {} as Record<Role, number>
  for (const role of ROLES) {
    const account = await createAccount(db, { email: deskEmail(role), name: `حساب ${role}`, role, password: DESK_PASSWORD }, now)
    ids[role] = account.id
    tokens[role] = (await createApiToken(db, { email: deskEmail(role) }, now)).token
  }
  const sections = { local: await ensureSection(db, 'local', 'محليات'), courts: await ensureSection(db, 'courts', 'محاكم') }
  const bearer = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` })
  return { app, db, config, dataDir, tokens, ids, sections, bearer }
}

type Desk = Awaited<ReturnType<typeof deskApp>>

/** A signed-in browser of the desk pages: its cookies and the session's form token. */
export interface DeskBrowser {
  cookies: Record<string, string>
  csrf: string
}

/** Signs `role` in through the login form; the token comes from the home page's sign-out form. */
export async function browseAs(desk: Desk, role: Role): Promise<DeskBrowser> {
  const cookies = await signInByForm(desk.app, deskEmail(role), DESK_PASSWORD)
  const home = await desk.app.inject({ method: 'GET', url: '/newsroom', cookies })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1]
  assert.ok(csrf, 'the home page carries the form token')
  return { cookies, csrf }
}

/** GET a desk page as `who` (undefined: signed out). */
export function getPage(desk: Desk, who: DeskBrowser | undefined, url: string, headers: Record<string, string> = {}) {
  return desk.app.inject({ method: 'GET', url, cookies: who?.cookies ?? {}, headers })
}

/** POST a form as a same-origin browser would, with the session's `_csrf` unless `fields` sets it. */
export function postForm(desk: Desk, who: DeskBrowser | undefined, url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return desk.app.inject({
    method: 'POST',
    url,
    cookies: who?.cookies ?? {},
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
    payload: new URLSearchParams({ _csrf: who?.csrf ?? '', ...fields }).toString(),
  })
}
