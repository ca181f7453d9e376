import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/index.js'
import { findPersonId } from '../people/index.js'
import type { Article, ArticleSummary, TagRef } from './article.js'
import type { ListFilter } from './articles.queries.js'
import * as service from './articles.service.js'

const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    section: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })

export interface ArticleApiOptions {
  /** An article's approved comments (comments are another feature: the app supplies this). */
  countComments(db: Db, articleId: number): Promise<number>
}

/** The public read API under /api/v1: the brief's JSON shapes. */
export const articleApiRoutes: FastifyPluginAsync<ArticleApiOptions> = async (app, options) => {
  const { db, config } = app
  const absolute = (path: string) => config.baseUrl.href.replace(/\/$/, '') + path

  const summaryJson = (a: ArticleSummary, tags: TagRef[]) => ({
    id: a.id,
    title: a.title,
    url: absolute(a.path),
    summary: a.summary,
    section: { slug: a.section.slug, name: a.section.name },
    tags: tags.map((t) => ({ slug: t.slug, name: t.name })),
    authors: a.authors.map((p) => ({ slug: p.slug, name: p.name })),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
  })

  app.get<{ Querystring: { page?: number; limit?: number; section?: string; tag?: string; author?: string } }>(
    '/articles',
    { schema: { querystring: ListQuery } },
    async (request, reply) => {
      const { page = 1, limit = 20, section, tag, author } = request.query
      const filter = await resolveFilter(section, tag, author)
      if (!filter) return { articles: [], page, total: 0 }
      const [articles, total] = await Promise.all([
        service.listPublishedArticles(db, filter, { limit, offset: (page - 1) * limit }),
        service.countPublishedArticles(db, filter),
      ])
      const tags = await service.getTagsOf(db, articles.map((a) => a.id))
      reply.header('cache-control', 'public, max-age=60')
      return { articles: articles.map((a) => summaryJson(a, tags.get(a.id) ?? [])), page, total }
    },
  )

  app.get<{ Params: { id: number } }>('/articles/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const article = await service.getPublishedArticle(db, request.params.id)
    const [related, commentCount] = await Promise.all([service.getRelatedArticles(db, article), options.countComments(db, article.id)])
    reply.header('cache-control', 'public, max-age=60')
    return articleJson(article, related, commentCount)
  })

  function articleJson(article: Article, related: ArticleSummary[], commentCount: number) {
    return {
      ...summaryJson(article, article.tags),
      dateline: article.dateline,
      readingMinutes: article.readingMinutes,
      image: article.image ? { url: absolute(article.image.src), width: article.image.width, height: article.image.height, alt: article.image.alt, caption: article.image.caption, credit: article.image.credit } : null,
      bodyHtml: article.bodyHtml,
      sources: article.sources,
      related: related.map((r) => ({ id: r.id, title: r.title, url: absolute(r.path) })),
      commentCount,
    }
  }

  /** Slugs → ids; undefined when a named section, tag or author does not exist (an empty result). */
  async function resolveFilter(section?: string, tag?: string, author?: string): Promise<ListFilter | undefined> {
    const filter: ListFilter = {}
    if (section !== undefined) {
      const found = await service.findSectionId(db, section)
      if (found === undefined) return undefined
      filter.sectionId = found
    }
    if (tag !== undefined) {
      const found = await service.findTagId(db, tag)
      if (found === undefined) return undefined
      filter.tagId = found
    }
    if (author !== undefined) {
      const found = await findPersonId(db, author)
      if (found === undefined) return undefined
      filter.personId = found
    }
    return filter
  }
}
