import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../db/testing.js'
import { createAccount, setAccountDisabled, sha256 } from './index.js'
import { claimLoginAttempt, LOGIN_WINDOW_MS, loginRetryAfter, releaseLoginAttempt, throttlePolicy } from './login-throttle.js'
import { safeNext } from './safe-next.js'
import { endSession, endSessionsOf, resumeSession, startSession } from './sessions.service.js'
import { minutesInArabic, throttledMessage } from './throttle-message.js'

const t0 = new Date('2026-03-01T10:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)
const policy = { ttlMs: 8 * 3600_000, idleMs: 30 * 60_000 }

async function withAccount(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const account = await createAccount(db, { email: 'lina@example.com', name: 'لينا', role: 'moderator', password: 'a long password' }, t0)
  return { db, account }
}

test('a session resumes with its staff member; only its sha256 is stored', async (t) => {
  const { db, account } = await withAccount(t)
  const id = await startSession(db, { accountId: account.id, ip: '127.0.0.1', userAgent: 'test' }, policy, t0)
  assert.match(id, /^[A-Za-z0-9_-]{43}$/)
  const rows = await db.selectFrom('staff_session').select(['id_hash', 'expires_at']).execute()
  assert.deepEqual(rows, [{ id_hash: sha256(id), expires_at: at(policy.ttlMs).toISOString() }])
  assert.deepEqual(await resumeSession(db, id, policy, at(60_000)), { id: account.id, email: 'lina@example.com', name: 'لينا', role: 'moderator' })
  assert.equal(await resumeSession(db, sha256(id), policy, t0), undefined, 'the stored hash does not open the session')
  assert.equal(await resumeSession(db, 'short', policy, t0), undefined)
})

test('sessions end after the idle timeout, at the absolute expiry, on sign-out and when disabled', async (t) => {
  const { db, account } = await withAccount(t)
  const start = () => startSession(db, { accountId: account.id, ip: '', userAgent: '' }, policy, t0)

  const idle = await start()
  assert.equal(await resumeSession(db, idle, policy, at(policy.idleMs + 1)), undefined)
  assert.equal(await db.selectFrom('staff_session').select('id_hash').where('id_hash', '=', sha256(idle)).executeTakeFirst(), undefined)

  // Kept alive by use every 20 minutes, it still ends at the absolute expiry.
  const busy = await start()
  let now = 0
  while (now + 20 * 60_000 < policy.ttlMs) {
    now += 20 * 60_000
    assert.ok(await resumeSession(db, busy, policy, at(now)), `alive at ${now / 60_000} min`)
  }
  assert.equal(await resumeSession(db, busy, policy, at(policy.ttlMs)), undefined)

  const out = await start()
  await endSession(db, out)
  assert.equal(await resumeSession(db, out, policy, t0), undefined)

  const disabled = await start()
  await setAccountDisabled(db, account.id, true, t0)
  assert.equal(await resumeSession(db, disabled, policy, t0), undefined)
  await setAccountDisabled(db, account.id, false, t0)

  await start()
  await start()
  assert.equal(await endSessionsOf(db, account.id), 2)
})

test('signing in again rotates the id: the previous session ends', async (t) => {
  const { db, account } = await withAccount(t)
  const first = await startSession(db, { accountId: account.id, ip: '', userAgent: '' }, policy, t0)
  const second = await startSession(db, { accountId: account.id, ip: '', userAgent: '', replaces: first }, policy, at(1000))
  assert.notEqual(first, second)
  assert.equal(await resumeSession(db, first, policy, at(2000)), undefined)
  assert.ok(await resumeSession(db, second, policy, at(2000)))
})

test('login throttling: 5 failures per email in 15 minutes, more per address, shared through the database', async (t) => {
  const db = await createTestDb(t)
  const throttle = throttlePolicy(5)
  const attempt = { ip: '198.51.100.7', email: 'Target@example.com' }
  for (let i = 0; i < 5; i++) assert.equal(await claimLoginAttempt(db, attempt, throttle, at(i * 1000)), 0, `attempt ${i + 1}`)
  // Sixth try, from another address and another spelling of the email: still refused.
  const wait = await claimLoginAttempt(db, { ip: '203.0.113.9', email: 'target@EXAMPLE.com ' }, throttle, at(10_000))
  assert.equal(wait, LOGIN_WINDOW_MS / 1000 - 10)
  assert.equal(await loginRetryAfter(db, { ip: '203.0.113.9', email: 'other@example.com' }, throttle, at(10_000)), 0)
  // The window slides: once the first failure is 15 minutes old, one more try is allowed.
  assert.equal(await loginRetryAfter(db, attempt, throttle, at(LOGIN_WINDOW_MS + 1)), 0)

  // The address limit catches one address trying many emails.
  for (let i = 0; i < throttle.maxPerIp; i++) await claimLoginAttempt(db, { ip: '192.0.2.1', email: `user${i}@example.com` }, throttle, at(i))
  assert.ok((await loginRetryAfter(db, { ip: '192.0.2.1', email: 'fresh@example.com' }, throttle, at(30_000))) > 0)

  await releaseLoginAttempt(db, { ip: '198.51.100.7', email: 'target@example.com' }, at(4000))
  assert.equal(await loginRetryAfter(db, attempt, throttle, at(20_000)), 0)
  const keys = await db.selectFrom('login_failure').select('key').execute()
  assert.ok(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key)), 'keys are hashes, never typed text')
})

test('safeNext keeps same-site paths only', () => {
  assert.equal(safeNext('/newsroom/comments?status=pending#top'), '/newsroom/comments?status=pending#top')
  assert.equal(safeNext('/economy/12/خبر'), '/economy/12/%D8%AE%D8%A8%D8%B1')
  for (const bad of [undefined, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '\\\\evil', 'javascript:alert(1)', '/x\nSet-Cookie: a=b', ' /newsroom', '/newsroom/login?next=/x', 'newsroom']) {
    assert.equal(safeNext(bad), '/newsroom', String(bad))
  }
})

test('throttle messages use Arabic number agreement', () => {
  assert.equal(minutesInArabic(1), 'دقيقة واحدة')
  assert.equal(minutesInArabic(2), 'دقيقتين')
  assert.equal(minutesInArabic(5), '5 دقائق')
  assert.equal(minutesInArabic(15), '15 دقيقة')
  assert.match(throttledMessage(890), /15 دقيقة/)
})
