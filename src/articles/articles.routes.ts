import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { loadChrome, MAX_ID, NotFound, pageCount, pageKey, PageQuery, type Routes, SlugParams } from '../http/index.js'
import { getPersonBySlug } from '../people/index.js'
import { sectionPath, tagPath, type Article } from './article.js'
import * as service from './articles.service.js'
import { HomePage } from './home.page.js'
import { AuthorIntro, ListingPage } from './listing.page.js'

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

  app.get('/', async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const chrome = await loadChrome(request)
      return HomePage({ chrome, ...(await service.getHomePage(db)) }) as string
    }),
  )

  app.get(
    '/section/:slug',
    { schema: { params: SlugParams, querystring: PageQuery } },
    async (request, reply) =>
      pageCache.serve(request, reply, pageKey(request), async () => {
        const section = await service.getSectionBySlug(db, request.params.slug)
        const page = request.query.page ?? 1
        const [articles, total] = await Promise.all([
          service.listPublishedArticles(db, { sectionId: section.id }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
          service.countPublishedArticles(db, { sectionId: section.id }),
        ])
        const pages = pageCount(total, PER_PAGE)
        if (page > pages) throw new NotFound('not_found')
        const chrome = await loadChrome(request)
        return ListingPage({ chrome, kind: 'القسم', title: section.name, description: section.description || undefined, basePath: sectionPath(section.slug), feedHref: `${sectionPath(section.slug)}/feed.xml`, articles, total, page, pages }) as string
      }),
  )

  app.get(
    '/tag/:slug',
    { schema: { params: SlugParams, querystring: PageQuery } },
    async (request, reply) =>
      pageCache.serve(request, reply, pageKey(request), async () => {
        const tag = await service.getTagBySlug(db, request.params.slug)
        const page = request.query.page ?? 1
        const [articles, total] = await Promise.all([
          service.listPublishedArticles(db, { tagId: tag.id }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
          service.countPublishedArticles(db, { tagId: tag.id }),
        ])
        const pages = pageCount(total, PER_PAGE)
        if (page > pages) throw new NotFound('not_found')
        const chrome = await loadChrome(request)
        return ListingPage({ chrome, kind: 'الوسم', title: tag.name, basePath: tagPath(tag.slug), articles, total, page, pages }) as string
      }),
  )

  app.get(
    '/author/:slug',
    { schema: { params: SlugParams, querystring: PageQuery } },
    async (request, reply) =>
      pageCache.serve(request, reply, pageKey(request), async () => {
        const person = await getPersonBySlug(db, request.params.slug)
        const page = request.query.page ?? 1
        const [articles, total] = await Promise.all([
          service.listPublishedArticles(db, { personId: person.id }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
          service.countPublishedArticles(db, { personId: person.id }),
        ])
        const pages = pageCount(total, PER_PAGE)
        if (page > pages) throw new NotFound('not_found')
        const chrome = await loadChrome(request)
        const intro = AuthorIntro({ title: person.title }) as string
        return ListingPage({ chrome, kind: 'الكاتب', title: person.name, description: person.bio || undefined, basePath: person.path, articles, total, page, pages, intro }) as string
      }),
  )

  // /<section>/<id>/<slug>: a right id with a wrong or missing slug or section → 301 to the canonical path.
  for (const path of ['/:section/:id(^\\d{1,12}$)/:slug', '/:section/:id(^\\d{1,12}$)']) {
    app.get(path, { schema: { params: ArticleParamsSchema } }, async (request, reply) => {
      const { section, slug } = request.params
      const id = Number(request.params.id)
      if (!Number.isSafeInteger(id) || id > MAX_ID) throw new NotFound('article_not_found')
      return pageCache.serve(request, reply, pageKey(request), async () => {
        const article = await service.getPublishedArticle(db, id)
        if (section !== article.section.slug || slug !== article.slug) return { movedTo: article.path }
        return options.renderArticlePage(request, article)
      })
    })
  }
}
