import { getSummariesByIds, htmlToText, type ArticleSummary } from '../articles/index.js'
import { isPostgres, type Db } from '../db/index.js'
import { Invalid } from '../http/index.js'
import { ANALYZER_VERSION, analyze } from './arabic-analyzer.js'
import { highlight, leadSnippet, snippet, type MatchForms } from './highlight.js'
import { parseQuery, queryForms, type ParsedQuery } from './query-parser.js'
import { chooseReadings } from './query-readings.js'
import type { Hit, SearchEngine, SearchFilter, SearchSort } from './search-engine.js'
import { dayEnd, dayStart } from './search-dates.js'
import * as queries from './search.queries.js'
import { closestSpelling, spellingRanges } from './spelling.js'
import { sqliteEngine } from './sqlite-engine.js'

/** The engine for this database; undefined on PostgreSQL until its engine lands with scale-out (issue 6). */
export function engineFor(db: Db): SearchEngine | undefined {
  return isPostgres(db) ? undefined : sqliteEngine
}

export interface SearchParams {
  q: string
  page: number
  limit: number
  filter: SearchFilter
  sort: SearchSort
}

export interface SearchResult {
  article: ArticleSummary
  score: number
  /** Escaped headline with matched words in <mark>. */
  titleHtml: string
  /** Escaped passage with matched words in <mark>. */
  snippetHtml: string
}

export interface SearchOutcome {
  query: ParsedQuery
  total: number
  results: SearchResult[]
  /** True when no article holds every word: results are ranked by how many words they hold. */
  partial: boolean
  /** For an empty result: the query respelled with the closest indexed spellings. */
  didYouMean?: string
}

/** Fewer results than this for all words together → also rank articles holding only some of them. */
const FEW_RESULTS = 5
const FALLBACK_CANDIDATES = 30

export async function searchArticles(db: Db, params: SearchParams, now = new Date()): Promise<SearchOutcome> {
  const engine = engineFor(db)
  const query = engine ? await chooseReadings(db, engine, parseQuery(params.q)) : parseQuery(params.q)
  if (!engine || query.must.length === 0) return { query, total: 0, results: [], partial: false }
  const offset = (params.page - 1) * params.limit
  const options = { filter: params.filter, sort: params.sort, limit: params.limit, offset, now }
  let { total, hits } = await engine.search(db, query, 'all', options)
  const partial = total === 0 && query.must.length > 1
  if (total < FEW_RESULTS && query.must.length > 1) {
    // Articles holding every word come first, then those holding some, most words first. (The
    // candidates for "some" are the best few by relevance: they need not include every full match.)
    const every = offset === 0 && params.limit >= total ? hits : (await engine.search(db, query, 'all', { ...options, offset: 0, limit: FEW_RESULTS })).hits
    const full = new Set(every.map((h) => h.id))
    const some = await rankByClausesMatched(db, engine, query, { ...options, limit: FALLBACK_CANDIDATES, offset: 0 })
    const ranked = [...every, ...some.filter((h) => !full.has(h.id))]
    if (ranked.length > total) {
      total = ranked.length
      hits = ranked.slice(offset, offset + params.limit)
    }
  }
  const results = await present(db, hits, queryForms(query))
  const didYouMean = total === 0 && query.not.length === 0 ? await respell(db, engine, query, params.q) : undefined
  return { query, total, results, partial, didYouMean }
}

/** Articles matching any clause, most clauses first, then by the requested order. */
async function rankByClausesMatched(
  db: Db,
  engine: SearchEngine,
  query: ParsedQuery,
  options: Parameters<SearchEngine['search']>[3],
): Promise<Hit[]> {
  const { hits } = await engine.search(db, query, 'any', options)
  const ids = hits.map((h) => h.id)
  const matched = new Map<number, number>()
  for (const clause of query.must) {
    for (const id of await engine.matching(db, clause, ids)) matched.set(id, (matched.get(id) ?? 0) + 1)
  }
  // A stable sort keeps the engine's order (relevance or newest) among equal counts.
  return [...hits].sort((a, b) => (matched.get(b.id) ?? 0) - (matched.get(a.id) ?? 0))
}

async function present(db: Db, hits: Hit[], forms: MatchForms): Promise<SearchResult[]> {
  const ids = hits.map((h) => h.id)
  const [summaries, texts] = await Promise.all([getSummariesByIds(db, ids), queries.findTexts(db, ids)])
  const textOf = new Map(texts.map((t) => [t.id, t]))
  const scoreOf = new Map(hits.map((h) => [h.id, h.score]))
  return summaries.map((article) => {
    const html = textOf.get(article.id)?.body_html ?? ''
    const snippetHtml = snippet(article.summary, forms) ?? bodySnippet(html, forms) ?? leadSnippet(article.summary || htmlToText(opening(html, HEAD_HTML)))
    return { article, score: roundScore(scoreOf.get(article.id) ?? 0), titleHtml: highlight(article.title, forms), snippetHtml }
  })
}

/**
 * A snippet from the opening of a story (snippet() scans its first 6,000 characters of text).
 * A long story's first paragraphs are tried first: most stories hold the query words there.
 */
function bodySnippet(html: string, forms: MatchForms): string | undefined {
  if (html.length > HEAD_HTML) {
    const found = snippet(htmlToText(opening(html, HEAD_HTML)), forms, { whole: false })
    if (found) return found
  }
  return snippet(htmlToText(opening(html, SNIPPET_HTML)), forms)
}

/** The first `chars` of an HTML text, without a tag cut in half. */
const opening = (html: string, chars: number) => (html.length > chars ? html.slice(0, chars).replace(/<[^>]*$/, '') : html)

/** Enough HTML for the 6,000 characters of text a snippet is looked for in. */
const SNIPPET_HTML = 8000
/** A story's first paragraphs: where most snippets are found, and enough for a lead's thirty words. */
const HEAD_HTML = 2500

const roundScore = (n: number) => Math.round(n * 1000) / 1000

/** Replaces each word nothing is indexed under with the closest indexed spelling, as written in a story. */
async function respell(db: Db, engine: SearchEngine, query: ParsedQuery, q: string): Promise<string | undefined> {
  const terms = query.must.flatMap((c) => c.terms)
  const { df } = await engine.documentFrequencies(db, terms.map((t) => t.stem))
  let changed = false
  const words: string[] = []
  for (const term of terms) {
    if ((df.get(term.stem) ?? 0) > 0) {
      words.push(originalWordIn(q, term.exact) ?? term.exact)
      continue
    }
    const candidate = await closestIndexedSpelling(db, engine, term.exact)
    if (!candidate) {
      words.push(originalWordIn(q, term.exact) ?? term.exact)
      continue
    }
    changed = true
    words.push((await writtenForm(db, engine, candidate)) ?? candidate)
  }
  return changed ? words.join(' ') : undefined
}

/** The closest indexed spelling, looked for in ever wider ranges of the vocabulary (see `spellingRanges`). */
async function closestIndexedSpelling(db: Db, engine: SearchEngine, exact: string): Promise<string | undefined> {
  for (const { prefix, scope } of spellingRanges(exact)) {
    const found = closestSpelling(exact, await engine.spellings(db, prefix, scope))
    if (found) return found
  }
  return undefined
}

/** The reader's own spelling of a query word. */
function originalWordIn(text: string, exact: string): string | undefined {
  const token = analyze(text).find((t) => t.exact === exact)
  return token ? text.slice(token.start, token.end) : undefined
}

/** How a folded spelling is actually written in a story that uses it (folded text is never shown). */
async function writtenForm(db: Db, engine: SearchEngine, exact: string): Promise<string | undefined> {
  const probe = parseQuery(exact)
  const { hits } = await engine.search(db, probe, 'all', { filter: {}, sort: 'relevance', limit: 1, offset: 0, now: new Date() })
  const [text] = await queries.findTexts(db, hits.map((h) => h.id))
  if (!text) return undefined
  // The spelling is most often in a headline: the body (long to analyze) is the last place to look.
  return originalWordIn(text.title, exact) ?? originalWordIn(text.summary, exact) ?? originalWordIn(htmlToText(text.body_html), exact)
}

const BARE_PREFIXES = new Set(['ال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ول', 'وب', 'فب'])
const isBarePrefix = (word: string) => Array.from(word).length < 2 || BARE_PREFIXES.has(word)

/** Headlines for search-as-you-type. */
export async function suggestArticles(db: Db, q: string, limit: number): Promise<ArticleSummary[]> {
  const engine = engineFor(db)
  const query = parseQuery(q)
  if (!engine || query.must.length === 0) return []
  // A word just begun — one letter, or only its article («ال», «وال», «بال») — matches nearly every headline: wait for more.
  const last = query.must[query.must.length - 1]
  if (query.openEnded && last.terms.length === 1 && isBarePrefix(last.terms[0].exact)) {
    query.must = query.must.slice(0, -1)
    query.openEnded = false
    if (query.must.length === 0) return []
  }
  return getSummariesByIds(db, await engine.suggestTitles(db, query, limit))
}

export interface IndexStatus {
  analyzerVersion: number
  indexedWith: number
  stale: boolean
  /** Published articles: what a rebuild would index. */
  indexable: number
  relatedPending: number
}

/** Whether the index was built by this analyzer; a different version needs `nashra reindex`. */
export async function indexStatus(db: Db): Promise<IndexStatus> {
  const indexedWith = Number((await queries.readState(db, 'analyzer_version')) ?? 0)
  return {
    analyzerVersion: ANALYZER_VERSION,
    indexedWith,
    stale: indexedWith !== ANALYZER_VERSION,
    indexable: await queries.countPublished(db),
    relatedPending: await queries.countPending(db),
  }
}

/** Search filters as a reader or client names them: slugs or a name, and days (`YYYY-MM-DD`) or instants. */
export interface NamedSearchFilter {
  section?: string
  author?: string
  from?: string
  to?: string
}

/**
 * Filter values → ids and UTC instants, days read in the newsroom's zone. `filter` is undefined when a
 * named section or author does not exist (an empty result, as on /api/v1/articles); bad dates are a 400 naming the field.
 */
export async function resolveSearchFilter(db: Db, named: NamedSearchFilter, timeZone: string): Promise<{ filter?: SearchFilter; unknownAuthor: boolean }> {
  const filter: SearchFilter = {}
  if (named.from) filter.from = dayStart(named.from, timeZone, 'from').toISOString()
  if (named.to) filter.to = dayEnd(named.to, timeZone, 'to').toISOString()
  if (filter.from && filter.to && filter.from > filter.to) throw new Invalid('invalid_parameter', 'to')
  if (named.section) {
    filter.sectionId = await queries.findSectionIdBySlug(db, named.section)
    if (filter.sectionId === undefined) return { unknownAuthor: false }
  }
  const author = named.author?.trim()
  if (author) {
    filter.personId = await queries.findPersonIdBySlugOrName(db, author)
    if (filter.personId === undefined) return { unknownAuthor: true }
  }
  return { filter, unknownAuthor: false }
}
