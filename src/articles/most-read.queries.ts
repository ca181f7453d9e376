import type { Db } from '../db/index.js'
import { visibleToReaders } from './visibility.js'

// SQLite allows 32,766 bound values a statement; chunks stay far below it on both engines.
const CHUNK = 500

/** Of these ids, the articles readers may see now (a view of one unpublished since is not added). */
export async function visibleIds(db: Db, ids: number[]): Promise<Set<number>> {
  const visible = new Set<number>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('article').select('id').where('id', 'in', ids.slice(i, i + CHUNK)).where(visibleToReaders).execute()
    for (const row of rows) visible.add(row.id)
  }
  return visible
}

/** Adds views to each article's count of the day (another node may have added some already). */
export async function addViews(db: Db, rows: { day: string; article_id: number; views: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('article_view')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['day', 'article_id']).doUpdateSet((eb) => ({ views: eb('article_view.views', '+', eb.ref('excluded.views')) })))
      .execute()
  }
}

/** The published articles most viewed from day `from` to day `to` (inclusive), most first. */
export function topArticles(db: Db, from: string, to: string, limit: number) {
  return db
    .selectFrom('article_view')
    .innerJoin('article', 'article.id', 'article_view.article_id')
    .innerJoin('section', 'section.id', 'article.section_id')
    .select((eb) => ['article.id', 'article.title', 'article.slug', 'section.slug as section_slug', eb.fn.sum<number | string>('article_view.views').as('views')])
    .where('article_view.day', '>=', from)
    .where('article_view.day', '<=', to)
    .where(visibleToReaders)
    .groupBy(['article.id', 'article.title', 'article.slug', 'section.slug'])
    .orderBy('views', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit)
    .execute()
}
