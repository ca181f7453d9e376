import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../index.js'

// Search: the analyzed full-text index (SQLite FTS5; PostgreSQL gets its engine with scale-out),
// the analyzer version the index was built with, and articles whose related list needs computing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  // An empty index is consistent with any analyzer: record version 1 (the analyzer that shipped with it).
  await db.insertInto('search_state').values({ key: 'analyzer_version', value: '1' }).execute()

  await db.schema
    .createTable('search_related_pending')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('article.id').onDelete('cascade'))
    .execute()

  if (isPostgres(db)) return
  // Contentless: the text lives in `article`; the index holds analyzed tokens only, space-joined,
  // so the 'ascii' tokenizer splits exactly where the analyzer did. rowid = article.id.
  await sql`create virtual table article_fts using fts5(
    title, summary, body, title_stem, summary_stem, body_stem,
    content='', contentless_delete=1, tokenize='ascii', detail=full)`.execute(db)
  // Headlines alone, with prefix indexes: search-as-you-type.
  await sql`create virtual table article_title_fts using fts5(
    title, title_stem, content='', contentless_delete=1, tokenize='ascii', prefix='2 3 4')`.execute(db)
  await sql`create virtual table article_fts_row using fts5vocab(article_fts, 'row')`.execute(db)
  await sql`create virtual table article_fts_col using fts5vocab(article_fts, 'col')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const table of ['article_fts_col', 'article_fts_row', 'article_title_fts', 'article_fts']) {
      await sql`drop table if exists ${sql.table(table)}`.execute(db)
    }
  }
  await db.schema.dropTable('search_related_pending').execute()
  await db.schema.dropTable('search_state').execute()
}
