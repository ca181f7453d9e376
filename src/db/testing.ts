import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openSqlite, type Db } from './index.js'
import { migrateToLatest } from './migrate.js'

/** A fresh, migrated SQLite file in a temporary folder, removed when the test ends. */
export async function createTestDb(t: TestContext | { after: (fn: () => unknown) => void }): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'nashra-test-'))
  const db = openSqlite(join(dir, 'nashra.db'))
  await migrateToLatest(db)
  t.after(async () => {
    await db.destroy()
    removeTempDir(dir)
  })
  return db
}

/** A temporary data dir for tests that need one (media, secrets). */
export function createTempDir(t: { after: (fn: () => unknown) => void }, prefix = 'nashra-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => removeTempDir(dir))
  return dir
}

const leftUntilExit: string[] = []
const REMOVE_WITH_RETRIES = { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }

/**
 * Removed with retries: a `nashra serve` a test started may still write in it (its busy mark comes
 * and goes every 100 ms while it starts) until its own kill hook, which runs after this one. A
 * folder still being written to then is removed when the test process ends.
 */
function removeTempDir(dir: string): void {
  try {
    rmSync(dir, REMOVE_WITH_RETRIES)
  } catch {
    if (leftUntilExit.push(dir) === 1) process.once('exit', removeLeftFolders)
  }
}

function removeLeftFolders(): void {
  for (const dir of leftUntilExit) {
    try {
      rmSync(dir, REMOVE_WITH_RETRIES)
    } catch (err) {
      console.error(`test folder not removed: ${dir}: ${(err as Error).message}`)
    }
  }
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * Another process holding SQLite's write lock on `file` for `ms` from when it prints "locked",
 * having written the row `site_setting.holder` (visible to others once it commits).
 */
export async function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const script = `
    import SQLite from 'better-sqlite3'
    const db = new SQLite(process.argv[1])
    db.exec('begin immediate')
    db.prepare("insert into site_setting (key, value) values ('holder', '1')").run()
    console.log('locked')
    setTimeout(() => { db.exec('commit'); db.close() }, Number(process.argv[2]))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, file, String(ms)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve())
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)))
  })
  return child
}
