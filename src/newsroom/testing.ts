// The newsroom's test kit: the whole app on a real loopback port with one staff account.
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
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
