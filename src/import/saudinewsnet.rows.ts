import { articleRowFrom, type BulkArticle } from '../articles/index.js'
import { indexColumns, type IndexColumns } from '../search/index.js'
import type { MappedArticle } from './saudinewsnet.mapper.js'

/** What the import stores of an article's text, new or re-mapped. */
export function storedText(article: MappedArticle) {
  return {
    title: article.title,
    titleAsGiven: true,
    bodyHtml: article.bodyHtml,
    bodyIsSanitized: true, // paragraphsToHtml escaped the text
    dateline: article.dateline,
    sources: article.sources.map((name) => ({ name, url: null })),
  }
}

/** A new article as the import creates it, but for the ids only the database knows. */
export function newArticleInput(article: MappedArticle) {
  return { ...storedText(article), summary: article.summary, status: 'published' as const, publishedAt: article.publishedAt, sourceUrl: article.sourceUrl, commentsOpen: true }
}

/** Worked out in the reader thread for the bulk writer: the article's row (its section to come) and its search index columns. */
export interface PrecomputedArticle {
  row: BulkArticle['row']
  columns: IndexColumns
}

export function precompute(article: MappedArticle, now: Date): PrecomputedArticle {
  const { row, bodyText } = articleRowFrom({ ...newArticleInput(article), sectionId: 0 }, now)
  return { row, columns: indexColumns({ title: row.title, summary: row.summary, body: bodyText }) }
}
