import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../db/testing.js'
import { AppError, Conflict, Invalid, NotFound } from '../http/index.js'
import {
  can,
  createAccount,
  createApiToken,
  findStaffByToken,
  revokeApiTokens,
  setAccountDisabled,
  sha256,
  verifyCredentials,
} from './index.js'
import { hashPassword, verifyPassword } from './passwords.js'

const now = new Date('2026-03-01T10:00:00Z')
const PASSWORD = 'قلم-أزرق-وحبر-2026'

test('passwords are scrypt hashes with their own salt, verified in constant time', async () => {
  const a = await hashPassword(PASSWORD)
  const b = await hashPassword(PASSWORD)
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
  assert.notEqual(a, b, 'a fresh salt each time')
  assert.equal(await verifyPassword(PASSWORD, a), true)
  assert.equal(await verifyPassword(PASSWORD + ' ', a), false)
  assert.equal(await verifyPassword('', a), false)
  // NFC and NFD spellings of the same text are the same password.
  assert.equal(await verifyPassword('café-ٌsecret1'.normalize('NFD'), await hashPassword('café-ٌsecret1'.normalize('NFC'))), true)
  // Parallel sign-ins queue for the two scrypt slots; each still gets its own answer.
  const parallel = await Promise.all([PASSWORD, 'wrong', PASSWORD, 'also wrong', PASSWORD].map((p) => verifyPassword(p, a)))
  assert.deepEqual(parallel, [true, false, true, false, true])
  for (const broken of ['', 'plain', 'scrypt$1$2$3', 'scrypt$99999999999$8$1$c2FsdA$aGFzaA', 'bcrypt$1$2$3$4$5']) {
    assert.equal(await verifyPassword(PASSWORD, broken), false, broken)
  }
})

test('createAccount validates email, role, name and password, and stores no plain password', async (t) => {
  const db = await createTestDb(t)
  const account = await createAccount(db, { email: '  Huda@Example.COM ', name: 'هدى', role: 'moderator', password: PASSWORD }, now)
  assert.equal(account.email, 'huda@example.com')
  assert.equal(account.role, 'moderator')
  const row = await db.selectFrom('account').select(['password_hash']).executeTakeFirstOrThrow()
  assert.ok(!row.password_hash.includes(PASSWORD))
  assert.ok(await verifyPassword(PASSWORD, row.password_hash))

  const cases: [Record<string, string>, string, typeof AppError][] = [
    [{ email: 'not-an-email' }, 'invalid_email', Invalid],
    [{ email: 'a@b' }, 'invalid_email', Invalid],
    [{ role: 'owner' }, 'invalid_role', Invalid],
    [{ role: 'Admin' }, 'invalid_role', Invalid],
    [{ password: '123456789' }, 'password_too_short', Invalid],
    [{ name: '   ' }, 'invalid_parameter', Invalid],
    [{ email: 'HUDA@example.com' }, 'account_exists', Conflict],
  ]
  for (const [change, code, type] of cases) {
    const input = { email: 'new@example.com', name: 'اسم', role: 'writer', password: PASSWORD, ...change }
    await assert.rejects(createAccount(db, input, now), (err: AppError) => err instanceof type && err.code === code, JSON.stringify(change))
  }
  assert.equal((await db.selectFrom('account').select('id').execute()).length, 1)
})

test('verifyCredentials: right password signs in; wrong, unknown and disabled look the same', async (t) => {
  const db = await createTestDb(t)
  const account = await createAccount(db, { email: 'sami@example.com', name: 'سامي', role: 'editor', password: PASSWORD }, now)
  assert.deepEqual(await verifyCredentials(db, 'SAMI@example.com', PASSWORD), { id: account.id, email: 'sami@example.com', name: 'سامي', role: 'editor' })
  assert.equal(await verifyCredentials(db, 'sami@example.com', 'wrong password!'), undefined)
  assert.equal(await verifyCredentials(db, 'nobody@example.com', PASSWORD), undefined)
  assert.equal(await verifyCredentials(db, 'sami@example.com', 'x'.repeat(5000)), undefined)
  await setAccountDisabled(db, account.id, true, now)
  assert.equal(await verifyCredentials(db, 'sami@example.com', PASSWORD), undefined)
})

test('API tokens: shown once, stored as sha256, tied to a live account, revocable', async (t) => {
  const db = await createTestDb(t)
  const account = await createAccount(db, { email: 'mona@example.com', name: 'منى', role: 'admin', password: PASSWORD }, now)
  const { token } = await createApiToken(db, { email: 'Mona@example.com' }, now)
  assert.match(token, /^nashra_[A-Za-z0-9_-]{43}$/)
  const stored = await db.selectFrom('api_token').select(['token_hash', 'last_used_at']).executeTakeFirstOrThrow()
  assert.equal(stored.token_hash, sha256(token))
  assert.equal(stored.last_used_at, null)

  assert.deepEqual(await findStaffByToken(db, token, now), { id: account.id, email: 'mona@example.com', name: 'منى', role: 'admin' })
  const used = await db.selectFrom('api_token').select('last_used_at').executeTakeFirstOrThrow()
  assert.equal(used.last_used_at, now.toISOString())
  assert.equal(await findStaffByToken(db, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), now), undefined)
  assert.equal(await findStaffByToken(db, stored.token_hash, now), undefined, 'the stored hash is not a token')

  await setAccountDisabled(db, account.id, true, now)
  assert.equal(await findStaffByToken(db, token, now), undefined)
  await setAccountDisabled(db, account.id, false, now)
  assert.equal(await revokeApiTokens(db, account.id), 1)
  assert.equal(await findStaffByToken(db, token, now), undefined)
  await assert.rejects(createApiToken(db, { email: 'ghost@example.com' }, now), NotFound)
})

test('permissions: least privilege per role, nothing for unknown roles', () => {
  assert.equal(can('admin', 'comments.moderate'), true)
  assert.equal(can('moderator', 'comments.moderate'), true)
  assert.equal(can('editor', 'comments.moderate'), true)
  assert.equal(can('admin', 'articles.legal'), false)
  assert.equal(can('legal', 'articles.legal'), true)
  assert.equal(can('writer', 'comments.moderate'), false)
  assert.equal(can('editor', 'articles.publish'), true)
  assert.equal(can('writer', 'articles.publish'), false)
  assert.equal(can('moderator', 'articles.create'), false)
  assert.equal(can('writer', 'users.manage'), false)
  assert.equal(can('admin', 'users.manage'), true)
  for (const role of ['admin', 'editor', 'writer', 'legal', 'moderator']) assert.equal(can(role, 'newsroom.access'), true, role)
  assert.equal(can('superuser', 'newsroom.access'), false)
  assert.equal(can('', 'newsroom.access'), false)
})
