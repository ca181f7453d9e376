// Keeping the index in step with articles: called inside every article write transaction.
import { htmlToText, isVisibleToReaders, VISIBLE_STATUS, type ArticleWriteListener } from '../articles/index.js'
import { pauseForOtherWriters, serverIsBusy, sqliteFileOf, sqliteHandleOf, waitWhileServerBusy, WRITE_BATCH_MS, type Db } from '../db/index.js'
import { ANALYZER_VERSION } from './arabic-analyzer.js'
import { refreshRelatedArticles } from './related.js'
import type { SearchEngine } from './search-engine.js'
import { indexInBulkSqlite, type IndexColumns } from './sqlite-engine.js'
import * as queries from './search.queries.js'
import { engineFor, indexStatus } from './search.service.js'

/** An article's indexed text: headline, summary and body as plain text. */
export interface IndexableText {
  title: string
  summary: string
  body: string
}

/**
 * (Re)indexes one article if published, else removes it; marks its related list for computing. Cheap: no ranking here.
 * `text` is given by an article write that has just stored a published article (so it need not be read back).
 */
export async function indexArticle(db: Db, articleId: number, text?: IndexableText): Promise<void> {
  const engine = engineFor(db)
  if (!engine) return
  if (!text) {
    const row = await queries.findIndexable(db, articleId)
    if (!row || !isVisibleToReaders(row.status)) return removeArticleFromIndex(db, articleId)
    text = { title: row.title, summary: row.summary, body: htmlToText(row.body_html) }
  }
  await engine.index(db, { id: articleId, ...text })
  await queries.markRelatedPending(db, [articleId])
}

/**
 * Indexes new published articles whose columns were computed ahead (`indexColumns`, in an
 * import's reader thread), inside the caller's transaction on `db` (SQLite; a transaction is a
 * Db of its own, so the opened database is passed too, for its connection). Called after the
 * transaction's other writes (see indexInBulkSqlite); their related lists are marked for computing.
 */
export async function indexInBulk(trx: Db, opened: Db, docs: { id: number; columns: IndexColumns }[]): Promise<void> {
  const sqlite = sqliteHandleOf(opened)
  if (!engineFor(trx) || !sqlite) throw new Error('indexInBulk needs SQLite')
  for (let i = 0; i < docs.length; i += 500) await queries.markRelatedPending(trx, docs.slice(i, i + 500).map((d) => d.id))
  indexInBulkSqlite(sqlite, docs)
}

/** After a bulk load (an import): the index merged into one part, which queries read fastest. */
export async function compactSearchIndex(db: Db): Promise<void> {
  await engineFor(db)?.compact(db)
}

/**
 * A database about to be searched hard (the bench, the evaluation): its index built by this
 * analyzer and merged. Returns how many articles were indexed anew (0 when it was current).
 */
export async function readySearchIndex(db: Db): Promise<number> {
  if ((await indexStatus(db)).stale) return rebuildSearchIndex(db) // which merges it too
  await compactSearchIndex(db) // quick when merged already
  return 0
}

/** Takes an article out of the index; lists that named it are recomputed. */
export async function removeArticleFromIndex(db: Db, articleId: number): Promise<void> {
  const engine = engineFor(db)
  if (!engine) return
  await engine.remove(db, articleId)
  await queries.deleteRelatedOf(db, articleId)
  await queries.markRelatedPending(db, await queries.findReferrers(db, articleId))
}

/** Follows article writes (wired by the app): a published article is (re)indexed, any other taken out. */
export const keepIndexOnArticleWrite: ArticleWriteListener = (trx, written) =>
  isVisibleToReaders(written.status) ? indexArticle(trx, written.id, written.text) : removeArticleFromIndex(trx, written.id)

/** Rebuilds the whole index with the current analyzer, then every related list. */
export async function reindexAll(
  db: Db,
  progress: { indexed?: (n: number) => void; related?: (n: number) => void } = {},
): Promise<{ indexed: number; related: number }> {
  const indexed = await rebuildSearchIndex(db, progress.indexed)
  // Beside a server on the same file, the lists wait while readers keep it busy (decision 032).
  const related = await refreshRelatedArticles(db, undefined, { onProgress: progress.related, whenNotBusy: () => waitWhileServerBusy(db) })
  return { indexed, related }
}

/**
 * Rebuilds the index with the current analyzer, then marks every related list for computing.
 * In batches of about WRITE_BATCH_MS, each its own transaction, so a server beside `nashra
 * reindex` waits half a second at most to write. Rows are replaced in place: meanwhile searches
 * still find every article (some analyzed the old way), and articles written meanwhile are indexed
 * by their own writes or by a later batch (ids only grow).
 */
export async function rebuildSearchIndex(db: Db, onProgress?: (indexed: number) => void, options = { batchMs: WRITE_BATCH_MS }): Promise<number> {
  const engine = engineFor(db)
  if (!engine) return 0
  const file = sqliteFileOf(db)
  const serverBusy = () => file !== undefined && serverIsBusy(file)
  let indexed = 0
  let after = 0
  for (;;) {
    const batch = await db.transaction().execute((trx) => indexBatch(trx, engine, after, options.batchMs, serverBusy))
    if (batch.count === 0) break
    after = batch.lastId
    indexed += batch.count
    onProgress?.(indexed)
    await pauseForOtherWriters(db)
  }
  await db.transaction().execute(async (trx) => {
    await engine.removeAllBut(trx, VISIBLE_STATUS) // unpublished since they were indexed, and missed by their write
    await queries.writeState(trx, 'analyzer_version', String(ANALYZER_VERSION))
    await queries.markAllPublishedPending(trx)
  })
  await engine.compact(db)
  return indexed
}

/** Indexes published articles after `afterId`, 50 at a time, until `batchMs` have passed. */
async function indexBatch(trx: Db, engine: SearchEngine, afterId: number, batchMs: number, serverBusy: () => boolean): Promise<{ count: number; lastId: number }> {
  const started = Date.now()
  let count = 0
  let lastId = afterId
  do {
    const rows = await queries.listIndexable(trx, lastId, 50)
    if (rows.length === 0) break
    for (const row of rows) await engine.index(trx, { id: row.id, title: row.title, summary: row.summary, body: htmlToText(row.body_html) })
    lastId = rows[rows.length - 1].id
    count += rows.length
    // A server on the file turned busy: the batch ends here, and the next waits (decision 032).
  } while (Date.now() - started < batchMs && !serverBusy())
  return { count, lastId }
}
