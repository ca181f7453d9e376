import assert from 'node:assert/strict'
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { markServerBusy, readPageVersions, sqliteFileOf, type Db } from '../db/index.js'
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

test('the related process computes pending lists, the server serves them, cached pages\' lists are marked outdated', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  assert.ok((await pending(db)) >= 7)
  const { related: version } = await readPageVersions(db)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '1' }), db)
  t.after(() => app.close())
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  await until(async () => (await pending(db)) === 0, 20_000)
  await until(async () => (await readPageVersions(db)).related !== version, 5_000)
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

test('the related process waits while the server marks itself busy, and goes on when it is not', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const before = await pending(db)
  const file = sqliteFileOf(db)!
  // As `nashra serve` does while its event loop is busy: the mark renewed every half second.
  markServerBusy(file, true)
  const renew = setInterval(() => markServerBusy(file, true), 500)
  t.after(() => clearInterval(renew))
  const data: RelatedProcessData = { path: file, intervalMs: 50, idleMs: 1_000 }
  const child = fork(fileURLToPath(new URL('./related-process.js', import.meta.url)), [JSON.stringify(data)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const exited = once(child, 'exit')
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill()
    await exited
  })
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  assert.equal(await pending(db), before, 'no list computed while paused')
  clearInterval(renew)
  markServerBusy(file, false)
  await until(async () => (await pending(db)) === 0, 20_000)
})
