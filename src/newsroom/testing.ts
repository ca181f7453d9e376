// The desk's test kit: the whole app with one account and one API token per role.
import type { TestContext } from 'node:test'
import { buildApp } from '../app.js'
import { ensureSection } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount, createApiToken, ROLES, type Role } from '../staff/index.js'

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
