import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { createTempDir } from '../db/testing.js'
import { nashra } from './testing.js'
import { openSqlite } from '../db/index.js'
import { findStaffByToken, verifyPassword } from '../staff/index.js'

test('nashra user add reads the password from piped stdin without a prompt; token add prints the token last', async (t) => {
  const dir = createTempDir(t)
  const added = await nashra(dir, ['user', 'add', '--email', 'Editor@Example.com', '--name', 'رنا الحربي', '--role', 'moderator'], 'a strong passphrase\nignored second line\n')
  assert.equal(added.code, 0, added.stderr)
  assert.equal(added.stderr, '', 'no prompt when stdin is not a terminal')
  assert.match(added.stdout, /created moderator account editor@example\.com/)

  const tokenRun = await nashra(dir, ['token', 'add', '--email', 'editor@example.com'], null)
  assert.equal(tokenRun.code, 0, tokenRun.stderr)
  const lines = tokenRun.stdout.trimEnd().split('\n')
  const token = lines[lines.length - 1]
  assert.match(token, /^nashra_[A-Za-z0-9_-]{43}$/)

  const db = openSqlite(join(dir, 'nashra.db'))
  t.after(() => db.destroy())
  const row = await db.selectFrom('account').select(['email', 'name', 'role', 'password_hash']).executeTakeFirstOrThrow()
  assert.deepEqual({ email: row.email, name: row.name, role: row.role }, { email: 'editor@example.com', name: 'رنا الحربي', role: 'moderator' })
  assert.ok(await verifyPassword('a strong passphrase', row.password_hash), 'the first line, without its newline, is the password')
  assert.equal((await findStaffByToken(db, token, new Date()))?.email, 'editor@example.com')
  const stored = await db.selectFrom('api_token').select('token_hash').executeTakeFirstOrThrow()
  assert.notEqual(stored.token_hash, token)
})

test('nashra user add refuses bad input with a clear message and a non-zero exit, writing nothing', async (t) => {
  const dir = createTempDir(t)
  const cases: [string[], string, RegExp][] = [
    [['--email', 'a@example.com', '--name', 'أ', '--role', 'owner'], 'long enough password\n', /invalid --role: expected one of admin, editor, writer, legal, moderator/],
    [['--email', 'not-an-email', '--name', 'أ', '--role', 'writer'], 'long enough password\n', /invalid --email/],
    [['--email', 'a@example.com', '--name', 'أ', '--role', 'writer'], 'short\n', /password too short: at least 10 characters/],
    [['--email', 'a@example.com', '--name', 'أ', '--role', 'writer'], '', /password too short/],
    [['--email', 'a@example.com', '--role', 'writer'], 'long enough password\n', /required option '--name/],
  ]
  for (const [args, stdin, message] of cases) {
    const run = await nashra(dir, ['user', 'add', ...args], stdin)
    assert.notEqual(run.code, 0, args.join(' '))
    assert.match(run.stderr, message)
  }
  const first = await nashra(dir, ['user', 'add', '--email', 'a@example.com', '--name', 'أ', '--role', 'writer'], 'long enough password\n')
  assert.equal(first.code, 0, first.stderr)
  const again = await nashra(dir, ['user', 'add', '--email', 'A@example.com', '--name', 'ب', '--role', 'admin'], 'long enough password\n')
  assert.equal(again.code, 1)
  assert.match(again.stderr, /already exists/)
  const noAccount = await nashra(dir, ['token', 'add', '--email', 'ghost@example.com'], null)
  assert.equal(noAccount.code, 1)
  assert.match(noAccount.stderr, /no account with this email/)
  assert.equal(noAccount.stdout, '')

  const db = openSqlite(join(dir, 'nashra.db'))
  t.after(() => db.destroy())
  assert.deepEqual(await db.selectFrom('account').select(['email', 'role']).execute(), [{ email: 'a@example.com', role: 'writer' }])
  assert.equal((await db.selectFrom('api_token').select('id').execute()).length, 0)
})
