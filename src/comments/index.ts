// Placeholder front door until the comments feature lands: the article page's comments section.
import type { Article } from '../articles/article.js'
import type { Db } from '../db/index.js'
import type { SiteChrome } from '../views/page.js'

export async function renderCommentsSection(_db: Db, _article: Article, _chrome: SiteChrome): Promise<string> {
  return '<h2 id="comments-heading">التعليقات</h2>'
}

export async function countApprovedComments(_db: Db, _articleId: number): Promise<number> {
  return 0
}
