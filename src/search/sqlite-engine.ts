// The SQLite FTS5 engine: every statement the search feature runs against the full-text index.
// Each word of a query becomes quoted analyzed tokens, so nothing a reader types is FTS5 syntax.
import { sql } from 'kysely'
import type { Db } from '../db/index.js'
import { indexForms } from './arabic-analyzer.js'
import type { ParsedQuery, QueryClause, QueryTerm } from './query-parser.js'
import type { Hit, IndexedDocument, SearchEngine, SearchFilter } from './search-engine.js'

// bm25 column weights: title > summary > body; the folded unstemmed form counts double its stem.
const WEIGHTS = 'bm25(article_fts, 10.0, 4.0, 1.0, 5.0, 2.0, 0.5)'
// Mild recency: at most +25% for a story published today, halving every ~3 weeks.
const RECENCY_BOOST = 0.25
const RECENCY_DAYS = 30
// Related articles: closeness in time to the source article, over a few months.
const RELATED_DAYS = 120

const STEM_COLUMNS = '{title_stem summary_stem body_stem}'
const EXACT_COLUMNS = '{title summary body}'

/** An FTS5 string: double quotes doubled. Tokens are letters and digits already; this is belt and braces. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

function termExpression(t: QueryTerm): string {
  const stems = [t.stem, ...t.alternatives].map(quote).join(' OR ')
  return `(${STEM_COLUMNS} : (${stems}) OR ${EXACT_COLUMNS} : ${quote(t.exact)})`
}

const MAX_PHRASE_VARIANTS = 16

/** A phrase's stems, then each reading with one word replaced by one of its alternatives. */
function phraseVariants(terms: QueryTerm[]): string[] {
  const base = terms.map((t) => t.stem)
  const variants = [base.join(' ')]
  terms.forEach((t, i) => {
    for (const alternative of t.alternatives) variants.push(base.map((s, j) => (j === i ? alternative : s)).join(' '))
  })
  return variants.slice(0, MAX_PHRASE_VARIANTS)
}

/** A clause: one word, or adjacent words (a phrase of stems, boosted when the exact spellings are adjacent too). */
export function clauseExpression(clause: QueryClause): string {
  if (clause.terms.length === 1) return termExpression(clause.terms[0])
  const stems = phraseVariants(clause.terms).map(quote).join(' OR ')
  const exacts = quote(clause.terms.map((t) => t.exact).join(' '))
  return `(${STEM_COLUMNS} : (${stems}) OR ${EXACT_COLUMNS} : ${exacts})`
}

/**
 * The MATCH expression of a parsed query; undefined when nothing positive is left to look for.
 * Several words also add the whole query as a phrase (stems and exact spellings): every article
 * holding the phrase holds each word, so the matches are the same, but bm25 then ranks the
 * articles with the words side by side, as typed, above those with the words scattered.
 */
export function matchExpression(query: ParsedQuery, mode: 'all' | 'any'): string | undefined {
  if (query.must.length === 0) return undefined
  let positive = query.must.map(clauseExpression).join(mode === 'all' ? ' AND ' : ' OR ')
  const words = query.must.flatMap((c) => c.terms)
  if (words.length > 1) {
    const stems = quote(words.map((t) => t.stem).join(' '))
    const exacts = quote(words.map((t) => t.exact).join(' '))
    positive = `(${positive}) OR ${STEM_COLUMNS} : ${stems} OR ${EXACT_COLUMNS} : ${exacts}`
  }
  if (query.not.length === 0) return positive
  return `(${positive}) NOT (${query.not.map(clauseExpression).join(' OR ')})`
}

function filterSql(filter: SearchFilter) {
  return sql.join(
    [
      sql`a.status = 'published'`,
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

export const sqliteEngine: SearchEngine = {
  async index(db: Db, doc: IndexedDocument) {
    const title = indexForms(doc.title)
    const summary = indexForms(doc.summary)
    const body = indexForms(doc.body)
    await sql`insert or replace into article_fts (rowid, title, summary, body, title_stem, summary_stem, body_stem)
      values (${doc.id}, ${title.exact}, ${summary.exact}, ${body.exact}, ${title.stem}, ${summary.stem}, ${body.stem})`.execute(db)
    await sql`insert or replace into article_title_fts (rowid, title, title_stem) values (${doc.id}, ${title.exact}, ${title.stem})`.execute(db)
  },

  async remove(db: Db, id: number) {
    await sql`delete from article_fts where rowid = ${id}`.execute(db)
    await sql`delete from article_title_fts where rowid = ${id}`.execute(db)
  },

  async clear(db: Db) {
    await sql`delete from article_fts`.execute(db)
    await sql`delete from article_title_fts`.execute(db)
  },

  async search(db, query, mode, { filter, sort, limit, offset, now }) {
    const match = matchExpression(query, mode)
    if (!match) return { total: 0, hits: [] }
    const score = sql`-${sql.raw(WEIGHTS)} * (1 + ${RECENCY_BOOST} * exp(-max(0, julianday(${now.toISOString()}) - julianday(a.published_at)) / ${RECENCY_DAYS}))`
    const order = sort === 'newest' ? sql`a.published_at desc, a.id desc` : sql`score desc, a.id desc`
    // CROSS JOIN keeps the full-text index as the outer loop, where bm25() is defined; the
    // materialized CTE scores each match once, before the window function counts them.
    const { rows } = await sql<{ id: number; score: number; total: number }>`
      with m as materialized (
        select a.id as id, a.published_at as published_at, ${score} as score
        from article_fts cross join article a on a.id = article_fts.rowid
        where article_fts match ${match} and ${filterSql(filter)})
      select id, score, count(*) over () as total from m as a
      order by ${order} limit ${limit} offset ${offset}`.execute(db)
    if (rows.length === 0 && offset > 0) {
      const counted = await sql<{ n: number }>`
        select count(*) as n from article_fts cross join article a on a.id = article_fts.rowid
        where article_fts match ${match} and ${filterSql(filter)}`.execute(db)
      return { total: counted.rows[0]?.n ?? 0, hits: [] }
    }
    return { total: rows[0]?.total ?? 0, hits: rows.map((r) => ({ id: r.id, score: r.score })) }
  },

  async matching(db, clause, ids) {
    if (ids.length === 0) return new Set()
    const { rows } = await sql<{ id: number }>`
      select rowid as id from article_fts where article_fts match ${clauseExpression(clause)}
      and rowid in (${sql.join(ids)})`.execute(db)
    return new Set(rows.map((r) => r.id))
  },

  async suggestTitles(db, query, limit) {
    if (query.must.length === 0) return []
    const parts = query.must.map((clause, i) => {
      const last = i === query.must.length - 1 && query.openEnded
      const words = clause.terms.map((t, j) => {
        const prefix = last && j === clause.terms.length - 1 ? '*' : ''
        return `(title : ${quote(t.exact)}${prefix} OR title_stem : (${[t.stem, ...t.alternatives].map((s) => quote(s) + prefix).join(' OR ')}))`
      })
      return words.join(' AND ')
    })
    const { rows } = await sql<{ id: number }>`
      select a.id as id from article_title_fts cross join article a on a.id = article_title_fts.rowid
      where article_title_fts match ${parts.join(' AND ')} and a.status = 'published'
      order by bm25(article_title_fts, 2.0, 1.0) - 0.5 * exp(-max(0, julianday('now') - julianday(a.published_at)) / ${RECENCY_DAYS}), a.id desc
      limit ${limit}`.execute(db)
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
    const match = `${STEM_COLUMNS} : (${stems.map(quote).join(' OR ')})`
    const { rows } = await sql<{ id: number; score: number }>`
      select a.id as id,
        -bm25(article_fts, 0, 0, 0, 3.0, 2.0, 1.0) * exp(-abs(julianday(a.published_at) - julianday(${around})) / ${RELATED_DAYS}) as score
      from article_fts cross join article a on a.id = article_fts.rowid
      where article_fts match ${match} and a.status = 'published' and a.id != ${excludeId}
      order by score desc limit ${limit}`.execute(db)
    return rows as Hit[]
  },

  async spellings(db, prefix) {
    // Folded forms in headlines and bodies, from the index's own vocabulary.
    const { rows } = await sql<{ term: string; docs: number }>`
      select term, sum(doc) as docs from article_fts_col
      where term >= ${prefix} and term < ${prefix + '\uffff'} and col in ('title', 'body')
      group by term`.execute(db)
    return rows
  },
}
