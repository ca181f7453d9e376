import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { countArticles } from '../articles/index.js'
import { migrateToLatest, openSqlite } from '../db/index.js'
import { createTempDir, holdWriteLock } from '../db/testing.js'
import { ImportFileError, importSaudiNewsNet } from './index.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SAMPLE = join(ROOT, 'src/import/fixtures/saudinewsnet-sample.json')
const now = new Date('2026-03-01T10:00:00Z')

async function migratedDb(t: { after: (fn: () => unknown) => void }, lockWaitMs?: number) {
  const file = join(createTempDir(t), 'nashra.db')
  const db = openSqlite(file, { lockWaitMs })
  await migrateToLatest(db)
  t.after(() => db.destroy())
  return { db, file }
}

test('an import beside another writer waits for its lock and imports everything', async (t) => {
  const { db, file } = await migratedDb(t)
  const holder = await holdWriteLock(file, 800)
  t.after(() => holder.kill())
  const summary = await importSaudiNewsNet(db, [SAMPLE], { now })
  assert.equal(summary.imported, 7)
  assert.equal(await countArticles(db), 7)
})

test('an import that cannot get the lock in time fails naming the file, having written nothing of it', async (t) => {
  const { db, file } = await migratedDb(t, 200)
  const holder = await holdWriteLock(file, 20_000) // killed when the test ends; the import gives up after 200 ms
  t.after(() => holder.kill())
  await assert.rejects(importSaudiNewsNet(db, [SAMPLE], { now }), (err: unknown) => {
    assert.ok(err instanceof ImportFileError)
    assert.match(err.message, /saudinewsnet-sample\.json: .*could not be written \(database is locked\)/)
    assert.equal(err.filesImported, 0)
    return true
  })
  assert.equal(await countArticles(db), 0)
})
