// Placeholder front door until the search feature lands: article writes call these in their transaction.
import type { Db } from '../db/index.js'

export async function indexArticle(_db: Db, _articleId: number): Promise<void> {}
export async function removeArticleFromIndex(_db: Db, _articleId: number): Promise<void> {}
