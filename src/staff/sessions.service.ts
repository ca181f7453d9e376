import { randomBytes } from 'node:crypto'
import type { Db } from '../db/index.js'
import { isRole } from './roles.js'
import { sha256 } from './tokens.service.js'
import { type Staff } from './account.js'
import * as queries from './newsroom.queries.js'

export interface SessionPolicy {
  /** Absolute lifetime from sign-in. */
  ttlMs: number
  /** A session unused this long ends. */
  idleMs: number
}

// Writing last_seen_at on every request would make each page view a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

/**
 * Signs `accountId` in: a fresh random id (never one the browser brought, so a planted id is
 * useless) whose sha256 is stored. `replaces` (the browser's previous session) is ended.
 */
export async function startSession(
  db: Db,
  input: { accountId: number; ip: string; userAgent: string; replaces?: string },
  policy: SessionPolicy,
  now: Date,
): Promise<string> {
  const id = randomBytes(32).toString('base64url')
  if (input.replaces) await queries.deleteSession(db, sha256(input.replaces))
  await queries.deleteExpiredSessions(db, now.toISOString(), new Date(now.getTime() - policy.idleMs).toISOString())
  await queries.insertSession(db, {
    id_hash: sha256(id),
    account_id: input.accountId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + policy.ttlMs).toISOString(),
    ip: input.ip.slice(0, 100),
    user_agent: input.userAgent.slice(0, 300),
  })
  return id
}

/** The staff member signed in with session `id`, or undefined when it is unknown, expired, idle or disabled. */
export async function resumeSession(db: Db, id: string, policy: SessionPolicy, now: Date): Promise<Staff | undefined> {
  if (!SESSION_ID.test(id)) return undefined
  const idHash = sha256(id)
  const row = await queries.findSession(db, idHash)
  if (!row) return undefined
  const lastSeen = Date.parse(row.last_seen_at)
  if (Date.parse(row.expires_at) <= now.getTime() || lastSeen + policy.idleMs <= now.getTime() || row.disabled || !isRole(row.role)) {
    await queries.deleteSession(db, idHash)
    return undefined
  }
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) await queries.touchSession(db, idHash, now.toISOString())
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}

/** Signs out: the session is deleted, so the cookie is worthless even if kept. */
export async function endSession(db: Db, id: string): Promise<void> {
  await queries.deleteSession(db, sha256(id))
}

/** Signs an account out everywhere (after a password change or when it is disabled). */
export async function endSessionsOf(db: Db, accountId: number): Promise<number> {
  return Number((await queries.deleteSessionsOf(db, accountId)).numDeletedRows)
}
