// Whether this process can write its database: checked at boot (a data folder left read-only by
// an unclean stop or a restore as another user) and by /healthz.
import { accessSync, constants, existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { isPostgres, sqliteFileOf, type Db } from './index.js'
import { writeNothing } from './settings.js'

/** The first path this process may not write, with the reason; undefined when all are writable. */
export function unwritablePath(paths: string[]): string | undefined {
  for (const path of paths) {
    try {
      accessSync(path, constants.W_OK)
    } catch (err) {
      return `${path} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)})`
    }
  }
  return undefined
}

/** The SQLite file, its folder (SQLite writes -wal and -shm beside it) and those files when present. */
export function sqlitePaths(file: string): string[] {
  return [dirname(file), file, ...[`${file}-wal`, `${file}-shm`].filter(existsSync)]
}

/**
 * Why the database cannot be written, or undefined when it can. SQLite: the files' permissions,
 * then a write that changes nothing (`delete … where 0` still asks SQLite for write access, and a
 * database SQLite opened read-only, or a connection with query_only, refuses it).
 */
export async function whyNotWritable(db: Db): Promise<string | undefined> {
  if (isPostgres(db)) return undefined
  const file = sqliteFileOf(db)
  const path = file && unwritablePath(sqlitePaths(file))
  if (path) return path
  try {
    await writeNothing(db)
    return undefined
  } catch (err) {
    return `${file ?? 'the database'} cannot be written: ${err instanceof Error ? err.message : String(err)}`
  }
}

const CHECK_EVERY_MS = 2000
const checks = new WeakMap<Db, { at: number; result: Promise<string | undefined> }>()

/**
 * `whyNotWritable`, checked at most every two seconds per database (/healthz may be polled
 * often). A check that waits for another process's write lock counts as writable.
 */
export async function whyNotWritableCached(db: Db, now = Date.now()): Promise<string | undefined> {
  let check = checks.get(db)
  if (!check || now - check.at >= CHECK_EVERY_MS) {
    check = { at: now, result: whyNotWritable(db) }
    checks.set(db, check)
  }
  const busy = new Promise<undefined>((resolve) => setTimeout(resolve, 1000))
  return Promise.race([check.result, busy])
}
