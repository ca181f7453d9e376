import type { Insertable } from 'kysely'
import { type Db, Precompiled } from '../db/index.js'
import type { ArticleCorrectionTable } from './articles.tables.js'
import { visibleToReaders } from './visibility.js'

const CORRECTION_COLUMNS = ['article_correction.id', 'article_correction.kind', 'article_correction.body', 'article_correction.party', 'article_correction.created_at'] as const

export function findCorrectable(db: Db, articleId: number) {
  return db.selectFrom('article').where('id', '=', articleId).select(['id', 'status', 'published_at']).executeTakeFirst()
}

export function insertCorrection(db: Db, row: Insertable<ArticleCorrectionTable>) {
  return db.insertInto('article_correction').values(row).returning('id').executeTakeFirstOrThrow()
}

/** A correction changes the story: its updated time moves (pages, feeds and sitemaps show it). */
export function touchArticle(db: Db, articleId: number, nowIso: string) {
  return db.updateTable('article').set({ updated_at: nowIso }).where('id', '=', articleId).execute()
}

export function insertCorrectedEvent(db: Db, articleId: number, accountId: number | null, note: string, nowIso: string) {
  return db.insertInto('article_event').values({ article_id: articleId, account_id: accountId, kind: 'corrected', note, created_at: nowIso }).execute()
}

// Read on every uncached article page: compiled once (src/db/precompiled.ts).
const correctionsOfArticle = new Precompiled((db, articleId: number) =>
  db
    .selectFrom('article_correction')
    .where('article_correction.article_id', '=', articleId)
    .select(CORRECTION_COLUMNS)
    .orderBy('article_correction.created_at')
    .orderBy('article_correction.id'),
)

/** An article's corrections and replies, oldest first (the order they were added). */
export function correctionsOf(db: Db, articleId: number) {
  return correctionsOfArticle.execute(db, articleId)
}

function visibleCorrections(db: Db) {
  return db
    .selectFrom('article_correction')
    .innerJoin('article', 'article.id', 'article_correction.article_id')
    .innerJoin('section', 'section.id', 'article.section_id')
    .where(visibleToReaders)
}

/** Corrections of articles readers can see, newest first, with the article's title and path parts. */
export function listVisibleCorrections(db: Db, limit: number, offset: number) {
  return visibleCorrections(db)
    .select([...CORRECTION_COLUMNS, 'article.id as article_id', 'article.slug as article_slug', 'article.title as article_title', 'section.slug as section_slug'])
    .orderBy('article_correction.created_at', 'desc')
    .orderBy('article_correction.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

export async function countVisibleCorrections(db: Db): Promise<number> {
  const row = await visibleCorrections(db).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function latestVisibleCorrection(db: Db): Promise<string | null> {
  const row = await visibleCorrections(db).select((eb) => eb.fn.max('article_correction.created_at').as('at')).executeTakeFirst()
  return (row?.at as string | null | undefined) ?? null
}
