import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../index.js'

// «Did you mean» looks for spellings in the headlines' vocabulary: 37,000 words on the corpus
// against 330,000 in headlines and bodies, so a range of it is read in a millisecond, not 200.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  await sql`create virtual table article_title_fts_row using fts5vocab(article_title_fts, 'row')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists article_title_fts_row`.execute(db)
}
