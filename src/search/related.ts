// «مقالات ذات صلة» by content: an article's most distinctive stems (TF-IDF) searched against the
// index, closer dates preferred, the article itself and copies of the same wire story left out.
import { htmlToText, isVisibleToReaders } from '../articles/index.js'
import { eventLoopBusySampler } from '../config/index.js'
import { bumpRelatedVersion, type Db } from '../db/index.js'
import type { SearchEngine } from './search-engine.js'
import { loadRelatedModel, YIELD_EVERY } from './related-model.js'
import { CANDIDATES, candidateOpening, distinctive, frequentStems, keepDistinct, opening, termCounts } from './related-terms.js'
import { storeLists } from './related.queries.js'
import * as queries from './search.queries.js'
import { engineFor } from './search.service.js'

interface Text {
  id: number
  title: string
  summary: string
  body_html: string
  published_at: string | null
}

const DOCS_KEY = '\u0000docs'

/** Document frequencies already looked up in this run (a reindex asks for the same stems thousands of times). */
type DfCache = Map<string, number>

/** The article's distinctive stems, best first. */
async function distinctiveStems(db: Db, engine: SearchEngine, text: Text, body: string, cache: DfCache): Promise<string[]> {
  const tf = termCounts(text.title, text.summary, body)
  const candidates = frequentStems(tf)
  const missing = candidates.filter((c) => !cache.has(c))
  if (missing.length > 0 || !cache.has(DOCS_KEY)) {
    const looked = await engine.documentFrequencies(db, missing)
    for (const [stem, n] of looked.df) cache.set(stem, n)
    if (!cache.has(DOCS_KEY)) cache.set(DOCS_KEY, looked.docs)
  }
  return distinctive(candidates, tf, (s) => cache.get(s) ?? 0, cache.get(DOCS_KEY) ?? 0)
}

/** Computes and stores one article's related list; returns it. */
export async function computeRelated(db: Db, engine: SearchEngine, id: number, cache: DfCache = new Map()): Promise<{ id: number; score: number }[]> {
  const text = await queries.findIndexable(db, id)
  if (!text || !isVisibleToReaders(text.status)) {
    await queries.deleteRelatedOf(db, id)
    return []
  }
  const body = htmlToText(text.body_html)
  const terms = await distinctiveStems(db, engine, text, body, cache)
  const hits = await engine.similar(db, terms, { excludeId: id, around: text.published_at ?? new Date().toISOString(), limit: CANDIDATES })
  const candidates = new Map((await queries.findTexts(db, hits.map((h) => h.id))).map((t) => [t.id, t]))
  const seen = new Map<number, Set<string>>()
  const openingOf = (other: number) => {
    const text = candidates.get(other)
    if (text && !seen.has(other)) seen.set(other, candidateOpening(text))
    return seen.get(other)
  }
  const related = keepDistinct(hits, opening({ title: text.title, body }), openingOf)
  await queries.replaceRelated(db, id, related)
  return related
}

/** From this many pending lists, loading the bulk model (seconds) beats asking the index list by list. */
export const BULK_FROM = 200
const STORE_BATCH = 100

export interface RefreshOptions {
  /** Stop after about this much work (in the per-article method). */
  budgetMs?: number
  onProgress?: (done: number) => void
  /** Asked between batches: true stops the run (a server closing). */
  shouldStop?: () => boolean
  /** Awaited between batches: resolves when the server is not busy serving readers. */
  whenNotBusy?: () => Promise<void>
  /** From this many pending lists, the bulk model (tests lower it). */
  bulkFrom?: number
}

/**
 * Computes related lists for `ids`, or for every article marked pending (imports, `nashra reindex`):
 * in bulk (related-model.ts) when many are pending, one by one otherwise. Returns how many were computed.
 */
export async function refreshRelatedArticles(db: Db, ids?: number[], options: RefreshOptions = {}): Promise<number> {
  const engine = engineFor(db)
  if (!engine) return 0
  const started = Date.now()
  const cache: DfCache = new Map()
  const stop = () => options.shouldStop?.() === true || (options.budgetMs !== undefined && Date.now() - started >= options.budgetMs)
  let done = 0
  if (ids) {
    for (const id of ids) await computeRelated(db, engine, id, cache)
    await queries.clearPending(db, ids)
    return ids.length
  }
  if (options.budgetMs === undefined && (await queries.countPending(db)) >= (options.bulkFrom ?? BULK_FROM)) done = await refreshInBulk(db, options)
  for (;;) {
    await options.whenNotBusy?.()
    if (options.shouldStop?.()) break
    const batch = await queries.takePending(db, STORE_BATCH)
    if (batch.length === 0) break
    const finished: number[] = []
    for (const id of batch) {
      await options.whenNotBusy?.()
      await computeRelated(db, engine, id, cache)
      finished.push(id)
      done++
      if (stop()) break
    }
    await queries.clearPending(db, finished)
    options.onProgress?.(done)
    if (stop()) break
  }
  return done
}

/** Every pending list the bulk model can compute, newest articles first, 100 lists a transaction. */
async function refreshInBulk(db: Db, options: RefreshOptions): Promise<number> {
  const pending = await queries.takePending(db, Number.MAX_SAFE_INTEGER)
  const model = await loadRelatedModel(db, new Set(pending), options)
  if (!model) return 0
  const ids = pending.filter((id) => model.covered.has(id))
  let done = 0
  for (let i = 0; i < ids.length; i += STORE_BATCH) {
    const batch = ids.slice(i, i + STORE_BATCH)
    const lists: Parameters<typeof storeLists>[1] = []
    for (let j = 0; j < batch.length; j += YIELD_EVERY) {
      await options.whenNotBusy?.()
      if (options.shouldStop?.()) break
      lists.push(...model.compute(batch.slice(j, j + YIELD_EVERY)))
    }
    await storeLists(db, lists)
    done += lists.length
    options.onProgress?.(done)
    if (options.shouldStop?.()) break
  }
  return done
}

/**
 * In a serving process without a SQLite file for the related process to open (PostgreSQL): computes
 * pending related lists a few milliseconds at a time on this thread. SQLite uses related-worker.ts.
 */
export function startRelatedInThisThread(db: Db, log: { error: (obj: object, msg: string) => void }, options = { intervalMs: 500, budgetMs: 15 }): () => Promise<void> {
  let running = false
  const wasBusy = eventLoopBusySampler()
  const timer = setInterval(async () => {
    // A tick's few milliseconds are for when readers are not keeping the event loop busy.
    if (wasBusy() || running) return
    running = true
    try {
      const done = await refreshRelatedArticles(db, undefined, { budgetMs: options.budgetMs })
      // Cached article pages show the new lists once the queue is drained, rendered again one at a time or at their TTL (page-cache.ts).
      if (done > 0 && (await queries.countPending(db)) === 0) await bumpRelatedVersion(db)
    } catch (err) {
      log.error({ err }, 'related articles worker failed')
    } finally {
      running = false
    }
  }, options.intervalMs)
  timer.unref()
  return async () => clearInterval(timer)
}

/** Both methods' lists for `ids` (the bulk model's, then one by one against the index, which stores them): tests and the bench compare them. */
export async function relatedByBothMethods(db: Db, ids: number[]): Promise<{ id: number; model: number[]; perArticle: number[] }[]> {
  const engine = engineFor(db)
  const model = await loadRelatedModel(db, new Set(ids))
  if (!engine || !model) throw new Error('related lists need the SQLite search index')
  const lists = new Map(model.compute(ids).map((l) => [l.id, l.related.map((r) => r.id)]))
  const both = []
  for (const id of ids) both.push({ id, model: lists.get(id) ?? [], perArticle: (await computeRelated(db, engine, id)).map((r) => r.id) })
  return both
}
