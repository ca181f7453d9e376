// Kysely's SQLite dialect, changed where several processes share one database file (the server
// beside `nashra import` or `nashra reindex`):
//
// - A transaction takes the write lock as it begins (`begin immediate`). Kysely's plain `begin`
//   is deferred: a transaction that reads and then writes asks for the lock at its first write,
//   and if another process holds it then, SQLite answers SQLITE_BUSY at once (waiting could
//   deadlock, so busy_timeout is not consulted for that upgrade).
// - Waiting for the lock happens between event-loop turns: the connection's busy_timeout is short
//   (better-sqlite3 waits synchronously, freezing every request of the server meanwhile), and a
//   transaction or statement that finds the database busy tries again a little later, until
//   `lockWaitMs` has passed. While it waits, the connection is free for this process's reads.
// - A rollback after SQLite has already rolled back by itself (SQLITE_FULL, SQLITE_IOERR…) is
//   skipped, so the caller sees the error that happened, not "cannot rollback - no transaction is active".
// - Migrations run in a transaction (SQLite's DDL is transactional; Kysely assumes it is not), so
//   a failed migration leaves nothing half-made and two processes starting together apply it once.
import type SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** What the dialect needs of a better-sqlite3 database (a statement cache may stand in front of `prepare`). */
export interface SqliteHandle {
  prepare(sql: string): SQLite.Statement
  close(): void
  readonly inTransaction: boolean
}

export interface LockWaitOptions {
  /** How long a write waits in all for another process's write lock before it fails with SQLITE_BUSY. */
  lockWaitMs: number
}

export class NashraSqliteDialect implements Dialect {
  constructor(private readonly sqlite: SqliteHandle, private readonly options: LockWaitOptions) {}

  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqlite, this.options)
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler()
  }
  createAdapter() {
    return new TransactionalDdlSqliteAdapter()
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db)
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

class ImmediateSqliteDriver implements Driver {
  private readonly mutex = new Mutex()
  private readonly connection: SqliteConnection

  constructor(private readonly sqlite: SqliteHandle, private readonly options: LockWaitOptions) {
    this.connection = new SqliteConnection(sqlite, (attempt) => this.retryWhenBusy(attempt))
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    // One connection per process: queries take turns (as in Kysely's SqliteDriver).
    await this.mutex.lock()
    return this.connection
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = settings.accessMode === 'read only' ? 'begin' : 'begin immediate'
    await this.retryWhenBusy(() => this.sqlite.prepare(begin).run())
  }

  async commitTransaction(): Promise<void> {
    this.sqlite.prepare('commit').run()
  }

  async rollbackTransaction(): Promise<void> {
    // SQLite rolls a transaction back by itself on some errors (a full disk); the caller's error is the one to report.
    if (!this.sqlite.inTransaction) return
    this.sqlite.prepare('rollback').run()
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.sqlite.prepare(`savepoint ${quoteIdentifier(name)}`).run()
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.sqlite.prepare(`rollback to ${quoteIdentifier(name)}`).run()
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.sqlite.prepare(`release ${quoteIdentifier(name)}`).run()
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock()
  }

  async destroy(): Promise<void> {
    this.sqlite.close()
  }

  /**
   * Runs `attempt` (called with the connection held, outside any transaction) until it does not
   * find the database busy. Between attempts the connection is handed back, so this process's
   * other queries run while this one waits; nothing of the attempt happened, so it is safe to repeat.
   */
  private async retryWhenBusy<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + this.options.lockWaitMs
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        return attempt()
      } catch (err) {
        if (!isBusy(err) || this.sqlite.inTransaction || Date.now() >= deadline) throw err
      }
      this.mutex.unlock()
      await sleep(pause)
      await this.mutex.lock()
    }
  }
}

class SqliteConnection implements DatabaseConnection {
  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly retryWhenBusy: <T>(attempt: () => T) => Promise<T>,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const run = () => this.run<R>(compiledQuery)
    // Inside a transaction we hold the write lock already (or read a snapshot): a busy error there is final.
    if (this.sqlite.inTransaction) return run()
    return this.retryWhenBusy(run)
  }

  private run<R>({ sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.sqlite.prepare(sql)
    if (statement.reader) return { rows: statement.all(parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(parameters)
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.sqlite.prepare(compiledQuery.sql)
    if (!statement.reader) throw new Error('SQLite streams only queries that return rows')
    for (const row of statement.iterate(compiledQuery.parameters)) yield { rows: [row as R] }
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** Kysely's ConnectionMutex: one holder at a time, the others wait in turn. */
class Mutex {
  private held?: Promise<void>
  private release?: () => void

  async lock(): Promise<void> {
    while (this.held) await this.held
    this.held = new Promise((resolve) => (this.release = resolve))
  }

  unlock(): void {
    const release = this.release
    this.held = undefined
    this.release = undefined
    release?.()
  }
}
