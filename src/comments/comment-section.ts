import type { Article } from '../articles/index.js'
import type { Db } from '../db/index.js'
import type { SiteChrome } from '../views/index.js'
import type { PublicComment } from './comment.js'
import { getCommentSettings } from './comment-settings.js'
import { formToken } from './comment-tokens.js'
import { CommentsSection, type FormState } from './comment-views.js'
import { commentsClosed, getCommentThreads } from './comments.service.js'

export interface SectionOptions {
  /** Comments page (1: the article page). */
  page?: number
  /** The form as the reader sent it, with its errors (a private, uncached answer). */
  form?: FormState
  /** The comment being answered (the no-JS reply page). */
  replyTo?: PublicComment
}

/**
 * The article page's comments section: count heading, threads (first page), the form.
 * Nothing here depends on the reader unless `options.form` is given, so the result may be cached.
 */
export async function renderCommentsSection(
  db: Db,
  article: Pick<Article, 'id' | 'path' | 'title' | 'commentsOpen' | 'publishedAt'>,
  chrome: SiteChrome,
  options: SectionOptions = {},
): Promise<string> {
  const [settings, { total, threads }, token] = await Promise.all([getCommentSettings(db), getCommentThreads(db, article.id), formToken(db, chrome.now)])
  const pages = Math.max(1, Math.ceil(threads.length / settings.perPage))
  const page = Math.min(Math.max(1, options.page ?? 1), pages)
  return CommentsSection({
    chrome,
    article,
    total,
    threads: threads.slice((page - 1) * settings.perPage, page * settings.perPage),
    page,
    pages,
    perPage: settings.perPage,
    maxDepth: settings.maxDepth,
    closed: commentsClosed(article, settings, chrome.now),
    formToken: token,
    bodyMax: settings.bodyMax,
    form: options.form,
    replyTo: options.replyTo,
  }) as string
}

/** How many pages of threads an article's comments fill. */
export async function commentPageCount(db: Db, articleId: number): Promise<number> {
  const [settings, { threads }] = await Promise.all([getCommentSettings(db), getCommentThreads(db, articleId)])
  return Math.max(1, Math.ceil(threads.length / settings.perPage))
}
