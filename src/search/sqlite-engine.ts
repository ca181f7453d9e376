// The SQLite FTS5 engine: every statement the search feature runs against the full-text index.
// Each word of a query becomes quoted analyzed tokens, so nothing a reader types is FTS5 syntax.
import type SQLite from 'better-sqlite3'
import { CompiledQuery, sql } from 'kysely'
import { visibleToReaders, visibleToReadersSql } from '../articles/index.js'
import { pauseForOtherWriters, type Db } from '../db/index.js'
import { EXACT_MARK, indexForms } from './arabic-analyzer.js'
import type { ParsedQuery, QueryClause, QueryTerm } from './query-parser.js'
import { byScoreThenNewer, decayByDate, type Hit, type IndexedDocument, type SearchEngine, type SearchFilter } from './search-engine.js'

// bm25 column weights: title > summary > body; the folded unstemmed form counts double its stem.
const WEIGHTS = 'bm25(article_fts, 10.0, 4.0, 1.0, 5.0, 2.0, 0.5)'
// Mild recency: at most +25% for a story published today, halving every ~3 weeks.
const RECENCY_BOOST = 0.25
const RECENCY_DAYS = 30

const exactToken = (form: string) => EXACT_MARK + form

/** An FTS5 string: double quotes doubled. Tokens are letters and digits already; this is belt and braces. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** A word's tokens: its stems when it is matched by stem, and its forms as written. */
function termTokens(t: QueryTerm): string[] {
  const tokens = [...(t.useStem ? [t.stem] : []), ...t.alternatives, ...t.forms.map(exactToken)]
  return tokens.length > 0 ? tokens : [exactToken(t.exact)] // never an empty expression
}

function termExpression(t: QueryTerm): string {
  return termTokens(t).map(quote).join(' OR ')
}

const MAX_PHRASE_VARIANTS = 16

/**
 * The phrases a run of words may be written as: one token per word, each choice of its options
 * (the typed word's first, so the phrase as typed comes first), at most MAX_PHRASE_VARIANTS.
 * Every combination, not one word changed at a time: a reader who types two words with
 * proclitics the story does not write («بمليون وبريال» for «مليون ريال») needs both peeled at once.
 */
function phraseVariants(options: string[][]): string[] {
  let variants = ['']
  for (const choices of options) {
    const next: string[] = []
    for (const v of variants) for (const c of choices) if (next.length < MAX_PHRASE_VARIANTS) next.push(v ? `${v} ${c}` : c)
    variants = next
  }
  return variants
}

/** A phrase of stems: each word's stem, or one of its alternatives (its bases with proclitics peeled). */
const stemPhrases = (terms: QueryTerm[]) => phraseVariants(terms.map((t) => [t.stem, ...t.alternatives]))

/** A clause: one word, or adjacent words (a phrase of stems, boosted when the exact spellings are adjacent too). */
export function clauseExpression(clause: QueryClause): string {
  if (clause.terms.length === 1) return `(${termExpression(clause.terms[0])})`
  const exacts = quote(clause.terms.map((t) => exactToken(t.exact)).join(' '))
  return `(${[...stemPhrases(clause.terms).map(quote), exacts].join(' OR ')})`
}

/**
 * The MATCH expression of a parsed query; undefined when nothing positive is left to look for.
 * Several words also add the whole query as a phrase of stems: every article holding the phrase
 * holds each word, so the matches are the same, but bm25 then ranks the articles with the words
 * side by side, as typed, above those with the words scattered. (The phrase of exact spellings
 * too cost a fifth of the ranking time for no change in the known-item evaluation: each word's
 * exact spelling is boosted on its own already.)
 * The same expression queries article_title_fts (headlines only; without exclusions there).
 */
export function matchExpression(query: ParsedQuery, mode: 'all' | 'any'): string | undefined {
  if (query.must.length === 0) return undefined
  let positive = query.must.map(clauseExpression).join(mode === 'all' ? ' AND ' : ' OR ')
  const words = query.words
  // Any-word matching gathers candidates when fewer than five articles hold every word: the
  // phrase would only reorder those few (they rank first anyway), at the cost of scanning it.
  // (A word matched only as written makes it the phrase as written: stems would match more than the word does.)
  // Each word in the readings the index holds (query-readings.ts): «وبانخفاض … والخام» ranks the
  // story headed «انخفاض … الخام» as side by side, which the typed stem «بانخفاض» would not.
  const byStem = words.every((t) => t.useStem)
  if (words.length > 1 && mode === 'all') {
    const phrases = byStem ? stemPhrases(words) : phraseVariants(words.map((t) => t.forms.map(exactToken)))
    positive = `(${positive}) OR ${phrases.map(quote).join(' OR ')}`
  }
  if (query.not.length === 0) return positive
  return `(${positive}) NOT (${query.not.map(clauseExpression).join(' OR ')})`
}

/**
 * The same matches as `matchExpression`, cheaper to count: stems only. An article holding a
 * word's exact spelling holds its stem at the same position (the stem is computed from it), and
 * one holding the whole query as a phrase holds each word, so neither adds a match; only bm25
 * needs them.
 */
export function countExpression(query: ParsedQuery, mode: 'all' | 'any'): string | undefined {
  if (query.must.length === 0) return undefined
  const positive = query.must.map(stemsExpression).join(mode === 'all' ? ' AND ' : ' OR ')
  if (query.not.length === 0) return positive
  return `(${positive}) NOT (${query.not.map(clauseExpression).join(' OR ')})`
}

/**
 * A clause in its stems only: the same articles as `clauseExpression` (see `countExpression`),
 * fewer lists to read. A word matched (also) in forms its stems do not cover is read whole (query-readings.ts).
 */
function stemsExpression(clause: QueryClause): string {
  const [t] = clause.terms
  if (clause.terms.length === 1 && (!t.useStem || t.forms.length > 1)) return `(${termExpression(t)})`
  return `(${stemPhrases(clause.terms).map(quote).join(' OR ')})`
}

function filterSql(filter: SearchFilter) {
  return sql.join(
    [
      visibleToReadersSql('a'),
      filter.sectionId !== undefined ? sql`a.section_id = ${filter.sectionId}` : sql`1 = 1`,
      filter.from !== undefined ? sql`a.published_at >= ${filter.from}` : sql`1 = 1`,
      filter.to !== undefined ? sql`a.published_at <= ${filter.to}` : sql`1 = 1`,
      filter.personId !== undefined
        ? sql`exists (select 1 from article_author aa where aa.article_id = a.id and aa.person_id = ${filter.personId})`
        : sql`1 = 1`,
    ],
    sql` and `,
  )
}

/**
 * Pages one 'merge' statement writes: about 8 MB, 90 ms on average and 140 at most when an import
 * of the corpus ends, shorter than the transaction of one of its files (a server beside it waits
 * for no longer). A quarter of this made four times the pauses between steps: 2 s of the import.
 */
const MERGE_PAGES = 2000

async function totalChanges(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db)
  return Number(rows[0].n)
}

/** Above this many matches, ranking starts from the articles matching in their headline. */
const FOCUS_ABOVE = 1000
const FOCUS_POOL = 200
/** Unfiltered pages are ranked from the best bm25 matches, at most this many, boosted for recency here. */
const POOL_MAX = 500
/** Thousands match but few in their headline: the rest of the page is ranked among this many of the latest added. */
const RECENT_POOL = 500

function recencyScore(now: Date) {
  return sql`-${sql.raw(WEIGHTS)} * (1 + ${RECENCY_BOOST} * exp(-max(0, julianday(${now.toISOString()}) - julianday(a.published_at)) / ${RECENCY_DAYS}))`
}

const isUnfiltered = (f: SearchFilter) => f.sectionId === undefined && f.personId === undefined && f.from === undefined && f.to === undefined

interface PooledHit extends Hit {
  published_at: string | null
}

/**
 * The best `pool` matches by bm25 alone, from the index only (no join per match: a few
 * microseconds less each), then their dates by id in the same statement (one statement text
 * whatever the pool size, so it stays prepared).
 */
async function bm25Pool(db: Db, table: 'article_fts' | 'article_title_fts', match: string, pool: number): Promise<PooledHit[]> {
  const weights = table === 'article_fts' ? WEIGHTS : 'bm25(article_title_fts, 10.0, 5.0)'
  const { rows } = await sql<PooledHit>`
    select p.id as id, p.score as score, a.published_at as published_at from (
      select rowid as id, -${sql.raw(weights)} as score from ${sql.raw(table)}
      where ${sql.raw(table)} match ${match} order by score desc limit ${pool}
    ) p join article a on a.id = p.id`.execute(db)
  return rows
}

/**
 * Like `bm25Pool` over article_fts, ranking only the `recent` matches added last (highest ids:
 * the newest stories of a live site). FTS5 finds where they start without ranking (ids in
 * descending order, stopping there; `sameMatches` is the cheaper `countExpression`), then ranks from that id on.
 */
async function recentBm25Pool(db: Db, match: string, sameMatches: string, recent: number, pool: number): Promise<PooledHit[]> {
  const { rows } = await sql<PooledHit>`
    select p.id as id, p.score as score, a.published_at as published_at from (
      select rowid as id, -${sql.raw(WEIGHTS)} as score from article_fts
      where article_fts match ${match} and rowid >= (
        select rowid from article_fts where article_fts match ${sameMatches} order by rowid desc limit 1 offset ${recent - 1})
      order by score desc limit ${pool}
    ) p join article a on a.id = p.id`.execute(db)
  return rows
}

/**
 * The headline matches first, then the others: their scores (from another index) scaled to
 * stay below the headlines', so scores still fall down the page.
 */
function headlinesFirst(headlines: Hit[], others: Hit[]): Hit[] {
  const shown = new Set(headlines.map((h) => h.id))
  const rest = others.filter((h) => !shown.has(h.id))
  const lowest = headlines.at(-1)?.score
  const factor = lowest !== undefined && rest.length > 0 ? Math.min(1, (0.99 * lowest) / rest[0].score) : 1
  return [...headlines, ...rest.map((h) => ({ id: h.id, score: h.score * factor }))]
}

/** Applies the recency boost to a bm25 pool and re-sorts it; the boost is mild, so the pool's best stay in it. */
function boosted(hits: PooledHit[], now: Date): Hit[] {
  return hits
    .map((h) => {
      const ageDays = h.published_at ? Math.max(0, (now.getTime() - Date.parse(h.published_at)) / 86400_000) : Infinity
      return { id: h.id, score: h.score * (1 + RECENCY_BOOST * Math.exp(-ageDays / RECENCY_DAYS)) }
    })
    .sort(byScoreThenNewer)
}

/**
 * A story whose headline holds every word the reader typed is the one most likely meant: bm25
 * weighs headlines above bodies, but a newer story with most of the words in its headline and
 * all of them in a long body («مرة أخرى.. ضبط الإيجارات» quoting «الحاجة لقانون ضبط الإيجارات»)
 * can still outrank it. Within a ranked pool, such stories' scores are multiplied by this.
 */
const WHOLE_HEADLINE_BOOST = 2

/**
 * `hits` re-ranked with WHOLE_HEADLINE_BOOST, for a query of several words that must all match
 * (one statement over the headline index). Every word typed counts, the stop words the search
 * does not require included, as written: «أنا من التيار الكهربائي» is the story for «أنا التيار الكهربائي».
 */
async function wholeHeadlineFirst(db: Db, query: ParsedQuery, mode: 'all' | 'any', hits: Hit[]): Promise<Hit[]> {
  if (mode !== 'all' || query.words.length < 2 || hits.length === 0) return hits
  const required = new Set(query.must.flatMap((c) => c.terms.map((t) => t.exact)))
  // (A stop word typed with the conjunction, «وإلى», is held by a headline writing «إلى» too.)
  const asWritten = (w: string) => (w.startsWith('و') && w.length > 2 ? [w, w.slice(1)] : [w]).map((f) => quote(exactToken(f))).join(' OR ')
  const stopWords = query.words.filter((t) => !required.has(t.exact)).map((t) => `(${asWritten(t.exact)})`)
  const match = [...query.must.map(clauseExpression), ...stopWords].join(' AND ')
  const { rows } = await sql<{ id: number }>`
    select value as id from json_each(${JSON.stringify(hits.map((h) => h.id))})
    where value in (select rowid from article_title_fts where article_title_fts match ${match})`.execute(db)
  if (rows.length === 0) return hits
  const holding = new Set(rows.map((r) => r.id))
  return hits
    .map((h) => (holding.has(h.id) ? { id: h.id, score: h.score * WHOLE_HEADLINE_BOOST } : h))
    .sort(byScoreThenNewer)
}

/** How many articles match, counting no further than `upTo` (FTS5 yields matches one by one, so it stops there). */
async function countMatches(db: Db, match: string, filter: SearchFilter, upTo?: number): Promise<number> {
  // The index holds published articles only: without filters, no join is needed to count.
  const matches = isUnfiltered(filter)
    ? sql`select 1 from article_fts where article_fts match ${match}`
    : sql`select 1 from article_fts cross join article a on a.id = article_fts.rowid where article_fts match ${match} and ${filterSql(filter)}`
  const { rows } = upTo === undefined
    ? await sql<{ n: number }>`select count(*) as n from (${matches})`.execute(db)
    : await sql<{ n: number }>`select count(*) as n from (${matches} limit ${upTo})`.execute(db)
  return rows[0]?.n ?? 0
}

/** One page by bm25 with the recency boost. CROSS JOIN keeps the index as the outer loop, where bm25() is defined. */
async function ranked(db: Db, match: string, filter: SearchFilter, limit: number, offset: number, now: Date): Promise<Hit[]> {
  const { rows } = await sql<Hit>`
    select a.id as id, ${recencyScore(now)} as score
    from article_fts cross join article a on a.id = article_fts.rowid
    where article_fts match ${match} and ${filterSql(filter)}
    order by score desc, a.id desc limit ${limit} offset ${offset}`.execute(db)
  return rows
}

/** Like `ranked`, over headlines only: many times cheaper when thousands of articles match. */
async function rankedHeadlines(db: Db, match: string, filter: SearchFilter, limit: number, offset: number, now: Date): Promise<Hit[]> {
  const { rows } = await sql<Hit>`
    select a.id as id, -bm25(article_title_fts, 10.0, 5.0) * (1 + ${RECENCY_BOOST} * exp(-max(0, julianday(${now.toISOString()}) - julianday(a.published_at)) / ${RECENCY_DAYS})) as score
    from article_title_fts cross join article a on a.id = article_title_fts.rowid
    where article_title_fts match ${match} and ${filterSql(filter)}
    order by score desc, a.id desc limit ${limit} offset ${offset}`.execute(db)
  return rows
}

async function scoreOf(db: Db, match: string, ids: number[], now: Date): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const { rows } = await sql<Hit>`
    select a.id as id, ${recencyScore(now)} as score
    from article_fts cross join article a on a.id = article_fts.rowid
    where article_fts match ${match} and article_fts.rowid in (${sql.join(ids)})`.execute(db)
  return new Map(rows.map((r) => [r.id, r.score]))
}

/** What the two FTS5 tables store of a document: its analyzed text, column by column. */
export interface IndexColumns {
  title: string
  summary: string
  body: string
  titleStem: string
  summaryStem: string
  bodyStem: string
}

/** The analyzer's work for one document, apart from the writes (an import does it in its reader thread). */
export function indexColumns(doc: Omit<IndexedDocument, 'id'>): IndexColumns {
  const title = indexForms(doc.title)
  const summary = indexForms(doc.summary)
  const body = indexForms(doc.body)
  return { title: title.exact, summary: summary.exact, body: body.exact, titleStem: title.stem, summaryStem: summary.stem, bodyStem: body.stem }
}

const INSERT_BODY = `insert or replace into article_fts (rowid, title, summary, body, title_stem, summary_stem, body_stem) values (?, ?, ?, ?, ?, ?, ?)`
const INSERT_TITLE = `insert or replace into article_title_fts (rowid, title, title_stem) values (?, ?, ?)`
const bodyValues = (id: number, c: IndexColumns) => [id, c.title, c.summary, c.body, c.titleStem, c.summaryStem, c.bodyStem]
const titleValues = (id: number, c: IndexColumns) => [id, c.title, c.titleStem]

/**
 * Indexes many documents whose columns are computed, with prepared statements on the connection
 * of the caller's transaction, every headline-table row after every body-table row: FTS5 writes
 * out its pending tokens when a statement that may need undoing begins, so other writes between
 * them would make a small segment per document (measured: a third of the corpus import's time).
 */
export function indexInBulkSqlite(sqlite: SQLite.Database, docs: { id: number; columns: IndexColumns }[]): void {
  const body = sqlite.prepare(INSERT_BODY)
  for (const doc of docs) body.run(bodyValues(doc.id, doc.columns))
  const title = sqlite.prepare(INSERT_TITLE)
  for (const doc of docs) title.run(titleValues(doc.id, doc.columns))
}

export const sqliteEngine: SearchEngine = {
  async index(db: Db, doc: IndexedDocument) {
    const columns = indexColumns(doc)
    await db.executeQuery(CompiledQuery.raw(INSERT_BODY, bodyValues(doc.id, columns)))
    await db.executeQuery(CompiledQuery.raw(INSERT_TITLE, titleValues(doc.id, columns)))
  },

  async remove(db: Db, id: number) {
    await sql`delete from article_fts where rowid = ${id}`.execute(db)
    await sql`delete from article_title_fts where rowid = ${id}`.execute(db)
  },

  async removeAllBut(db: Db, status: 'published') {
    await sql`delete from article_fts where rowid not in (select id from article where status = ${status})`.execute(db)
    await sql`delete from article_title_fts where rowid not in (select id from article where status = ${status})`.execute(db)
  },

  async compact(db: Db) {
    // FTS5 writes each transaction's tokens as a new segment and merges them a few at a time; a
    // bulk import leaves dozens, and every query reads each term's list from all of them.
    // 'merge' with a negative page count merges as 'optimize' does, but a few hundred pages per
    // statement: each is its own short write, so a server beside a reindex or an import is not
    // kept waiting for the whole merge (seconds on the full corpus).
    for (const table of ['article_fts', 'article_title_fts']) {
      for (;;) {
        const before = await totalChanges(db)
        await sql`insert into ${sql.raw(table)} (${sql.raw(table)}, rank) values ('merge', ${-MERGE_PAGES})`.execute(db)
        if ((await totalChanges(db)) - before < 2) break // FTS5's documented sign that nothing was left to merge
        await pauseForOtherWriters(db)
      }
    }
  },

  async search(db, query, mode, { filter, sort, limit, offset, now }) {
    const match = matchExpression(query, mode)
    if (!match) return { total: 0, hits: [] }
    // Any-word matching only gathers candidates for the fallback: past FOCUS_ABOVE, how many more match changes nothing.
    const total = await countMatches(db, countExpression(query, mode) ?? match, filter, mode === 'any' ? FOCUS_ABOVE + 1 : undefined)
    if (total === 0 || offset >= total) return { total, hits: [] }
    if (sort === 'newest') {
      const { rows } = await sql<{ id: number }>`
        select a.id as id from article_fts cross join article a on a.id = article_fts.rowid
        where article_fts match ${match} and ${filterSql(filter)}
        order by a.published_at desc, a.id desc limit ${limit} offset ${offset}`.execute(db)
      const scores = await scoreOf(db, match, rows.map((r) => r.id), now)
      return { total, hits: rows.map((r) => ({ id: r.id, score: scores.get(r.id) ?? 0 })) }
    }
    // bm25 costs a few microseconds per matching article (position lists of every column): when
    // thousands match, rank those matching in their headline, unless the page needs more.
    const focus = total > FOCUS_ABOVE && query.not.length === 0
    // A ranked pool: at least 50, twice what the page reaches, at most POOL_MAX.
    const want = Math.min(POOL_MAX, Math.max(50, 2 * (offset + limit)))
    if (isUnfiltered(filter) && offset + limit <= POOL_MAX) {
      if (!focus) return { total, hits: (await wholeHeadlineFirst(db, query, mode, boosted(await bm25Pool(db, 'article_fts', match, want), now))).slice(offset, offset + limit) }
      const headlines = boosted(await bm25Pool(db, 'article_title_fts', match, want), now)
      // Any-word candidates (the fallback): past a thousand, those with a word in their headline are enough.
      if (headlines.length >= offset + limit || mode === 'any') return { total, hits: headlines.slice(offset, offset + limit) }
      // Fewer headline matches than the page needs, among thousands of matches: ranking them all
      // would cost milliseconds per thousand. The headline matches come first, then the best of the latest added.
      const others = boosted(await recentBm25Pool(db, match, countExpression(query, mode) ?? match, RECENT_POOL, want), now)
      return { total, hits: headlinesFirst(headlines, others).slice(offset, offset + limit) }
    }
    if (focus && offset + limit <= FOCUS_POOL) {
      const hits = await rankedHeadlines(db, match, filter, limit, offset, now)
      if (hits.length === limit) return { total, hits }
    }
    // Filtered: the same whole-headline ranking over a pool as unfiltered pages (bm25 is computed
    // for every match either way; a pool of 50 costs little more than a page).
    if (offset + limit <= POOL_MAX) {
      return { total, hits: (await wholeHeadlineFirst(db, query, mode, await ranked(db, match, filter, want, 0, now))).slice(offset, offset + limit) }
    }
    return { total, hits: await ranked(db, match, filter, limit, offset, now) }
  },

  async matching(db, clause, ids) {
    if (ids.length === 0) return new Set()
    // The IN subquery reads the clause's matches once into a temporary index; FTS5 itself would
    // answer `rowid IN (…)` with one index seek per id and per term, far slower.
    const { rows } = await sql<{ id: number }>`
      select value as id from json_each(${JSON.stringify(ids)})
      where value in (select rowid from article_fts where article_fts match ${stemsExpression(clause)})`.execute(db)
    return new Set(rows.map((r) => r.id))
  },

  async suggestTitles(db, query, limit) {
    if (query.must.length === 0) return []
    const parts = query.must.map((clause, i) => {
      const last = i === query.must.length - 1 && query.openEnded
      const words = clause.terms.map((t, j) => {
        const prefix = last && j === clause.terms.length - 1 ? '*' : ''
        return `(${[exactToken(t.exact), t.stem, ...t.alternatives].map((s) => quote(s) + prefix).join(' OR ')})`
      })
      return words.join(' AND ')
    })
    // Newest headlines first: FTS5 walks its doclists backwards and stops at `limit`, whatever
    // the prefix matches (ids grow with time; the caller keeps only published articles).
    const { rows } = await sql<{ id: number }>`
      select rowid as id from article_title_fts where article_title_fts match ${parts.join(' AND ')}
      order by rowid desc limit ${limit}`.execute(db)
    return rows.map((r) => r.id)
  },

  async documentFrequencies(db, stems) {
    const docs = await sql<{ n: number }>`select count(*) as n from article_title_fts`.execute(db)
    const df = new Map<string, number>()
    for (const stem of new Set(stems)) {
      const { rows } = await sql<{ doc: number }>`select doc from article_fts_row where term = ${stem}`.execute(db)
      df.set(stem, rows[0]?.doc ?? 0)
    }
    return { docs: docs.rows[0]?.n ?? 0, df }
  },

  async similar(db, stems, { excludeId, around, limit }) {
    if (stems.length === 0) return []
    const match = stems.map(quote).join(' OR ')
    // bm25 from the index alone, then the date decay here (as in `boosted`): no join per match.
    const { rows } = await sql<Hit>`
      select rowid as id, -bm25(article_fts, 0, 0, 0, 3.0, 2.0, 1.0) as score from article_fts
      where article_fts match ${match} order by score desc limit ${limit * 3 + 1}`.execute(db)
    const pool = rows.filter((r) => r.id !== excludeId)
    if (pool.length === 0) return []
    const dated = await db.selectFrom('article').where('id', 'in', pool.map((r) => r.id)).where(visibleToReaders).select(['id', 'published_at']).execute()
    return decayByDate(pool, new Map(dated.map((r) => [r.id, r.published_at])), around, limit)
  },

  async existing(db, tokens) {
    if (tokens.length === 0) return new Set()
    // One probe of the index per token, stopping at its first article: the vocabulary table
    // would read each token's whole doclist to count it (and a list of n tokens is a new statement per n).
    const { rows } = await sql<{ term: string }>`
      select value as term from json_each(${JSON.stringify(tokens)})
      where exists (select 1 from article_fts where article_fts match '"' || replace(value, '"', '""') || '"')`.execute(db)
    return new Set(rows.map((r) => r.term))
  },

  async counts(db, { exact = [], stems = [] }, upTo) {
    const tokens = [...exact.map(exactToken), ...stems]
    const found = { exact: new Map<string, number>(), stems: new Map<string, number>() }
    if (tokens.length === 0) return found
    // How many articles hold each token, counting no further than `upTo` (FTS5 stops there). One statement for both kinds.
    const { rows } = await sql<{ term: string; n: number }>`
      select value as term, (select count(*) from (
        select 1 from article_fts where article_fts match '"' || replace(value, '"', '""') || '"' limit ${upTo})) as n
      from json_each(${JSON.stringify(tokens)})`.execute(db)
    for (const r of rows) {
      if (r.term.startsWith(EXACT_MARK)) found.exact.set(r.term.slice(EXACT_MARK.length), r.n)
      else found.stems.set(r.term, r.n)
    }
    return found
  },

  async spellings(db, prefix, scope) {
    // Folded forms from an index's own vocabulary (marked as exact there). Headlines have a tenth
    // of the words of headlines and bodies together, so a range of their vocabulary is read ten times faster.
    const from = exactToken(prefix)
    const to = from + '\uffff'
    const { rows } = scope === 'headlines'
      ? await sql<{ term: string; docs: number }>`
          select term, doc as docs from article_title_fts_row where term >= ${from} and term < ${to}`.execute(db)
      : await sql<{ term: string; docs: number }>`
          select term, sum(doc) as docs from article_fts_col
          where term >= ${from} and term < ${to} and col in ('title', 'body') group by term`.execute(db)
    return rows.map((r) => ({ term: r.term.slice(EXACT_MARK.length), docs: r.docs }))
  },
}
