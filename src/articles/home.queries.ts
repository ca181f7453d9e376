import type { Db } from '../db/index.js'
import { visibleToReaders } from './visibility.js'

// The front page's light rows: what picking and collapsing need, never a body or a dek. The
// cards' own columns come afterwards, for the chosen ids only (findSummariesByIds).
const CANDIDATE_COLUMNS = ['article.id', 'article.title', 'article.word_count', 'article.source_url', 'article.image_id', 'article.section_id', 'article.published_at'] as const

/** The newest published stories, of one section when given, leaving out `excludeIds`. */
export function listNewestCandidates(db: Db, filter: { sectionId?: number; excludeIds?: number[] }, limit: number) {
  let query = db.selectFrom('article').where(visibleToReaders)
  if (filter.sectionId !== undefined) query = query.where('article.section_id', '=', filter.sectionId)
  if (filter.excludeIds?.length) query = query.where('article.id', 'not in', filter.excludeIds)
  return query.select(CANDIDATE_COLUMNS).orderBy('article.published_at', 'desc').orderBy('article.id', 'desc').limit(limit).execute()
}

/** The newest published stories the desk placed 'lead' or 'top' (index article_placement_published). */
export function listPlacedCandidates(db: Db, placement: 'lead' | 'top', limit: number) {
  return db
    .selectFrom('article')
    .where('article.placement', '=', placement)
    .where(visibleToReaders)
    .select(CANDIDATE_COLUMNS)
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit)
    .execute()
}

export type CandidateRow = Awaited<ReturnType<typeof listNewestCandidates>>[number]
