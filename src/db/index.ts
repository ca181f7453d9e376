import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresAdapter, type Transaction } from 'kysely'
import { LRUCache } from 'lru-cache'
import type { Database } from './database.js'
import { NashraSqliteDialect } from './sqlite-dialect.js'
import { anyServerIsBusy, serverIsBusy, waitWhile } from './serve-lock.js'

export type { Database } from './database.js'
export { migrateDownOne, migrateToLatest, migrationNames } from './migrate.js'

/** The database handle every service takes; a transaction is a Db too. */
export type Db = Kysely<Database>
export type Trx = Transaction<Database>

/** Opens the database named by DATABASE_URL (`file:/path` for SQLite, `postgres://…`). */
export async function openDb(databaseUrl: string): Promise<Db> {
  if (databaseUrl.startsWith('file:')) return openSqlite(databaseUrl.slice('file:'.length))
  const { openPostgres } = await import('./postgres.js')
  return openPostgres(databaseUrl)
}

/** How long a write waits in all for another process's write lock (an import's batch, a reindex's) before it fails. */
export const LOCK_WAIT_MS = 30_000
// Each attempt waits this long synchronously (better-sqlite3 blocks the thread); longer waits are
// retried between event-loop turns (sqlite-dialect.ts), so a server keeps answering meanwhile.
const BUSY_TIMEOUT_MS = 20

/**
 * SQLite in WAL mode: readers never wait for the writer; writers take turns (sqlite-dialect.ts).
 * `readonly` opens an existing database for reading only (another thread's connection to the
 * same file: search workers). A new database and its folder are readable by their owner only:
 * they hold commenters' emails and password hashes.
 */
export function openSqlite(path: string, options: { readonly?: boolean; lockWaitMs?: number } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const sqlite = openPrivately(path, options.readonly ?? false)
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
  }
  sqlite.pragma('foreign_keys = ON')
  // A read-only connection lives in a worker thread, where waiting synchronously blocks no one.
  sqlite.pragma(`busy_timeout = ${options.readonly ? 5000 : BUSY_TIMEOUT_MS}`)
  const dialect = new NashraSqliteDialect(withStatementCache(sqlite), { lockWaitMs: options.lockWaitMs ?? LOCK_WAIT_MS })
  const db = new Kysely<Database>({ dialect })
  if (path !== ':memory:') sqliteFiles.set(db, path)
  sqliteHandles.set(db, sqlite)
  return db
}

/**
 * Opens the file with better-sqlite3, first creating it empty (a valid new database) readable by
 * its owner only when it does not exist: SQLite would create it 0644, and gives its -wal and
 * -shm files the database file's mode. An existing file keeps the mode its owner chose.
 */
function openPrivately(path: string, readonly: boolean): SQLite.Database {
  if (path !== ':memory:' && !readonly) {
    try {
      closeSync(openSync(path, 'wx', 0o600))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  return new SQLite(path, { readonly })
}

const sqliteFiles = new WeakMap<Db, string>()
const sqliteHandles = new WeakMap<Db, SQLite.Database>()

/**
 * The better-sqlite3 connection behind a database opened by `openSqlite` (undefined on
 * PostgreSQL), for bulk writes with prepared statements inside a Kysely transaction on the same
 * connection: building a Kysely query per row costs more than running it (an import's rows).
 */
export function sqliteHandleOf(db: Db): SQLite.Database | undefined {
  return sqliteHandles.get(db)
}

/** The file behind a SQLite database opened by `openSqlite`; undefined in memory and on PostgreSQL. */
export function sqliteFileOf(db: Db): string | undefined {
  return sqliteFiles.get(db)
}

// Kysely prepares every query anew, and compiling SQL costs better-sqlite3 more than running it
// (measured on the corpus import: prepare was the largest single cost). Queries run one at a time
// on this connection (Kysely's mutex), so reusing a statement is safe. lru-cache replaced a
// hand-written Map LRU here, on the hottest path: a hit took 480–530 ns against 550–750 ns (60
// distinct statements, SQL a fresh string each call as Kysely gives it; 3M lookups, 3 runs each).
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new LRUCache<string, SQLite.Statement>({ max: size })
  return {
    close: () => sqlite.close(),
    get inTransaction() {
      return sqlite.inTransaction
    },
    prepare(sql: string): SQLite.Statement {
      const cached = cache.get(sql)
      if (cached) return cached
      const statement = sqlite.prepare(sql)
      cache.set(sql, statement)
      return statement
    },
  }
}

/** True on PostgreSQL, where a few statements (full-text search, upserts) differ. */
export function isPostgres(db: Db | Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/**
 * Long writes (an import, a reindex) commit about this often, so a server beside them waits for
 * one batch at most, never for the whole job.
 */
export const WRITE_BATCH_MS = 500

/**
 * Called between two batches of a long write: SQLite's lock is not fair, and a writer waiting in
 * another process tries again every few tens of milliseconds (sqlite-dialect.ts), so a batch
 * begun at once after a commit would keep it waiting batch after batch. Then, while a server on
 * the same file says readers keep it busy (`markServerBusy`), waits: a batch job beside it at nice
 * 19 still takes the CPU whenever the server blocks for a moment, and that showed in its p99 (#13).
 */
export async function pauseForOtherWriters(db: Db, longestWaitMs = 30_000): Promise<void> {
  await sleep(60)
  await waitWhileServerBusy(db, longestWaitMs)
}

/**
 * Waits while a server on `db`'s file says readers keep it busy (`markServerBusy`), for batch work
 * between two steps; after `waitForEveryServerOnThisMachine()`, while any server on this machine
 * does. As the related-lists process does (decision 032): after `longestWaitMs` of waiting, work
 * goes on for a tenth of that before it waits again.
 */
export async function waitWhileServerBusy(db: Db, longestWaitMs = 30_000): Promise<void> {
  const file = sqliteFiles.get(db)
  if (!file || Date.now() < goOnUntil) return
  const gaveUp = await waitWhile(() => serverIsBusy(file) || (everyServer && anyServerIsBusy()), longestWaitMs)
  if (gaveUp) goOnUntil = Date.now() + longestWaitMs / 10
}

/**
 * For `nashra import` and `nashra reindex`: their batches also wait while a server of another
 * site on this machine is busy with readers, since they share its CPU (decision 038). Library
 * callers (tests, the bench) wait only for a server on their own file.
 */
export function waitForEveryServerOnThisMachine(): void {
  everyServer = true
}
let everyServer = false

/** Until when batch jobs go on without waiting, after a wait that lasted `longestWaitMs`. */
let goOnUntil = 0


/** Runs `fn` in a transaction, or directly inside the caller's when `db` already is one (batched imports). */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db)
  return db.transaction().execute(fn)
}
export { bumpContentVersion, bumpRelatedVersion, contentChanges, type PageVersions, readContentVersion, readPageVersions } from './content-version.js'
export { readSetting, readSettings, writeSetting, writeSettingOnce } from './settings.js'
export { busyMarkKeeper, markServerBusy, ServeLockError, serverIsBusy, takeServeLock } from './serve-lock.js'
export { sqlitePaths, unwritablePath, whyNotWritable, whyNotWritableCached } from './writable.js'
export { likeContains } from './like.js'
export { Precompiled } from './precompiled.js'
