import type { Db } from '../db/index.js'
import { normalizeEmail } from './accounts.service.js'
import { sha256 } from './tokens.service.js'
import * as queries from './newsroom.queries.js'

/** Failures count for 15 minutes. Kept in the database, so every app node sees the same count. */
export const LOGIN_WINDOW_MS = 15 * 60_000

export interface ThrottlePolicy {
  /** Failures allowed per email in the window. */
  maxPerEmail: number
  /** Failures allowed per address: higher, since a newsroom's staff may share one address. */
  maxPerIp: number
}

export const throttlePolicy = (maxFailures: number): ThrottlePolicy => ({ maxPerEmail: maxFailures, maxPerIp: maxFailures * 4 })

// Keys are hashed: the table never holds what someone typed into the email field.
const ipKey = (ip: string) => sha256(`ip:${ip}`)
const emailKey = (email: string) => sha256(`email:${normalizeEmail(email)}`)

/** Seconds until another attempt is allowed for this address and email; 0 when it is allowed now. */
export async function loginRetryAfter(db: Db, attempt: { ip: string; email: string }, policy: ThrottlePolicy, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString()
  const waits = await Promise.all([
    waitFor(db, ipKey(attempt.ip), policy.maxPerIp, since, now),
    waitFor(db, emailKey(attempt.email), policy.maxPerEmail, since, now),
  ])
  return Math.max(...waits)
}

async function waitFor(db: Db, key: string, max: number, since: string, now: Date): Promise<number> {
  const failures = await queries.listLoginFailures(db, key, since, max + 1000)
  if (failures.length < max) return 0
  // Allowed again once enough failures have aged out to leave fewer than `max`.
  const freeing = failures[failures.length - max]
  return Math.max(1, Math.ceil((Date.parse(freeing.created_at) + LOGIN_WINDOW_MS - now.getTime()) / 1000))
}

/**
 * Claims one sign-in attempt before the password is checked: 0 when claimed (the attempt counts as a
 * failure until `releaseLoginAttempt`), otherwise the seconds to wait. Checking first and recording
 * after would let simultaneous guesses all pass the check.
 */
export async function claimLoginAttempt(db: Db, attempt: { ip: string; email: string }, policy: ThrottlePolicy, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString()
  await queries.deleteLoginFailuresBefore(db, since)
  const claim = { ipKey: ipKey(attempt.ip), emailKey: emailKey(attempt.email), maxPerIp: policy.maxPerIp, maxPerEmail: policy.maxPerEmail, since, now: now.toISOString() }
  if (await queries.claimLoginAttempt(db, claim)) return 0
  return Math.max(1, await loginRetryAfter(db, attempt, policy, now))
}

/**
 * After a successful sign-in the email's count starts afresh; the address keeps its earlier failures
 * (one good account must not unlock guessing others) but not this attempt's claim.
 */
export async function releaseLoginAttempt(db: Db, attempt: { ip: string; email: string }, claimedAt: Date): Promise<void> {
  await queries.deleteOneLoginFailure(db, ipKey(attempt.ip), claimedAt.toISOString())
  await queries.deleteLoginFailures(db, emailKey(attempt.email))
}
