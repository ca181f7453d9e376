import type { Kysely } from 'kysely'
import { notNull, timestamp, withId } from '../schema-helpers.js'

// Newsroom accounts, admin API tokens, sessions and sign-in failures (shared by every app node).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('account'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('created_at', timestamp, notNull)
    .addColumn('updated_at', timestamp, notNull)
    .execute()

  await withId(db, db.schema.createTable('api_token'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', timestamp, notNull)
    .addColumn('last_used_at', timestamp)
    .execute()
  await db.schema.createIndex('api_token_account').on('api_token').column('account_id').execute()

  await db.schema
    .createTable('staff_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, notNull)
    .addColumn('last_seen_at', timestamp, notNull)
    .addColumn('expires_at', timestamp, notNull)
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('staff_session_account').on('staff_session').column('account_id').execute()
  await db.schema.createIndex('staff_session_expires').on('staff_session').column('expires_at').execute()

  await db.schema
    .createTable('login_failure')
    .addColumn('key', 'text', notNull)
    .addColumn('created_at', timestamp, notNull)
    .execute()
  await db.schema.createIndex('login_failure_key').on('login_failure').columns(['key', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['login_failure', 'staff_session', 'api_token', 'account']) await db.schema.dropTable(table).execute()
}
