import type { Db } from '../db/index.js'

/** Articles stored with an original URL but not yet in article_import (written by another path), added. */
export async function backfillImported(db: Db): Promise<void> {
  await db
    .insertInto('article_import')
    .columns(['source_url', 'article_id'])
    .expression((eb) => eb.selectFrom('article').where('source_url', 'is not', null).select(['source_url', 'id']))
    .onConflict((oc) => oc.column('source_url').doNothing())
    .execute()
}

/** Every original address already imported, with the article it became. */
export function listImported(db: Db) {
  return db.selectFrom('article_import').select(['source_url', 'article_id']).execute()
}

export async function mapImported(db: Db, sourceUrl: string, articleId: number): Promise<void> {
  await db
    .insertInto('article_import')
    .values({ source_url: sourceUrl, article_id: articleId })
    .onConflict((oc) => oc.column('source_url').doUpdateSet({ article_id: articleId }))
    .execute()
}

/** A continuation that had stood as an article of its own, folded into `storyId`: off the site, its address sent there. */
export async function markMerged(db: Db, id: number, storyId: number): Promise<void> {
  await db.updateTable('article').set({ merged_into_id: storyId }).where('id', '=', id).execute()
}

/** Of these people, the ones with no article, no masthead place and no newsroom account: bylines the import no longer gives. */
export async function findOrphanPeople(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('person')
    .where('person.id', 'in', ids)
    .where('person.masthead_position', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('article_author').whereRef('article_author.person_id', '=', 'person.id').select('article_author.person_id'))),
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('account').whereRef('account.person_id', '=', 'person.id').select('account.id'))))
    .select('person.id')
    .execute()
  return rows.map((r) => r.id)
}

export async function deletePeople(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('person').where('id', 'in', ids).execute()
}
