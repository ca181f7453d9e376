import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { createTestDb } from '../db/testing.js'
import { serveWithStaff, STAFF_PASSWORD } from './testing.js'
import { claimLoginAttempt, LOGIN_WINDOW_MS, throttlePolicy } from './login-throttle.js'

const PASSWORD = STAFF_PASSWORD

/** A server on a real port, an account, and one login form (cookie + token) every attempt reuses. */
async function serve(t: TestContext) {
  const { base, db } = await serveWithStaff(t)
  const form = await fetch(`${base}/newsroom/login`)
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await form.text())?.[1] ?? ''
  const attempt = (email: string, password: string) =>
    fetch(`${base}/newsroom/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
      body: new URLSearchParams({ _csrf: csrf, email, password }),
    })
  return { db, attempt }
}

const signedIn = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith('nashra_session='))

test('60 simultaneous guesses on one account: at most 5 are checked, the rest 429, the right password last does not sign in', async (t) => {
  const { attempt } = await serve(t)
  const passwords = [...Array.from({ length: 59 }, (_, i) => `guess number ${i}`), PASSWORD]
  const answers = await Promise.all(passwords.map((p) => attempt('mod@example.com', p)))
  const statuses = answers.map((r) => r.status)
  const checked = statuses.filter((s) => s !== 429).length
  assert.ok(checked >= 1 && checked <= 5, `checked ${checked}: ${statuses.join(',')}`)
  assert.ok(statuses.every((s) => s === 401 || s === 429), statuses.join(','))
  assert.ok(answers.every((r) => r.status !== 429 || Number(r.headers.get('retry-after')) > 0))
  assert.equal(answers.filter(signedIn).length, 0, 'no attempt signed in')
  assert.equal(statuses.at(-1), 429)
})

test('a burst of 200 guesses at different accounts from one address: at most 20 are checked', async (t) => {
  const { attempt } = await serve(t)
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(`user${i}@example.com`, `guess ${i}`)))
  const checked = answers.filter((r) => r.status !== 429).length
  assert.ok(checked <= 20, `checked ${checked}`)
  assert.ok(answers.every((r) => r.status === 401 || r.status === 429))
})

test('one at a time: 401 five times, then 429 even with the right password; a success frees the email, not the address', async (t) => {
  const { db, attempt } = await serve(t)
  for (let i = 0; i < 5; i++) assert.equal((await attempt('mod@example.com', `guess ${i}`)).status, 401, `attempt ${i + 1}`)
  const locked = await attempt('mod@example.com', PASSWORD)
  assert.equal(locked.status, 429)
  assert.ok(Number(locked.headers.get('retry-after')) > 850)
  assert.equal(signedIn(locked), false)

  // Later, on another database clock: the address has 5 failures, a success clears the email's only.
  await db.updateTable('login_failure').set({ created_at: new Date(Date.now() - LOGIN_WINDOW_MS - 1000).toISOString() }).execute()
  for (let i = 0; i < 4; i++) assert.equal((await attempt('mod@example.com', `again ${i}`)).status, 401)
  const ok = await attempt('mod@example.com', PASSWORD)
  assert.equal(ok.status, 303)
  assert.ok(signedIn(ok))
  for (let i = 0; i < 5; i++) assert.equal((await attempt('mod@example.com', `after ${i}`)).status, 401, `after success ${i + 1}`)
  assert.equal((await attempt('mod@example.com', 'one too many')).status, 429)
  const rows = await db.selectFrom('login_failure').select('key').where('created_at', '>', new Date(Date.now() - LOGIN_WINDOW_MS).toISOString()).execute()
  assert.equal(rows.length, 9 + 5, 'address: 4 + 5 failures (the success left no row); email: the 5 since the success')
})

test('claims are counted in the statement that inserts them: 30 at once, exactly 5 granted per email', async (t) => {
  const db = await createTestDb(t)
  const now = new Date()
  const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => claimLoginAttempt(db, { ip: `192.0.2.${i}`, email: 'x@example.com' }, throttlePolicy(5), now)))
  assert.equal(waits.filter((w) => w === 0).length, 5)
  assert.ok(waits.filter((w) => w > 0).every((w) => w === LOGIN_WINDOW_MS / 1000))
})
