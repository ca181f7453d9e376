import type { Kysely } from 'kysely'

// Images get JPEG renditions beside the WebP ones (readers whose browser lacks WebP, feeds, social
// cards) and the original upload is kept. `renditions` is JSON: [{width, type, path}], ascending.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('renditions', 'text', (c) => c.notNull().defaultTo('[]')).execute()
  await db.schema.alterTable('media').addColumn('original_path', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('media').addColumn('bytes', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute()
  await db.schema.createIndex('media_created').on('media').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('media_created').execute()
  for (const column of ['renditions', 'original_path', 'bytes', 'uploaded_by']) await db.schema.alterTable('media').dropColumn(column).execute()
}
