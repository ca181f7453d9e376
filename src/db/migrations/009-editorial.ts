import type { Kysely } from 'kysely'
import { notNull, timestamp, withId } from '../schema-helpers.js'

// The newsroom's workflow: versions for optimistic concurrency, legal review, home page placement,
// SEO fields, preview links, revisions, corrections and replies, and a log of workflow steps.
export async function up(db: Kysely<any>): Promise<void> {
  const articleColumns: [string, 'integer' | 'text', (c: any) => any][] = [
    ['version', 'integer', (c) => c.notNull().defaultTo(1)], // bumped by every write; PATCH sends the one it read
    ['placement', 'text', (c) => c], // null | 'lead' | 'top'
    ['requires_legal_review', 'integer', (c) => c.notNull().defaultTo(0)],
    ['legal_status', 'text', (c) => c.notNull().defaultTo('')], // '' | 'pending' | 'approved' | 'returned'
    ['legal_note', 'text', (c) => c.notNull().defaultTo('')],
    ['legal_account_id', 'integer', (c) => c.references('account.id').onDelete('set null')],
    ['legal_at', timestamp, (c) => c],
    ['seo_title', 'text', (c) => c.notNull().defaultTo('')],
    ['seo_description', 'text', (c) => c.notNull().defaultTo('')],
    ['preview_token', 'text', (c) => c], // unguessable; null until an editor asks for a preview link
    ['created_by', 'integer', (c) => c.references('account.id').onDelete('set null')],
    ['updated_by', 'integer', (c) => c.references('account.id').onDelete('set null')],
  ]
  for (const [name, type, build] of articleColumns) {
    await db.schema.alterTable('article').addColumn(name, type, build).execute()
  }
  await db.schema.createIndex('article_preview_token').on('article').column('preview_token').unique().execute()
  await db.schema.createIndex('article_status_publish_at').on('article').columns(['status', 'publish_at']).execute()
  await db.schema.createIndex('article_placement').on('article').column('placement').execute()
  await db.schema.createIndex('article_created_by').on('article').columns(['created_by', 'updated_at']).execute()
  await db.schema.createIndex('article_status_updated').on('article').columns(['status', 'updated_at']).execute()

  await db.schema.alterTable('section').addColumn('on_home', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  await db.schema.alterTable('section').addColumn('requires_legal_review', 'integer', (c) => c.notNull().defaultTo(0)).execute()

  await withId(db, db.schema.createTable('article_revision'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('version', 'integer', notNull) // the article's version this revision saved
    .addColumn('account_id', 'integer', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('kind', 'text', notNull) // 'save' | 'autosave' | 'restore'
    .addColumn('snapshot', 'text', notNull) // JSON of the editable fields (articles/revisions.ts)
    .addColumn('created_at', timestamp, notNull)
    .execute()
  await db.schema.createIndex('article_revision_article').on('article_revision').columns(['article_id', 'id']).execute()

  await withId(db, db.schema.createTable('article_correction'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('kind', 'text', notNull) // 'correction' | 'reply'
    .addColumn('body', 'text', notNull)
    .addColumn('party', 'text', (c) => c.notNull().defaultTo('')) // who replies (right of reply)
    .addColumn('account_id', 'integer', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('created_at', timestamp, notNull)
    .execute()
  await db.schema.createIndex('article_correction_article').on('article_correction').columns(['article_id', 'created_at']).execute()
  await db.schema.createIndex('article_correction_created').on('article_correction').column('created_at').execute()

  await withId(db, db.schema.createTable('article_event'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('kind', 'text', notNull) // created | submitted | legal_approved | legal_returned | scheduled | published | unpublished | restored | corrected
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', timestamp, notNull)
    .execute()
  await db.schema.createIndex('article_event_article').on('article_event').columns(['article_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['article_event', 'article_correction', 'article_revision']) await db.schema.dropTable(table).execute()
  for (const index of ['article_preview_token', 'article_status_publish_at', 'article_placement', 'article_created_by', 'article_status_updated']) {
    await db.schema.dropIndex(index).execute()
  }
  for (const column of ['on_home', 'requires_legal_review']) await db.schema.alterTable('section').dropColumn(column).execute()
  // SQLite cannot drop a column that references another table; those stay (harmless, all null).
  const columns = ['version', 'placement', 'requires_legal_review', 'legal_status', 'legal_note', 'legal_at', 'seo_title', 'seo_description', 'preview_token']
  for (const column of columns) await db.schema.alterTable('article').dropColumn(column).execute()
}
