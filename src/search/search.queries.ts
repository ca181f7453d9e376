// The search feature's queries over ordinary tables (the full-text index itself is in sqlite-engine.ts).
import { visibleToReaders } from '../articles/index.js'
import type { Db } from '../db/index.js'

export function findIndexable(db: Db, id: number) {
  return db
    .selectFrom('article')
    .where('id', '=', id)
    .select(['id', 'title', 'summary', 'body_html', 'status', 'published_at'])
    .executeTakeFirst()
}

/** Published articles after `afterId`, in id order (rebuilding the index in batches). */
export function listIndexable(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('article')
    .where(visibleToReaders)
    .where('id', '>', afterId)
    .select(['id', 'title', 'summary', 'body_html', 'published_at'])
    .orderBy('id')
    .limit(limit)
    .execute()
}

export function findTexts(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('article').where('id', 'in', ids).select(['id', 'title', 'summary', 'body_html', 'published_at']).execute()
}

export async function readState(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('search_state').where('key', '=', key).select('value').executeTakeFirst())?.value
}

export async function writeState(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('search_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}

export async function markRelatedPending(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await db
    .insertInto('search_related_pending')
    .values(ids.map((article_id) => ({ article_id })))
    .onConflict((oc) => oc.column('article_id').doNothing())
    .execute()
}

/** Articles whose stored related list names `id` (to recompute when it leaves the index). */
export async function findReferrers(db: Db, id: number): Promise<number[]> {
  const rows = await db.selectFrom('article_related').where('related_id', '=', id).select('article_id').execute()
  return rows.map((r) => r.article_id)
}

export async function takePending(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('search_related_pending').select('article_id').orderBy('article_id', 'desc').limit(limit).execute()
  return rows.map((r) => r.article_id)
}

export async function clearPending(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('search_related_pending').where('article_id', 'in', ids).execute()
}

export async function countPublished(db: Db): Promise<number> {
  const row = await db.selectFrom('article').where(visibleToReaders).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function countPending(db: Db): Promise<number> {
  const row = await db.selectFrom('search_related_pending').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function markAllPublishedPending(db: Db): Promise<void> {
  await db
    .insertInto('search_related_pending')
    .columns(['article_id'])
    .expression(db.selectFrom('article').where(visibleToReaders).select('id'))
    .onConflict((oc) => oc.column('article_id').doNothing())
    .execute()
}

/** The stored rows of one article's related list, in its order. */
export const relatedRows = (articleId: number, related: { id: number; score: number }[]) =>
  related.map((r, position) => ({ article_id: articleId, related_id: r.id, position, score: r.score }))

export async function replaceRelated(db: Db, articleId: number, related: { id: number; score: number }[]): Promise<void> {
  await db.deleteFrom('article_related').where('article_id', '=', articleId).execute()
  if (related.length === 0) return
  await db.insertInto('article_related').values(relatedRows(articleId, related)).execute()
}

export async function deleteRelatedOf(db: Db, articleId: number): Promise<void> {
  await db.deleteFrom('article_related').where('article_id', '=', articleId).execute()
}

/** A byline filter: the person's slug, or their name as printed. */
export async function findPersonIdBySlugOrName(db: Db, value: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('person')
    .where((eb) => eb.or([eb('slug', '=', value), eb('name', '=', value)]))
    .select('id')
    .orderBy('id')
    .executeTakeFirst()
  return row?.id
}

export async function findSectionIdBySlug(db: Db, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('section').where('slug', '=', slug).select('id').executeTakeFirst())?.id
}
