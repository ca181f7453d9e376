import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../index.js'

// Search index format 2 stores exact forms marked, apart from stems (src/search/sqlite-engine.ts).
// An empty index is consistent with any format: record 2 there, so a new database is not stale.
// A database holding articles indexed the old way stays at 1 until `nashra reindex` rebuilds it.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  // One row per indexed article (FTS5's own record of each document's length).
  const { rows } = await sql<{ indexed: number }>`select exists (select 1 from article_fts_docsize) as indexed`.execute(db)
  if (rows[0].indexed) return
  await db.updateTable('search_state').set({ value: '2' }).where('key', '=', 'analyzer_version').execute()
}

export async function down(): Promise<void> {
  // Nothing to undo: version 1's engine reads an empty index as well.
}
