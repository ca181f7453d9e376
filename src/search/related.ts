// «مقالات ذات صلة» by content: an article's most distinctive stems (TF-IDF) searched against the
// index, closer dates preferred, the article itself and copies of the same wire story left out.
import { htmlToText, isVisibleToReaders } from '../articles/index.js'
import { bumpContentVersion, type Db } from '../db/index.js'
import { stems } from './arabic-analyzer.js'
import type { SearchEngine } from './search-engine.js'
import * as queries from './search.queries.js'
import { engineFor } from './search.service.js'

export const RELATED_STORED = 6
const DISTINCTIVE_TERMS = 10
const CANDIDATES = 20
/** Stems in more than this share of articles say nothing about a story. */
const MAX_DOC_SHARE = 0.02
/** Two stories sharing this much of their opening stems are copies of one wire story. */
const DUPLICATE_JACCARD = 0.5
const OPENING_STEMS = 60

interface Text {
  id: number
  title: string
  summary: string
  body_html: string
  published_at: string | null
}

const DOCS_KEY = '\u0000docs'
const isWord = (s: string) => Array.from(s).length >= 3 && !/^\d+$/.test(s)

/** Document frequencies already looked up in this run (a reindex asks for the same stems thousands of times). */
type DfCache = Map<string, number>

/** The article's distinctive stems, best first: title words count thrice, summary twice. */
async function distinctiveStems(db: Db, engine: SearchEngine, text: Text, body: string, cache: DfCache): Promise<string[]> {
  const tf = new Map<string, number>()
  const add = (list: string[], weight: number) => {
    for (const s of list) if (isWord(s)) tf.set(s, (tf.get(s) ?? 0) + weight)
  }
  add(stems(text.title), 3)
  add(stems(text.summary), 2)
  add(stems(body), 1)
  // Look up the 60 most frequent only: idf is a database lookup each.
  const candidates = [...tf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([s]) => s)
  const missing = candidates.filter((c) => !cache.has(c))
  if (missing.length > 0 || !cache.has(DOCS_KEY)) {
    const looked = await engine.documentFrequencies(db, missing)
    for (const [stem, n] of looked.df) cache.set(stem, n)
    if (!cache.has(DOCS_KEY)) cache.set(DOCS_KEY, looked.docs)
  }
  const docs = cache.get(DOCS_KEY) ?? 0
  const df = cache
  const maxDocs = Math.max(3, docs * MAX_DOC_SHARE)
  return candidates
    .filter((s) => (df.get(s) ?? 0) >= 2 && (df.get(s) ?? 0) <= maxDocs) // seen elsewhere, and not everywhere
    .map((s) => ({ s, w: (1 + Math.log(tf.get(s) ?? 1)) * Math.log(docs / (df.get(s) ?? 1)) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, DISTINCTIVE_TERMS)
    .map((x) => x.s)
}

function opening(text: { title: string; body: string }): Set<string> {
  return new Set([...stems(text.title), ...stems(text.body.slice(0, 1200)).slice(0, OPENING_STEMS)].filter(isWord))
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const s of a) if (b.has(s)) shared++
  return shared / (a.size + b.size - shared || 1)
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
  const kept: { id: number; score: number; opening: Set<string> }[] = []
  const own = opening({ title: text.title, body })
  for (const hit of hits) {
    const other = candidates.get(hit.id)
    if (!other) continue
    const theirs = opening({ title: other.title, body: htmlToText(other.body_html.slice(0, 3000)) })
    // The same wire story under another paper's name: never the article itself, and only one copy of any other.
    if (jaccard(own, theirs) >= DUPLICATE_JACCARD || kept.some((k) => jaccard(k.opening, theirs) >= DUPLICATE_JACCARD)) continue
    kept.push({ id: hit.id, score: Math.round(hit.score * 1000) / 1000, opening: theirs })
    if (kept.length === RELATED_STORED) break
  }
  const related = kept.map(({ id, score }) => ({ id, score }))
  await queries.replaceRelated(db, id, related)
  return related
}

/**
 * Computes related lists for `ids`, or for every article marked pending (imports, `nashra reindex`),
 * at most `budgetMs` of work when given. Returns how many were computed.
 */
export async function refreshRelatedArticles(db: Db, ids?: number[], options: { budgetMs?: number; onProgress?: (done: number) => void } = {}): Promise<number> {
  const engine = engineFor(db)
  if (!engine) return 0
  const started = Date.now()
  const cache: DfCache = new Map()
  let done = 0
  if (ids) {
    for (const id of ids) await computeRelated(db, engine, id, cache)
    await queries.clearPending(db, ids)
    return ids.length
  }
  for (;;) {
    const batch = await queries.takePending(db, 100)
    if (batch.length === 0) break
    const finished: number[] = []
    for (const id of batch) {
      await computeRelated(db, engine, id, cache)
      finished.push(id)
      done++
      if (options.budgetMs !== undefined && Date.now() - started >= options.budgetMs) break
    }
    await queries.clearPending(db, finished)
    options.onProgress?.(done)
    if (options.budgetMs !== undefined && Date.now() - started >= options.budgetMs) break
  }
  return done
}

/**
 * In a serving process: computes pending related lists a few milliseconds at a time, so a
 * published story gets its list within a second or two and page latency stays flat.
 */
export function startRelatedWorker(db: Db, log: { error: (obj: object, msg: string) => void }, options = { intervalMs: 500, budgetMs: 15 }): () => void {
  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      const done = await refreshRelatedArticles(db, undefined, { budgetMs: options.budgetMs })
      // Cached article pages show the new lists once the queue is drained (one refresh, not one per batch).
      if (done > 0 && (await queries.countPending(db)) === 0) await bumpContentVersion(db)
    } catch (err) {
      log.error({ err }, 'related articles worker failed')
    } finally {
      running = false
    }
  }, options.intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
