// The article page is composed here, in one place, from the features that fill it: the story, its
// related stories and corrections (articles), and its comments section (comments). Articles and
// comments don't know each other; the routes that show the page take these from the app.
import type { FastifyRequest } from 'fastify'
import { ArticlePage, getArticleSeo, getRelatedArticles, listCorrectionsOf, listPublishedArticles, type Article } from './articles/index.js'
import { renderCommentsSection, type CommentSectionOptions } from './comments/index.js'
import type { Db } from './db/index.js'
import { loadChrome } from './http/index.js'
import type { SidebarBlock } from './views/index.js'

const LATEST_IN_SIDEBAR = 6

/** The article page's sidebar, block by block: adding a block is one more entry here. */
async function sidebarBlocks(db: Db, article: Article): Promise<SidebarBlock[]> {
  const latest = await listPublishedArticles(db, { excludeIds: [article.id] }, { limit: LATEST_IN_SIDEBAR })
  return [{ id: 'latest', heading: 'آخر الأخبار', items: latest.map((a) => ({ title: a.title, path: a.path, date: a.publishedAt })) }]
}

async function composeArticlePage(request: FastifyRequest, article: Article, comments: CommentSectionOptions, preview: boolean): Promise<string> {
  const db = request.server.db
  const chrome = await loadChrome(request)
  const [related, commentsHtml, corrections, seo, sidebar, mostRead] = await Promise.all([
    getRelatedArticles(db, article),
    preview ? '' : renderCommentsSection(db, article, chrome, comments),
    listCorrectionsOf(db, article.id),
    getArticleSeo(db, article.id),
    sidebarBlocks(db, article),
    preview ? undefined : request.server.mostRead.lists(),
  ])
  return ArticlePage({ chrome, article, related, comments: commentsHtml, corrections, seo, sidebar, preview, mostRead }) as string
}

/** The whole article page; `comments.form` (a refused comment, typed text and errors) makes it private to one reader. */
export function renderArticlePage(request: FastifyRequest, article: Article, comments: CommentSectionOptions = {}): Promise<string> {
  return composeArticlePage(request, article, comments, false)
}

/** A preview link's page: the article whatever its status, with a banner and without comments. */
export function renderArticlePreview(request: FastifyRequest, article: Article): Promise<string> {
  return composeArticlePage(request, article, {}, true)
}

export type RenderArticlePage = typeof renderArticlePage
