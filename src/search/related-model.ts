// Related lists for many articles at once (after an import or a reindex). The per-article method
// (related.ts) asks the index for each list: about 16 ms of CPU, hours for a corpus. This loads every
// indexed article's stems once into inverted lists in typed arrays, then ranks each list in memory
// with FTS5's own bm25 (same figures, read from its shadow tables): the same lists, in order.
import { htmlToText, isVisibleToReaders } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { analyze } from './arabic-analyzer.js'
import { CANDIDATES, candidateOpening, distinctive, frequentStems, keepDistinct, opening, termCounts } from './related-terms.js'
import * as queries from './related.queries.js'
import { decayByDate, type Hit } from './search-engine.js'

// As in sqlite-engine.ts `similar`: bm25 weights of the stem columns (title, summary, body), the
// pool it ranks, and the date decay. related-model.test.ts checks both give the same lists.
const STEM_WEIGHTS = [3, 2, 1]
const K1 = 1.2
const B = 0.75
const LOAD_BATCH = 500
/** Articles read, or lists computed, between two waits for a server that is not busy (a few ms of CPU each). */
export const YIELD_EVERY = 10

/** One pending article's inputs, kept from the loading pass. */
interface Pending {
  tf: Map<string, number>
  candidates: string[]
  own: Set<string>
  publishedAt: string | null
}

export interface RelatedModel {
  /** Related lists for `ids` (pending articles loaded with the model); ids not indexed are left out (the caller computes them one by one). */
  compute(ids: number[]): { id: number; related: Hit[] }[]
  /** Pending ids the model has inputs for. */
  readonly covered: Set<number>
}

/** SQLite varints (FTS5 stores its sizes and totals with them). */
function varints(bytes: Uint8Array): number[] {
  const out: number[] = []
  for (let i = 0; i < bytes.length; ) {
    let value = 0
    for (let n = 0; ; n++) {
      const byte = bytes[i++]
      if (n === 8) {
        value = value * 256 + byte
        break
      }
      value = value * 128 + (byte & 0x7f)
      if (byte < 0x80) break
    }
    out.push(value)
  }
  return out
}

// FTS5's 'ascii' tokenizer: ASCII letters and digits and every non-ASCII character make tokens; ASCII is lower-cased.
const ASCII_SEPARATOR = /[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/
const needsTokenizing = /[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]|[A-Z]/
function indexTokens(stem: string): string[] {
  if (!needsTokenizing.test(stem)) return stem ? [stem] : []
  return stem.split(ASCII_SEPARATOR).filter(Boolean).map((t) => t.replace(/[A-Z]/g, (c) => c.toLowerCase()))
}

/** A growable Int32/Float32 column. */
class Column<T extends Int32Array | Float32Array> {
  length = 0
  constructor(public data: T) {}
  push(value: number) {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }
}

/**
 * Loads every indexed article (and the inputs of the `pending` ones) in batches; between batches
 * it waits for `whenNotBusy` and asks `shouldStop` (a server closing). Returns undefined when stopped.
 */
export async function loadRelatedModel(
  db: Db,
  pending: Set<number>,
  { shouldStop, whenNotBusy }: { shouldStop?: () => boolean; whenNotBusy?: () => Promise<void> } = {},
): Promise<RelatedModel | undefined> {
  await whenNotBusy?.() // the first reads below take the whole index (about a second of CPU)
  const sizes = new Map<number, number>()
  for (const row of await queries.indexedSizes(db)) sizes.set(row.id, varints(row.sz).reduce((a, b) => a + b, 0))
  const averages = varints((await queries.indexAverages(db)) ?? new Uint8Array())
  const nRow = averages[0] ?? 0
  const avgdl = averages.slice(1).reduce((a, b) => a + b, 0) / nRow
  const docs = await queries.countHeadlines(db)

  const vocabulary = new Map<string, number>()
  const df: number[] = []
  const postingTerm = new Column(new Int32Array(1 << 20))
  const postingDoc = new Column(new Int32Array(1 << 20))
  const postingFreq = new Column(new Float32Array(1 << 20))
  const docIds: number[] = []
  const docLength: number[] = []
  const openings: Set<string>[] = []
  const visibleDates = new Map<number, string | null>()
  const inputs = new Map<number, Pending>()

  const freq = new Map<number, number>()
  for (let after = 0; ; ) {
    await whenNotBusy?.()
    if (shouldStop?.()) return undefined
    const rows = await queries.listTexts(db, after, LOAD_BATCH)
    if (rows.length === 0) break
    after = rows[rows.length - 1].id
    for (const [i, row] of rows.entries()) {
      // A batch is a few hundred milliseconds of CPU: readers may arrive meanwhile.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await whenNotBusy?.()
      if (isVisibleToReaders(row.status)) visibleDates.set(row.id, row.published_at)
      const size = sizes.get(row.id)
      const wanted = pending.has(row.id) && isVisibleToReaders(row.status)
      if (size === undefined && !wanted) continue
      const body = htmlToText(row.body_html)
      if (wanted) {
        const counts = termCounts(row.title, row.summary, body)
        const candidates = frequentStems(counts)
        // Only the candidates' counts are read again: the whole map for 30,000 articles would be most of the memory.
        const tf = new Map(candidates.map((s) => [s, counts.get(s) ?? 0]))
        inputs.set(row.id, { tf, candidates, own: opening({ title: row.title, body }), publishedAt: row.published_at })
      }
      if (size === undefined) continue
      // The stem columns as the index holds them: each token's bm25 frequency, weighted by column.
      freq.clear()
      ;[row.title, row.summary, body].forEach((text, column) => {
        for (const token of analyze(text)) {
          for (const t of indexTokens(token.stem)) {
            let id = vocabulary.get(t)
            if (id === undefined) {
              id = df.length
              vocabulary.set(t, id)
              df.push(0)
            }
            freq.set(id, (freq.get(id) ?? 0) + STEM_WEIGHTS[column])
          }
        }
      })
      const doc = docIds.length
      docIds.push(row.id)
      docLength.push(size)
      openings.push(candidateOpening(row))
      for (const [term, f] of freq) {
        df[term]++
        postingTerm.push(term)
        postingDoc.push(doc)
        postingFreq.push(f)
      }
    }
  }

  // Inverted lists: for each term, its documents (in id order) and frequencies.
  const start = new Int32Array(df.length + 1)
  for (let t = 0; t < df.length; t++) start[t + 1] = start[t] + df[t]
  const fill = start.slice(0, df.length)
  const listDoc = new Int32Array(postingDoc.length)
  const listFreq = new Float32Array(postingDoc.length)
  for (let i = 0; i < postingDoc.length; i++) {
    const at = fill[postingTerm.data[i]]++
    listDoc[at] = postingDoc.data[i]
    listFreq[at] = postingFreq.data[i]
  }
  const lengthNorm = Float64Array.from(docLength, (d) => K1 * (1 - B + (B * d) / avgdl))
  const docIndex = new Map(docIds.map((id, i) => [id, i]))
  const score = new Float64Array(docIds.length)
  const touched = new Uint8Array(docIds.length)

  const dfOf = (stem: string) => {
    const t = vocabulary.get(stem)
    return t === undefined ? 0 : df[t]
  }

  /** As sqlite-engine.ts `similar`: the best bm25 pool over the index, then dated, decayed and re-sorted. */
  function similar(id: number, terms: string[], around: string): Hit[] {
    const matched: number[] = []
    for (const stem of terms) {
      const t = vocabulary.get(stem)
      if (t === undefined) continue
      let idf = Math.log((nRow - df[t] + 0.5) / (df[t] + 0.5))
      if (idf <= 0) idf = 1e-6
      for (let i = start[t]; i < start[t + 1]; i++) {
        const doc = listDoc[i]
        const f = listFreq[i]
        if (!touched[doc]) {
          touched[doc] = 1
          matched.push(doc)
        }
        score[doc] += idf * ((f * (K1 + 1)) / (f + lengthNorm[doc]))
      }
    }
    const ranked = matched.map((doc) => ({ id: docIds[doc], score: score[doc] }))
    for (const doc of matched) {
      score[doc] = 0
      touched[doc] = 0
    }
    // FTS5 yields rows in rowid order and SQLite's sort keeps equal scores in that order.
    ranked.sort((x, y) => y.score - x.score || x.id - y.id)
    const pool = ranked.slice(0, CANDIDATES * 3 + 1).filter((r) => r.id !== id)
    return decayByDate(pool, visibleDates, around, CANDIDATES)
  }

  return {
    covered: new Set(inputs.keys()),
    compute(ids) {
      const lists: { id: number; related: Hit[] }[] = []
      for (const id of ids) {
        const input = inputs.get(id)
        if (!input) continue
        const terms = distinctive(input.candidates, input.tf, dfOf, docs)
        const hits = terms.length === 0 ? [] : similar(id, terms, input.publishedAt ?? new Date().toISOString())
        const openingOf = (other: number) => {
          const doc = docIndex.get(other)
          return doc === undefined ? undefined : openings[doc]
        }
        lists.push({ id, related: keepDistinct(hits, input.own, openingOf) })
        inputs.delete(id) // its inputs are no longer needed
      }
      return lists
    },
  }
}
