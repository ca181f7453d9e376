// The search feature's front door: the analyzer, and the hooks article writes call in their transaction.
import type { Db } from '../db/index.js'

export { ANALYZER_VERSION, analyze, normalizeForMatching, stem, stems, type Token } from './arabic-analyzer.js'

export async function indexArticle(_db: Db, _articleId: number): Promise<void> {}
export async function removeArticleFromIndex(_db: Db, _articleId: number): Promise<void> {}
