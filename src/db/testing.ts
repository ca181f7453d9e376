import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { openSqlite, type Db } from './index.js'
import { migrateToLatest } from './migrate.js'

/** A fresh, migrated SQLite file in a temporary folder, removed when the test ends. */
export async function createTestDb(t: TestContext | { after: (fn: () => unknown) => void }): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'nashra-test-'))
  const db = openSqlite(join(dir, 'nashra.db'))
  await migrateToLatest(db)
  t.after(async () => {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  })
  return db
}

/** A temporary data dir for tests that need one (media, secrets). */
export function createTempDir(t: { after: (fn: () => unknown) => void }, prefix = 'nashra-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
