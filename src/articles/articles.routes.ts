import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { loadChrome, MAX_ID, NotFound, pageCount, pageKey, PageQuery, type Rendered, type Routes, SlugParams } from '../http/index.js'
import { getPersonBySlug } from '../people/index.js'
import { sectionPath, tagPath, type Article } from './article.js'
import * as service from './articles.service.js'
import { HomePage } from './home.page.js'
import { getHomePage } from './home.service.js'
import type { ListFilter } from './articles.queries.js'
import { AuthorIntro, ListingPage, type ListingPageProps } from './listing.page.js'
import { articleKeys, authorKey, listedKeys, sectionKey, tagKey } from './surrogate-keys.js'

export const PER_PAGE = 20

const ArticleParamsSchema = Type.Object({
  section: Type.String({ minLength: 1, maxLength: 200 }),
  id: Type.String({ maxLength: 12 }),
  slug: Type.Optional(Type.String({ maxLength: 300 })),
})

export interface ArticleRoutesOptions {
  /** The whole article page: the app composes it (the story, related stories, comments). */
  renderArticlePage(request: FastifyRequest, article: Article): Promise<string>
}

/** Reader pages: home, article, section, tag and author listings. */
export const articleRoutes: Routes<ArticleRoutesOptions> = async (app, options) => {
  const { db, pageCache } = app

  // `/?p=12`, `/?page_id=7`: an imported WordPress site's short links. Declared so the page cache
  // keys them apart from the home page; answered by the 404 path's redirects (http/redirects.ts).
  const home = { schema: { querystring: Type.Object({ p: Type.Optional(Type.String()), page_id: Type.Optional(Type.String()) }) } }
  app.get('/', home, async (request, reply) => {
    if (request.query.p !== undefined || request.query.page_id !== undefined) throw new NotFound('not_found')
    return pageCache.serve(request, reply, pageKey(request), async () => {
      const [chrome, home, mostRead] = await Promise.all([loadChrome(request), getHomePage(db), app.mostRead.lists()])
      return { body: HomePage({ chrome, ...home, mostRead }) as string, surrogateKeys: ['home'] }
    })
  })

  /** One page of a listing: the filter's stories, 404 past the last page; `describe` names what is listed, `key` for Surrogate-Key. */
  async function listingPage(request: FastifyRequest, page: number, filter: ListFilter, key: string, describe: Omit<ListingPageProps, 'chrome' | 'articles' | 'total' | 'page' | 'pages'>): Promise<Rendered> {
    const [articles, total] = await Promise.all([
      service.listPublishedArticles(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      service.countPublishedArticles(db, filter),
    ])
    const pages = pageCount(total, PER_PAGE)
    if (page > pages) throw new NotFound('not_found')
    return { body: ListingPage({ chrome: await loadChrome(request), articles, total, page, pages, ...describe }) as string, surrogateKeys: [key, ...listedKeys(articles)] }
  }

  const listing = { schema: { params: SlugParams, querystring: PageQuery } }

  app.get('/section/:slug', listing, async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const section = await service.getSectionBySlug(db, request.params.slug)
      const basePath = sectionPath(section.slug)
      const description = section.description || undefined
      return listingPage(request, request.query.page ?? 1, { sectionId: section.id }, sectionKey(section.id), { kind: 'القسم', title: section.name, description, basePath })
    }),
  )

  app.get('/tag/:slug', listing, async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const tag = await service.getTagBySlug(db, request.params.slug)
      return listingPage(request, request.query.page ?? 1, { tagId: tag.id }, tagKey(tag.id), { kind: 'الوسم', title: tag.name, basePath: tagPath(tag.slug) })
    }),
  )

  app.get('/author/:slug', listing, async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const person = await getPersonBySlug(db, request.params.slug)
      const intro = AuthorIntro({ title: person.title }) as string
      return listingPage(request, request.query.page ?? 1, { personId: person.id }, authorKey(person.id), { kind: 'الكاتب', title: person.name, description: person.bio || undefined, basePath: person.path, intro })
    }),
  )

  // /<section>/<id>/<slug>: a right id with a wrong or missing slug or section → 301 to the canonical path.
  for (const path of ['/:section/:id(^\\d{1,12}$)/:slug', '/:section/:id(^\\d{1,12}$)']) {
    app.get(path, { schema: { params: ArticleParamsSchema } }, async (request, reply) => {
      const { section, slug } = request.params
      const id = Number(request.params.id)
      if (!Number.isSafeInteger(id) || id > MAX_ID) throw new NotFound('article_not_found')
      return pageCache.serve(request, reply, pageKey(request), async () => {
        const article = await service.getPublishedArticle(db, id).catch(async (err) => {
          // A continuation folded into its story on import: its old address leads to the story.
          const movedTo = err instanceof NotFound ? await service.findMergedArticlePath(db, id) : undefined
          if (movedTo) return { movedTo }
          throw err
        })
        if ('movedTo' in article) return article
        if (section !== article.section.slug || slug !== article.slug) return { movedTo: article.path }
        return { body: await options.renderArticlePage(request, article), surrogateKeys: articleKeys(article), viewOf: article.id, showsRelatedLists: true }
      })
    })
  }
}
