import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely'
import { isPostgres } from './index.js'

/** An auto-incrementing integer primary key on both SQLite and PostgreSQL. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}

/** Timestamps are ISO-8601 UTC strings ('2025-03-01T10:00:00.000Z'): they sort as text on both engines. */
export const timestamp = 'text' as const

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull()
