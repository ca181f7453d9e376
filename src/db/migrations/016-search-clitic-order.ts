import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../index.js'

// Analyzer 3 peels proclitics in Arabic's order only (src/search/arabic-analyzer.ts). As in 007:
// an empty index is consistent with any analyzer, so a new database records 3 and is not stale;
// one holding articles keeps its version, and the server rebuilds it as it starts when small, else
// `nashra reindex` does.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  const { rows } = await sql<{ indexed: number }>`select exists (select 1 from article_fts_docsize) as indexed`.execute(db)
  if (rows[0].indexed) return
  await db.updateTable('search_state').set({ value: '3' }).where('key', '=', 'analyzer_version').execute()
}

export async function down(): Promise<void> {
  // Nothing to undo: analyzer 2 reads an empty index as well.
}
