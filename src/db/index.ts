import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresAdapter, SqliteDialect, type Transaction } from 'kysely'
import type { Database } from './database.js'

export type { Database } from './database.js'
export { migrateToLatest } from './migrate.js'

/** The database handle every service takes; a transaction is a Db too. */
export type Db = Kysely<Database>
export type Trx = Transaction<Database>

/** Opens the database named by DATABASE_URL (`file:/path` for SQLite, `postgres://…`). */
export async function openDb(databaseUrl: string): Promise<Db> {
  if (databaseUrl.startsWith('file:')) return openSqlite(databaseUrl.slice('file:'.length))
  const { openPostgres } = await import('./postgres.js')
  return openPostgres(databaseUrl)
}

/**
 * SQLite in WAL mode: readers never wait for the writer. `readonly` opens an existing database
 * for reading only (another thread's connection to the same file: search workers).
 */
export function openSqlite(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new SQLite(path, { readonly: options.readonly ?? false })
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
  }
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  if (path !== ':memory:') sqliteFiles.set(db, path)
  return db
}

const sqliteFiles = new WeakMap<Db, string>()

/** The file behind a SQLite database opened by `openSqlite`; undefined in memory and on PostgreSQL. */
export function sqliteFileOf(db: Db): string | undefined {
  return sqliteFiles.get(db)
}

// Kysely prepares every query anew, and compiling SQL costs better-sqlite3 more than running it
// (measured on the corpus import: prepare was the largest single cost). Queries run one at a time
// on this connection (Kysely's mutex), so reusing a statement is safe.
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql) // most recently used goes last
      } else {
        statement = sqlite.prepare(sql)
        if (cache.size >= size) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sql, statement)
      return statement
    },
  }
}

/** True on PostgreSQL, where a few statements (full-text search, upserts) differ. */
export function isPostgres(db: Db | Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** Runs `fn` in a transaction, or directly inside the caller's when `db` already is one (batched imports). */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db)
  return db.transaction().execute(fn)
}
