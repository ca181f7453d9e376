// What the search feature needs from a full-text engine. SQLite FTS5 implements it now
// (sqlite-engine.ts); a PostgreSQL implementation comes with the scale-out issue.
import type { Db } from '../db/index.js'
import type { ParsedQuery, QueryClause } from './query-parser.js'

/** An article as the index sees it: plain text (the engine analyzes it). */
export interface IndexedDocument {
  id: number
  title: string
  summary: string
  body: string
}

export interface SearchFilter {
  sectionId?: number
  personId?: number
  /** ISO timestamps, inclusive. */
  from?: string
  to?: string
}

export type SearchSort = 'relevance' | 'newest'

export interface Hit {
  id: number
  score: number
}

export interface SearchEngine {
  index(db: Db, doc: IndexedDocument): Promise<void>
  remove(db: Db, id: number): Promise<void>
  /** Removes every article whose status is not `status` (after a rebuild in batches). */
  removeAllBut(db: Db, status: 'published'): Promise<void>
  /** Merges the index into as few parts as it can (after a bulk load): every query then reads less. */
  compact(db: Db): Promise<void>
  /**
   * Published articles matching every clause ('all') or at least one ('any'), minus excluded clauses.
   * `total` is exact for 'all'; for 'any' (candidates for the any-word fallback) it is exact up
   * to 1,000 and only a lower bound beyond.
   */
  search(
    db: Db,
    query: ParsedQuery,
    mode: 'all' | 'any',
    options: { filter: SearchFilter; sort: SearchSort; limit: number; offset: number; now: Date },
  ): Promise<{ total: number; hits: Hit[] }>
  /** Which of `ids` match `clause` (ranking the any-term fallback by how many clauses match). */
  matching(db: Db, clause: QueryClause, ids: number[]): Promise<Set<number>>
  /** Headlines matching every word, the last as a prefix when still being typed. */
  suggestTitles(db: Db, query: ParsedQuery, limit: number): Promise<number[]>
  /** How many indexed articles hold each stem, and how many articles there are. */
  documentFrequencies(db: Db, stems: string[]): Promise<{ docs: number; df: Map<string, number> }>
  /** Articles sharing the given distinctive stems, best first, dated near `around`. */
  similar(db: Db, stems: string[], options: { excludeId: number; around: string; limit: number }): Promise<Hit[]>
  /** Which of these tokens (stems or folded forms) occur anywhere in the index. */
  existing(db: Db, tokens: string[]): Promise<Set<string>>
  /** How many articles hold each folded form as written and each stem, each counted up to `upTo`. */
  counts(db: Db, tokens: { exact?: string[]; stems?: string[] }, upTo: number): Promise<{ exact: Map<string, number>; stems: Map<string, number> }>
  /** Spellings (folded, unstemmed) starting with `prefix` in indexed headlines, or in headlines and bodies, with their document counts. */
  spellings(db: Db, prefix: string, scope: 'headlines' | 'stories'): Promise<{ term: string; docs: number }[]>
}

/** Hits best first, ties to the newer story: the order of every ranked list. */
export const byScoreThenNewer = (x: Hit, y: Hit) => y.score - x.score || y.id - x.id

// Related articles: closeness in time to the source article, over a few months.
const RELATED_DAYS = 120

/**
 * How `similar` ranks a pool of bm25 hits: each score decays with the days between the story and
 * `around` (a story with no date counts as ten decay periods away); the best `limit` kept, ties to
 * the newer id. The per-article query and the bulk model both rank with it, so their lists agree.
 */
export function decayByDate(pool: Hit[], published: Map<number, string | null>, around: string, limit: number): Hit[] {
  const center = Date.parse(around)
  return pool
    .filter((r) => published.has(r.id))
    .map((r) => {
      const date = published.get(r.id)
      const days = date ? Math.abs(Date.parse(date) - center) / 86400_000 : RELATED_DAYS * 10
      return { id: r.id, score: r.score * Math.exp(-days / RELATED_DAYS) }
    })
    .sort(byScoreThenNewer)
    .slice(0, limit)
}
