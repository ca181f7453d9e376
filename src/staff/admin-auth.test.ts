import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount, createApiToken } from './index.js'
import { adminApi } from './admin-auth.js'
import { buildApp } from '../app.js'

async function setup(t: TestContext, env: Record<string, string> = {}) {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', ...env }), db)
  // A tiny admin route, as the admin comment API uses the hook.
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', adminApi('comments.moderate'))
      scope.get('/probe', async (request) => ({ staff: request.staff }))
      scope.post('/probe', async (request) => ({ done: true, by: request.staff!.role }))
    },
    { prefix: '/api/v1/admin/test' },
  )
  t.after(() => app.close())
  const now = new Date()
  const password = 'a long enough password'
  for (const [email, role] of [['mod@example.com', 'moderator'], ['boss@example.com', 'admin'], ['writer@example.com', 'writer']]) {
    await createAccount(db, { email, name: role, role, password }, now)
  }
  const token = async (email: string) => (await createApiToken(db, { email }, now)).token
  return { app, token }
}

test('admin API: no token or a bad one → 401 JSON, a role without the permission → 403, else 200', async (t) => {
  const { app, token } = await setup(t)
  const get = (authorization?: string) => app.inject({ url: '/api/v1/admin/test/probe', headers: authorization ? { authorization } : {} })

  const missing = await get()
  assert.equal(missing.statusCode, 401)
  assert.equal(missing.json().error.code, 'unauthorized')
  assert.equal(typeof missing.json().error.message, 'string')
  assert.match(String(missing.headers['www-authenticate']), /^Bearer/)
  for (const bad of ['Bearer nashra_not-a-real-token', 'Basic bW9kOnB3', 'Bearer', 'nashra_abc', `Bearer ${'x'.repeat(500)}`]) {
    const res = await get(bad)
    assert.equal(res.statusCode, 401, bad)
    assert.equal(res.json().error.code, 'unauthorized')
  }

  const writer = await get(`Bearer ${await token('writer@example.com')}`)
  assert.equal(writer.statusCode, 403)
  assert.equal(writer.json().error.code, 'forbidden')

  const mod = await get(`Bearer ${await token('mod@example.com')}`)
  assert.equal(mod.statusCode, 200)
  assert.deepEqual(mod.json(), { staff: { id: 1, email: 'mod@example.com', name: 'moderator', role: 'moderator' } })
  assert.equal(mod.headers['cache-control'], 'no-store')
  const admin = await get(`bearer ${await token('boss@example.com')}`)
  assert.equal(admin.statusCode, 200)
  assert.equal(admin.json().staff.role, 'admin')
})

test('admin API writes are rate-limited per token, reads are not', async (t) => {
  const { app, token } = await setup(t, { NASHRA_ADMIN_RATE_LIMIT: '3' })
  const first = await token('mod@example.com')
  const second = await token('boss@example.com')
  const post = (tok: string) => app.inject({ method: 'POST', url: '/api/v1/admin/test/probe', headers: { authorization: `Bearer ${tok}` } })
  for (let i = 0; i < 3; i++) assert.equal((await post(first)).statusCode, 200, `write ${i + 1}`)
  const limited = await post(first)
  assert.equal(limited.statusCode, 429)
  assert.equal(limited.json().error.code, 'rate_limited')
  assert.ok(Number(limited.headers['retry-after']) >= 1)
  assert.equal((await post(second)).statusCode, 200, 'another token has its own budget')
  const read = await app.inject({ url: '/api/v1/admin/test/probe', headers: { authorization: `Bearer ${first}` } })
  assert.equal(read.statusCode, 200)
  const anonymous = await app.inject({ method: 'POST', url: '/api/v1/admin/test/probe' })
  assert.equal(anonymous.statusCode, 401, 'no token is refused before any counting')
})

test('admin API over real HTTP on 127.0.0.1', async (t) => {
  const { app, token } = await setup(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  assert.ok(address && typeof address === 'object')
  const url = `http://127.0.0.1:${address.port}/api/v1/admin/test/probe`
  const none = await fetch(url)
  assert.equal(none.status, 401)
  assert.equal((await none.json()).error.code, 'unauthorized')
  const ok = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${await token('boss@example.com')}` } })
  assert.equal(ok.status, 200)
  assert.deepEqual(await ok.json(), { done: true, by: 'admin' })
})
