// The article page is composed here, in one place, from the features that fill it: the story, its
// related stories and corrections (articles), and its comments section (comments). Articles and
// comments don't know each other; the routes that show the page take these from the app.
import type { FastifyRequest } from 'fastify'
import { ArticlePage, getRelatedArticles, listCorrectionsOf, type Article, type ArticleSummary } from './articles/index.js'
import { renderCommentsSection, type CommentSectionOptions } from './comments/index.js'
import { chromeFor, LATEST_IN_SIDEBAR, type PerContentVersion, type SharedChrome } from './page-chrome.js'
import type { SidebarBlock } from './views/index.js'

/** The article page's sidebar, block by block: adding a block is one more entry here. */
function sidebarBlocks(article: Article, latestStories: ArticleSummary[]): SidebarBlock[] {
  // The newest stories but this one: read once per content version, one more than shown.
  const latest = latestStories.filter((a) => a.id !== article.id).slice(0, LATEST_IN_SIDEBAR)
  return [{ id: 'latest', heading: 'آخر الأخبار', items: latest.map((a) => ({ title: a.title, path: a.path, date: a.publishedAt })) }]
}

/** The article page's renderers, over the app's chrome read once per content version (src/page-chrome.ts). */
export function articlePageRenderers(shared: PerContentVersion<SharedChrome>) {
  async function composeArticlePage(request: FastifyRequest, article: Article, comments: CommentSectionOptions, preview: boolean): Promise<string> {
    const db = request.server.db
    const site = await shared.get()
    const chrome = chromeFor(request, site, new Date())
    const [related, commentsHtml, corrections, mostRead] = await Promise.all([
      getRelatedArticles(db, article, site.newest),
      preview ? '' : renderCommentsSection(db, article, chrome, comments),
      listCorrectionsOf(db, article.id),
      preview ? undefined : request.server.mostRead.lists(),
    ])
    const sidebar = sidebarBlocks(article, site.latest)
    return ArticlePage({ chrome, article, related, comments: commentsHtml, corrections, sidebar, preview, mostRead }) as string
  }

  return {
    /** The whole article page; `comments.form` (a refused comment, typed text and errors) makes it private to one reader. */
    renderArticlePage(request: FastifyRequest, article: Article, comments: CommentSectionOptions = {}): Promise<string> {
      return composeArticlePage(request, article, comments, false)
    },
    /** A preview link's page: the article whatever its status, with a banner and without comments. */
    renderArticlePreview(request: FastifyRequest, article: Article): Promise<string> {
      return composeArticlePage(request, article, {}, true)
    },
  }
}
