// What both ways of computing related lists share (related.ts one by one, related-model.ts in
// bulk): which stems make a story distinctive, and how copies of one wire story are told apart.
import { htmlToText } from '../articles/index.js'
import { stems } from './arabic-analyzer.js'
import type { Hit } from './search-engine.js'

export const RELATED_STORED = 6
const DISTINCTIVE_TERMS = 10
export const CANDIDATES = 20
/** Stems in more than this share of articles say nothing about a story. */
const MAX_DOC_SHARE = 0.02
/** Two stories sharing this much of their opening stems are copies of one wire story. */
const DUPLICATE_JACCARD = 0.5
const OPENING_STEMS = 60

const isWord = (s: string) => Array.from(s).length >= 3 && !/^\d+$/.test(s)

/** Weighted stem counts in first-seen order (ties keep it): title words count thrice, summary twice. */
export function termCounts(title: string, summary: string, body: string): Map<string, number> {
  const tf = new Map<string, number>()
  const add = (list: string[], weight: number) => {
    for (const s of list) if (isWord(s)) tf.set(s, (tf.get(s) ?? 0) + weight)
  }
  add(stems(title), 3)
  add(stems(summary), 2)
  add(stems(body), 1)
  return tf
}

/** The 60 most frequent stems: only these have their idf looked up. */
export function frequentStems(tf: Map<string, number>): string[] {
  return [...tf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([s]) => s)
}

/** The distinctive stems among `candidates`, best first (TF-IDF over `docs` indexed articles). */
export function distinctive(candidates: string[], tf: Map<string, number>, df: (stem: string) => number, docs: number): string[] {
  const maxDocs = Math.max(3, docs * MAX_DOC_SHARE)
  return candidates
    .filter((s) => df(s) >= 2 && df(s) <= maxDocs) // seen elsewhere, and not everywhere
    .map((s) => ({ s, w: (1 + Math.log(tf.get(s) ?? 1)) * Math.log(docs / (df(s) || 1)) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, DISTINCTIVE_TERMS)
    .map((x) => x.s)
}

/** The stems a wire copy would share: the headline's and the opening's. */
export function opening(text: { title: string; body: string }): Set<string> {
  return new Set([...stems(text.title), ...stems(text.body.slice(0, 1200)).slice(0, OPENING_STEMS)].filter(isWord))
}

/** A candidate's opening, from the start of its HTML only (what `computeRelated` reads of it). */
export function candidateOpening(other: { title: string; body_html: string }): Set<string> {
  return opening({ title: other.title, body: htmlToText(other.body_html.slice(0, 3000)) })
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const s of a) if (b.has(s)) shared++
  return shared / (a.size + b.size - shared || 1)
}

/** The best `RELATED_STORED` hits, leaving out copies of the article's wire story and all but the first copy of any other. */
export function keepDistinct(hits: Hit[], own: Set<string>, openingOf: (id: number) => Set<string> | undefined): Hit[] {
  const kept: { id: number; score: number; opening: Set<string> }[] = []
  for (const hit of hits) {
    const theirs = openingOf(hit.id)
    if (!theirs) continue
    if (jaccard(own, theirs) >= DUPLICATE_JACCARD || kept.some((k) => jaccard(k.opening, theirs) >= DUPLICATE_JACCARD)) continue
    kept.push({ id: hit.id, score: Math.round(hit.score * 1000) / 1000, opening: theirs })
    if (kept.length === RELATED_STORED) break
  }
  return kept.map(({ id, score }) => ({ id, score }))
}

