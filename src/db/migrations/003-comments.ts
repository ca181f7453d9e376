import type { Kysely } from 'kysely'
import { notNull, timestamp, withId } from '../schema-helpers.js'

// Reader comments, their reports, and the flood-control clock (in the database, so every app node shares it).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('comment'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comment.id').onDelete('set null'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('author_name', 'text', notNull)
    .addColumn('author_email', 'text', notNull)
    .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commenter_key', 'text', notNull)
    .addColumn('author_ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', notNull)
    .addColumn('body_hash', 'text', notNull)
    .addColumn('status', 'text', notNull) // pending | approved | spam | trash
    .addColumn('previous_status', 'text')
    .addColumn('status_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_staff', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account_id', 'integer')
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, notNull)
    .addColumn('updated_at', timestamp, notNull)
    .addColumn('moderated_at', timestamp)
    .addColumn('moderated_by', 'integer')
    .execute()
  await db.schema.createIndex('comment_article_status').on('comment').columns(['article_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('comment_status_created').on('comment').columns(['status', 'created_at']).execute()
  await db.schema.createIndex('comment_commenter').on('comment').columns(['commenter_key', 'status']).execute()
  await db.schema.createIndex('comment_article_body').on('comment').columns(['article_id', 'body_hash']).execute()

  await withId(db, db.schema.createTable('comment_report'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comment.id').onDelete('cascade'))
    .addColumn('reason', 'text', notNull)
    .addColumn('reporter_ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', timestamp, notNull)
    .addColumn('resolved_at', timestamp)
    .execute()
  await db.schema.createIndex('comment_report_comment').on('comment_report').columns(['comment_id', 'resolved_at']).execute()

  await db.schema
    .createTable('comment_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('last_at', timestamp, notNull)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['comment_throttle', 'comment_report', 'comment']) await db.schema.dropTable(table).execute()
}
