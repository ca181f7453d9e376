import type { Kysely } from 'kysely'

// Imports re-mapped in place (`nashra import saudinewsnet --update`): each original URL → the article
// it became. A continuation folded into its story maps to the story, and the article it had been
// before points readers there (merged_into_id, a 301). Backfilled from article.source_url.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_import')
    .addColumn('source_url', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .execute()
  await db.schema.createIndex('article_import_article').on('article_import').column('article_id').execute()
  await db.schema.alterTable('article').addColumn('merged_into_id', 'integer', (c) => c.references('article.id').onDelete('set null')).execute()
  await db
    .insertInto('article_import')
    .columns(['source_url', 'article_id'])
    .expression((eb) => eb.selectFrom('article').where('source_url', 'is not', null).select(['source_url', 'id']))
    .onConflict((oc) => oc.column('source_url').doNothing())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('article').dropColumn('merged_into_id').execute()
  await db.schema.dropTable('article_import').execute()
}
