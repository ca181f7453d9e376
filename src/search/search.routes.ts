import { Type } from '@sinclair/typebox'
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify'
import { listSections, type ArticleSummary } from '../articles/index.js'
import { sqliteFileOf, type Db } from '../db/index.js'
import { Invalid, loadChrome, NotFound, pageCount, pageKey } from '../http/index.js'
import { rebuildSearchIndex } from './indexing.js'
import { startRelatedWorker } from './related.js'
import { SearchPage, type SearchForm } from './search.page.js'
import type { SearchFilter } from './search-engine.js'
import * as queries from './search.queries.js'
import { normalizedQuery, ResultCache } from './search-cache.js'
import { SearchWorkers } from './search-workers.js'
import { indexStatus, searchArticles, suggestArticles, type SearchOutcome, type SearchParams } from './search.service.js'

const PAGE_SIZE = 10
const SUGGESTIONS = 6
/** Cached answers: how many, and for how long at most (the recency boost moves with the clock). */
const CACHE = { maxEntries: 1000, ttlMs: 60_000 }
/** Longer than any headline a reader would type; beyond it a query is refused, not cut. */
export const MAX_QUERY_CHARS = 500

// Empty strings are what an untouched form field submits: they mean "no filter".
const DateParam = Type.String({ maxLength: 30, pattern: '^$|^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+Z?)?$' })
const Slug = Type.String({ maxLength: 200 })

const PageQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: MAX_QUERY_CHARS })),
  section: Type.Optional(Slug),
  author: Type.Optional(Slug),
  from: Type.Optional(DateParam),
  to: Type.Optional(DateParam),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
})

const ApiQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: MAX_QUERY_CHARS })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    section: Type.Optional(Slug),
    author: Type.Optional(Slug),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest')])),
  },
  { additionalProperties: false },
)

const SuggestQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })

type SearchQuery = { q?: string; section?: string; author?: string; from?: string; to?: string; sort?: string; page?: number; limit?: number }

/** Articles up to which a stale index is rebuilt as the server starts (a second or two); above, it takes `nashra reindex`. */
const REBUILD_AT_START = 2000

/**
 * An index built by another analyzer version: rebuilt now if small (a demo site after an
 * upgrade) and this process does background work, else reported.
 */
async function checkIndex(db: Db, log: FastifyBaseLogger, mayRebuild: boolean): Promise<void> {
  const status = await indexStatus(db)
  if (!status.stale) return
  if (!mayRebuild || status.indexable > REBUILD_AT_START) {
    log.warn(`search index was built by analyzer v${status.indexedWith}, this is v${status.analyzerVersion}: run \`nashra reindex\``)
    return
  }
  const indexed = await rebuildSearchIndex(db)
  log.info(`search index rebuilt for analyzer v${status.analyzerVersion} (${indexed} articles)`)
}

/** Reader search page, the search API and suggestions; also runs the related-articles worker. */
export const searchRoutes: FastifyPluginAsync = async (app) => {
  const { db, config, pageCache } = app
  const searches = new ResultCache<SearchOutcome>(db, CACHE)
  const suggestions = new ResultCache<ArticleSummary[]>(db, CACHE)
  const inThisThread = (params: SearchParams, now: Date) => searchArticles(db, params, now)
  const file = sqliteFileOf(db)
  const workers =
    file && config.searchWorkers > 0
      ? new SearchWorkers({ path: file, size: config.searchWorkers, inThisThread, onLost: (err) => app.log.error({ err }, 'search worker lost; searching in the HTTP thread for now') })
      : undefined
  const compute = (params: SearchParams) => (workers ? workers.search(params) : inThisThread(params, new Date()))
  const search = (params: SearchParams) =>
    searches.get(JSON.stringify([normalizedQuery(params.q), params.page, params.limit, params.sort, params.filter]), () => compute(params))

  let stopRelatedWorker: (() => void) | undefined
  app.addHook('onReady', async () => {
    // Workers load in about half a second, warm before the first reader searches; until then searches run here.
    void workers?.start()
    // Background work runs where the scheduler does (one process of several, NASHRA_SCHEDULER).
    await checkIndex(db, app.log, config.scheduler)
    if (config.scheduler) stopRelatedWorker = startRelatedWorker(db, app.log)
  })
  app.addHook('onClose', async () => {
    stopRelatedWorker?.()
    await workers?.close()
  })

  app.get<{ Querystring: SearchQuery }>('/search', { schema: { querystring: PageQuerySchema } }, async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const query = request.query
      const form: SearchForm = {
        q: (query.q ?? '').trim(),
        section: query.section ?? '',
        author: (query.author ?? '').trim(),
        from: query.from ?? '',
        to: query.to ?? '',
        sort: query.sort === 'newest' ? 'newest' : 'relevance',
      }
      const page = query.page ?? 1
      const [chrome, sections, resolved] = await Promise.all([loadChrome(request), listSections(db), resolveFilter(db, query, config.timeZone)])
      const outcome = form.q && resolved.filter
        ? await search({ q: form.q, page, limit: PAGE_SIZE, filter: resolved.filter, sort: form.sort })
        : undefined
      const pages = pageCount(outcome?.total ?? 0, PAGE_SIZE)
      if (outcome && outcome.total > 0 && page > pages) throw new NotFound('not_found')
      return SearchPage({
        chrome,
        form,
        sections,
        results: outcome?.results ?? [],
        total: outcome?.total ?? 0,
        page,
        pages,
        partial: outcome?.partial ?? false,
        didYouMean: outcome?.didYouMean,
        unknownAuthor: resolved.unknownAuthor,
      }) as string
    }),
  )

  app.get<{ Querystring: SearchQuery }>('/api/v1/search', { schema: { querystring: ApiQuerySchema } }, async (request, reply) => {
    const query = request.query
    const q = (query.q ?? '').trim()
    const { filter } = await resolveFilter(db, query, config.timeZone)
    const outcome = q && filter
      ? await search({ q, page: query.page ?? 1, limit: query.limit ?? 10, filter, sort: query.sort === 'newest' ? 'newest' : 'relevance' })
      : undefined
    reply.header('cache-control', 'public, max-age=60')
    return {
      query: q,
      total: outcome?.total ?? 0,
      results: (outcome?.results ?? []).map((r) => ({
        id: r.article.id,
        title: r.article.title,
        url: absolute(r.article.path),
        snippet: r.snippetHtml,
        publishedAt: r.article.publishedAt?.toISOString() ?? null,
        score: r.score,
      })),
    }
  })

  app.get<{ Querystring: { q?: string } }>('/api/v1/search/suggest', { schema: { querystring: SuggestQuerySchema } }, async (request, reply) => {
    const q = request.query.q ?? ''
    // Keyed by the text exactly as typed: a trailing space says the last word is complete.
    const articles = await suggestions.get(q, () => suggestArticles(db, q, SUGGESTIONS))
    reply.header('cache-control', 'public, max-age=60')
    return {
      query: q,
      suggestions: articles.map((a) => ({ id: a.id, title: a.title, url: absolute(a.path), path: a.path, section: a.section.name })),
    }
  })

  function absolute(path: string): string {
    return config.baseUrl.href.replace(/\/$/, '') + path
  }
}

/**
 * Filter values → ids and UTC instants. `filter` is undefined when a named section or author
 * does not exist (an empty result, as on /api/v1/articles); bad dates are a 400 naming the field.
 */
async function resolveFilter(db: Db, query: SearchQuery, timeZone: string): Promise<{ filter?: SearchFilter; unknownAuthor: boolean }> {
  const filter: SearchFilter = {}
  if (query.from) filter.from = dayStart(query.from, timeZone, 'from').toISOString()
  if (query.to) filter.to = new Date(dayStart(query.to, timeZone, 'to').getTime() + (query.to.includes('T') ? 0 : 86400_000 - 1)).toISOString()
  if (filter.from && filter.to && filter.from > filter.to) throw new Invalid('invalid_parameter', 'to')
  if (query.section) {
    filter.sectionId = await queries.findSectionIdBySlug(db, query.section)
    if (filter.sectionId === undefined) return { unknownAuthor: false }
  }
  const author = query.author?.trim()
  if (author) {
    filter.personId = await queries.findPersonIdBySlugOrName(db, author)
    if (filter.personId === undefined) return { unknownAuthor: true }
  }
  return { filter, unknownAuthor: false }
}

/** `YYYY-MM-DD` → the instant that day begins in the newsroom's zone; a full ISO timestamp as given. */
export function dayStart(value: string, timeZone: string, field: string): Date {
  if (value.includes('T')) {
    const instant = new Date(value)
    if (Number.isNaN(instant.getTime())) throw new Invalid('invalid_parameter', field)
    return instant
  }
  const [y, m, d] = value.split('-').map(Number)
  const guess = Date.UTC(y, m - 1, d)
  const check = new Date(guess)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new Invalid('invalid_parameter', field)
  return new Date(guess - zoneOffsetMs(guess, timeZone))
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant
}
