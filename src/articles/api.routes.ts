import { Type } from '@sinclair/typebox'
import type { Db } from '../db/index.js'
import { cachedJson, IdParam, PageLimitQuery, ReadErrors, type Routes } from '../http/index.js'
import { ArticleJson, ArticleListJson } from './api.schemas.js'
import type { Article, ArticleSummary, TagRef } from './article.js'
import * as service from './articles.service.js'
import { articleKeys, authorKey, listedKeys, sectionKey, tagKey } from './surrogate-keys.js'

const ListQuery = Type.Object(
  {
    ...PageLimitQuery(100).properties,
    section: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)

export interface ArticleApiOptions {
  /** An article's approved comments (comments are another feature: the app supplies this). */
  countComments(db: Db, articleId: number): Promise<number>
}

/** The public read API under /api/v1: the brief's JSON shapes. */
export const articleApiRoutes: Routes<ArticleApiOptions> = async (app, options) => {
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

  const listSchema = {
    summary: 'المقالات المنشورة، الأحدث أولاً',
    description: 'Published articles, newest first, optionally of one section, tag or author (slugs).',
    tags: ['articles'],
    querystring: ListQuery,
    response: { 200: ArticleListJson, ...ReadErrors },
  }
  app.get('/articles', { schema: listSchema }, async (request, reply) =>
    cachedJson(request, reply, async () => {
      const { page = 1, limit = 20, section, tag, author } = request.query
      const { articles, tags, total, filter } = await service.listArticlesPage(db, { section, tag, author }, { page, limit })
      const keys = [
        ...(filter?.sectionId ? [sectionKey(filter.sectionId)] : []),
        ...(filter?.tagId ? [tagKey(filter.tagId)] : []),
        ...(filter?.personId ? [authorKey(filter.personId)] : []),
      ]
      const json = { articles: articles.map((a) => summaryJson(a, tags.get(a.id) ?? [])), page, total }
      // Unfiltered, or filtered by a name not (yet) known: it changes with any story, as the home page does.
      return { json, surrogateKeys: [...(keys.length > 0 ? keys : ['home']), ...listedKeys(articles)] }
    }),
  )

  const articleSchema = {
    summary: 'مقال منشور كاملاً',
    description: 'One published article with its body, sources, related articles and approved comment count.',
    tags: ['articles'],
    params: IdParam,
    response: { 200: ArticleJson, ...ReadErrors },
  }
  app.get('/articles/:id', { schema: articleSchema }, async (request, reply) =>
    cachedJson(request, reply, async () => {
      const article = await service.getPublishedArticle(db, request.params.id)
      const [related, commentCount] = await Promise.all([service.getRelatedArticles(db, article), options.countComments(db, article.id)])
      return { json: articleJson(article, related, commentCount), surrogateKeys: articleKeys(article), showsRelatedLists: true }
    }),
  )

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
}
