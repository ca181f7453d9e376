// The database part of a backup: SQLite's online backup API, and what a copy holds. These run on
// files of their own (a snapshot, an extracted copy), outside Kysely, with better-sqlite3 itself.
import SQLite from 'better-sqlite3'
import type { BackupCounts } from './manifest.js'

/**
 * Copies the live database at `source` into the new file `target` while other processes read and
 * write it. All pages go in one step, one read transaction: a consistent snapshot (WAL lets the
 * server keep writing meanwhile). In steps of a few pages, SQLite starts the copy over whenever
 * another process writes, and under a steady stream of comments it might never finish.
 * The copy is left in rollback-journal mode: one self-contained file, no -wal beside it.
 */
export async function snapshotDatabase(source: string, target: string): Promise<void> {
  const live = new SQLite(source, { fileMustExist: true })
  try {
    live.pragma('busy_timeout = 10000')
    await live.backup(target, { progress: () => 0x7fffffff })
  } finally {
    live.close()
  }
  const copy = new SQLite(target, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/** The migrations applied to a database file (its schema) and its counts; throws when it is not a Nashra database. */
export function describeDatabase(file: string): { migrations: string[]; counts: BackupCounts } {
  const db = new SQLite(file, { readonly: true, fileMustExist: true })
  try {
    const migrations = db.prepare('select name from kysely_migration order by name').pluck().all() as string[]
    const count = (table: string) => db.prepare(`select count(*) from "${table}"`).pluck().get() as number
    return {
      migrations,
      counts: { articles: count('article'), comments: count('comment'), media: count('media'), people: count('person'), accounts: count('account') },
    }
  } finally {
    db.close()
  }
}

/** SQLite's own check of every page and index; undefined when the file is sound, else what it found. */
export function integrityProblem(file: string): string | undefined {
  let db: SQLite.Database | undefined
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true })
    const rows = db.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[]
    const found = rows.map((r) => r.integrity_check)
    return found.length === 1 && found[0] === 'ok' ? undefined : found.join('; ')
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  } finally {
    db?.close()
  }
}
