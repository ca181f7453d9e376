import assert from 'node:assert/strict'
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { readContentVersion, sqliteFileOf, type Db } from '../db/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import type { RelatedProcessData } from './related-process.js'
import { seedStories } from './testing.js'

const pending = async (db: Db) => Number((await sql<{ n: number }>`select count(*) as n from search_related_pending`.execute(db)).rows[0].n)

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('the related process computes pending lists, the server serves them, cached pages are marked stale', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  assert.ok((await pending(db)) >= 7)
  const version = await readContentVersion(db)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '1' }), db)
  t.after(() => app.close())
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  await until(async () => (await pending(db)) === 0, 20_000)
  await until(async () => (await readContentVersion(db)) !== version, 5_000)
  const res = await fetch(`${base}/api/v1/articles/${s.energy.id}`)
  assert.equal(res.status, 200)
  const related = (await res.json()).related as { id: number }[]
  assert.equal(related[0]?.id, s.solar.id, 'the solar plant story shares the energy-saving plan')
  assert.ok(!related.some((r) => r.id === s.energyCopy.id), 'a wire copy is left out')
})

test('a server closing while its related process computes stops it at once', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '1' }), db)
  await app.listen({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => setTimeout(resolve, 700)) // the queue seen, the thread starting
  const started = Date.now()
  await app.close()
  assert.ok(Date.now() - started < 3_000, `closed in ${Date.now() - started} ms`)
})

/** The related process over `db`'s file, as the server forks it, once it says it is ready; killed after the test. */
async function startRelatedProcess(t: TestContext, db: Db, longestWaitMs: number): Promise<ChildProcess> {
  const data: RelatedProcessData = { path: sqliteFileOf(db)!, intervalMs: 50, idleMs: 1_000, longestWaitMs }
  const child = fork(fileURLToPath(new URL('./related-process.js', import.meta.url)), [JSON.stringify(data)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const exited = once(child, 'exit')
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill()
    await exited
  })
  const [ready] = await once(child, 'message')
  assert.equal(ready, 'ready')
  return child
}

test('the related process waits while the server says it is busy, and goes on when told', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const before = await pending(db)
  const child = await startRelatedProcess(t, db, 60_000)
  child.send('pause') // as the server answers while its event loop is busy
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  assert.equal(await pending(db), before, 'no list computed while paused')
  child.send('resume')
  await until(async () => (await pending(db)) === 0, 20_000)
})

test('a related process paused longer than its longest wait goes on for a tenth of it: a site busy for hours still gets its lists', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const child = await startRelatedProcess(t, db, 300)
  child.send('pause') // and never 'resume'
  await until(async () => (await pending(db)) === 0, 20_000)
})
