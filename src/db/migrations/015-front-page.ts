import type { Kysely } from 'kysely'

// The front page asks for the newest published story the desk placed 'lead' (and 'top'). With
// only `article_placement (placement)`, SQLite walked every published article newest first
// looking for one (100–140 ms on the 30,666-article corpus, where nothing is placed); with the
// status and date beside the placement it is one index probe.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('article_placement_published').on('article').columns(['placement', 'status', 'published_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('article_placement_published').execute()
}
