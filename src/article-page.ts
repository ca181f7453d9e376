// The article page is composed here, in one place, from the features that fill it: the story and
// its related stories (articles), and its comments section (comments). Articles and comments
// don't know each other; both routes that show the page take this from the app.
import type { FastifyRequest } from 'fastify'
import { ArticlePage, getRelatedArticles, type Article } from './articles/index.js'
import { renderCommentsSection, type CommentSectionOptions } from './comments/index.js'
import { loadChrome } from './http/index.js'

/** The whole article page; `comments.form` (a refused comment, typed text and errors) makes it private to one reader. */
export async function renderArticlePage(request: FastifyRequest, article: Article, comments: CommentSectionOptions = {}): Promise<string> {
  const db = request.server.db
  const chrome = await loadChrome(request)
  const [related, commentsHtml] = await Promise.all([getRelatedArticles(db, article), renderCommentsSection(db, article, chrome, comments)])
  return ArticlePage({ chrome, article, related, comments: commentsHtml }) as string
}

export type RenderArticlePage = typeof renderArticlePage
