import { Type } from '@sinclair/typebox'
import type { FastifyBaseLogger } from 'fastify'
import { listSections, type ArticleSummary } from '../articles/index.js'
import { sqliteFileOf, type Db } from '../db/index.js'
import { cachedJson, Limit, loadChrome, NotFound, Page, pageCount, pageKey, ReadErrors, type Routes } from '../http/index.js'
import { rebuildSearchIndex } from './indexing.js'
import { startRelatedWorker } from './related-worker.js'
import { SearchPage, type SearchForm } from './search.page.js'
import { normalizedQuery, ResultCache } from './search-cache.js'
import { SearchWorkers } from './search-workers.js'
import { indexStatus, resolveSearchFilter, searchArticles, suggestArticles, type SearchOutcome, type SearchParams } from './search.service.js'

const PAGE_SIZE = 10
const SUGGESTIONS = 6
/** Cached answers: how many, and for how long at most (the recency boost moves with the clock). */
const CACHE = { maxEntries: 1000, ttlMs: 60_000 }
/** Longer than any headline a reader would type; beyond it a query is refused, not cut. */
export const MAX_QUERY_CHARS = 500
/** Nobody reads search results 10,000 deep; beyond it a page is refused. */
const MAX_PAGE = 1000

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
  page: Page(MAX_PAGE),
})

const ApiQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: MAX_QUERY_CHARS })),
    limit: Limit(50),
    page: Page(MAX_PAGE),
    section: Type.Optional(Slug),
    author: Type.Optional(Slug),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest')])),
  },
  { additionalProperties: false },
)

const SuggestQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })

const SearchJson = Type.Object({
  query: Type.String(),
  total: Type.Integer(),
  results: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String({ description: 'العنوان كما خُزِّن، بلا تمييز' }),
      url: Type.String({ format: 'uri' }),
      snippet: Type.String({ description: 'مقتطف HTML، الكلمات المطابقة داخل <mark>' }),
      publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      score: Type.Number(),
    }),
  ),
})

const SuggestJson = Type.Object({
  query: Type.String(),
  suggestions: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String(), path: Type.String(), section: Type.String() })),
})

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
export const searchRoutes: Routes = async (app) => {
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

  let stopRelatedWorker: (() => Promise<void>) | undefined
  app.addHook('onReady', async () => {
    // Workers load in about half a second, warm before the first reader searches; until then searches run here.
    void workers?.start()
    // Background work runs where the scheduler does (one process of several, NASHRA_SCHEDULER).
    await checkIndex(db, app.log, config.scheduler)
    if (config.scheduler) stopRelatedWorker = startRelatedWorker(db, app.log)
  })
  app.addHook('onClose', async () => {
    await stopRelatedWorker?.()
    await workers?.close()
  })

  app.get('/search', { schema: { querystring: PageQuerySchema } }, async (request, reply) =>
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
      const [chrome, sections, resolved] = await Promise.all([loadChrome(request), listSections(db), resolveSearchFilter(db, query, config.timeZone)])
      const outcome = form.q && resolved.filter
        ? await search({ q: form.q, page, limit: PAGE_SIZE, filter: resolved.filter, sort: form.sort })
        : undefined
      const pages = pageCount(outcome?.total ?? 0, PAGE_SIZE)
      if (outcome && outcome.total > 0 && page > pages) throw new NotFound('not_found')
      const html = SearchPage({
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
      })
      // Results depend on every story: the key a write to any story purges (docs/decisions/019).
      return { body: html as string, surrogateKeys: ['search'] }
    }),
  )

  const searchSchema = {
    summary: 'البحث في المقالات المنشورة',
    description: 'Arabic full-text search (normalised, lightly stemmed); `snippet` marks matched words with <mark>.',
    tags: ['search'],
    querystring: ApiQuerySchema,
    response: { 200: SearchJson, ...ReadErrors },
  }
  app.get('/api/v1/search', { schema: searchSchema }, async (request, reply) =>
    cachedJson(request, reply, async () => {
      const query = request.query
      const q = (query.q ?? '').trim()
      const { filter } = await resolveSearchFilter(db, query, config.timeZone)
      const outcome = q && filter
        ? await search({ q, page: query.page ?? 1, limit: query.limit ?? 10, filter, sort: query.sort === 'newest' ? 'newest' : 'relevance' })
        : undefined
      const json = {
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
      return { json, surrogateKeys: ['search'] }
    }),
  )

  const suggestSchema = {
    summary: 'اقتراحات العناوين أثناء الكتابة',
    description: 'Headlines matching what has been typed so far (a trailing space completes the last word).',
    tags: ['search'],
    querystring: SuggestQuerySchema,
    response: { 200: SuggestJson, ...ReadErrors },
  }
  app.get('/api/v1/search/suggest', { schema: suggestSchema }, async (request, reply) =>
    cachedJson(request, reply, async () => {
      const q = request.query.q ?? ''
      // Keyed by the text exactly as typed: a trailing space says the last word is complete.
      const articles = await suggestions.get(q, () => suggestArticles(db, q, SUGGESTIONS))
      const json = {
        query: q,
        suggestions: articles.map((a) => ({ id: a.id, title: a.title, url: absolute(a.path), path: a.path, section: a.section.name })),
      }
      return { json, surrogateKeys: ['search'] }
    }),
  )

  function absolute(path: string): string {
    return config.baseUrl.href.replace(/\/$/, '') + path
  }
}
