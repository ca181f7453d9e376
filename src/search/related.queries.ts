// What the bulk related-articles model reads at once: every indexed article's text, and FTS5's own
// figures for bm25 (row count, token totals, each row's size), read from its shadow tables so the
// model ranks exactly as `similar` in sqlite-engine.ts does.
import { sql } from 'kysely'
import type { Db } from '../db/index.js'
import { clearPending, relatedRows } from './search.queries.js'

/** Articles with ids in (afterId, …], in id order, with what the model and the date filter need. */
export function listTexts(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('article')
    .where('id', '>', afterId)
    .select(['id', 'title', 'summary', 'body_html', 'status', 'published_at'])
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Each indexed row's token count per column (FTS5 varints), by rowid. */
export async function indexedSizes(db: Db): Promise<{ id: number; sz: Uint8Array }[]> {
  return (await sql<{ id: number; sz: Uint8Array }>`select id, sz from article_fts_docsize`.execute(db)).rows
}

/** FTS5's averages record: row count, then token totals per column (varints). */
export async function indexAverages(db: Db): Promise<Uint8Array | undefined> {
  return (await sql<{ block: Uint8Array }>`select block from article_fts_data where id = 1`.execute(db)).rows[0]?.block
}

/** The article count the per-article method uses as N for idf. */
export async function countHeadlines(db: Db): Promise<number> {
  return Number((await sql<{ n: number }>`select count(*) as n from article_title_fts`.execute(db)).rows[0]?.n ?? 0)
}

/** Replaces the related lists of several articles and takes them off the queue, in one transaction. */
export async function storeLists(db: Db, lists: { id: number; related: { id: number; score: number }[] }[]): Promise<void> {
  if (lists.length === 0) return
  const ids = lists.map((l) => l.id)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('article_related').where('article_id', 'in', ids).execute()
    const rows = lists.flatMap((l) => relatedRows(l.id, l.related))
    // 6 rows × 4 values × 100 lists stays under SQLite's 32,766 bound parameters.
    if (rows.length > 0) await trx.insertInto('article_related').values(rows).execute()
    await clearPending(trx, ids)
  })
}
