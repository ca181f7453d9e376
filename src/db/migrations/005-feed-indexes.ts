import type { Kysely } from 'kysely'

// Sitemaps and feeds read every published article's address and dates. Article rows hold the body,
// and SQLite stores columns after a long body in overflow pages, so these covering indexes keep a
// 30,000-article sitemap from reading the bodies (measured: 0.9 s → 0.1 s for the sitemap index).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('article_published_sitemap')
    .on('article')
    .columns(['status', 'id', 'updated_at', 'published_at', 'section_id', 'image_id', 'slug'])
    .execute()
  await db.schema.createIndex('article_section_updated').on('article').columns(['section_id', 'status', 'updated_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('article_section_updated').execute()
  await db.schema.dropIndex('article_published_sitemap').execute()
}
