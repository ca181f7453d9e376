import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely'
import type { Database } from '../db/index.js'
import type { ArticleStatus } from './articles.tables.js'

// What readers may see of the articles, written once: every reader page, feed, sitemap, search
// and comment form asks this. The status alone decides: a story for later is 'scheduled' (its
// publish_at waits) until the scheduler publishes it (publishScheduledArticles), so there is no
// date to compare with the clock here. The newsroom and the scheduler look at other statuses on purpose.

/** The one status readers see. */
export const VISIBLE_STATUS = 'published' satisfies ArticleStatus

/** Whether an article with this status is one readers may see. */
export function isVisibleToReaders(status: string): boolean {
  return status === VISIBLE_STATUS
}

/**
 * The condition in Kysely over the `article` table: `.where(visibleToReaders)`, or `.on(visibleToReaders)`
 * in a join. The status stays a bound parameter, as every query wrote it before.
 */
export function visibleToReaders(eb: ExpressionBuilder<Database, 'article'>) {
  return eb('article.status', '=', VISIBLE_STATUS)
}

/**
 * The condition in raw SQL (search's FTS5 queries), over `alias` (a name written in code): the exact
 * text those queries carried, `a.status = 'published'`, so their plans stay as benchmarked.
 */
export function visibleToReadersSql(alias: string): RawBuilder<unknown> {
  if (!/^[a-z_]\w*$/i.test(alias)) throw new Error(`not a table alias: ${alias}`)
  return sql.raw(`${alias}.status = '${VISIBLE_STATUS}'`)
}
