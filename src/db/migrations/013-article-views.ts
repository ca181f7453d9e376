import type { Kysely } from 'kysely'
import { notNull } from '../schema-helpers.js'

// Most read (issue 12): views per article per newsroom day ('YYYY-MM-DD' in NASHRA_TIMEZONE),
// added to in batches by each app node (src/articles/most-read.service.ts). The key leads with the
// day, so a day's or a week's totals read one range.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_view')
    .addColumn('day', 'text', notNull)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('views', 'integer', notNull)
    .addPrimaryKeyConstraint('article_view_pk', ['day', 'article_id'])
    .execute()
  await db.schema.createIndex('article_view_article').on('article_view').column('article_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_view').execute()
}
