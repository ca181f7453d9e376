// The search feature's front door: the analyzer, the index hooks article writes call in their
// transaction, search, related articles, and the routes.
export { ANALYZER_VERSION, analyze, indexForms, normalizeForMatching, stem, stems, type Token } from './arabic-analyzer.js'
export { compactSearchIndex, indexArticle, indexInBulk, keepIndexOnArticleWrite, readySearchIndex, rebuildSearchIndex, reindexAll, removeArticleFromIndex, type IndexableText } from './indexing.js'
export { refreshRelatedArticles } from './related.js'
export { startRelatedWorker } from './related-worker.js'
export { indexStatus, searchArticles, suggestArticles, type SearchOutcome, type SearchParams } from './search.service.js'
export { searchRoutes } from './search.routes.js'
export { seedStories } from './testing.js'
export { indexColumns, type IndexColumns } from './sqlite-engine.js'
