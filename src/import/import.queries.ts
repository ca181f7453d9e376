import type SQLite from 'better-sqlite3'
import type { Db } from '../db/index.js'

/**
 * Every original address already imported, with the article it became: article_import, and
 * articles stored with an original URL by another path (`mapped: false`). article_import wins: a
 * folded continuation keeps its own URL as source_url but maps to its story.
 */
export async function listImported(db: Db): Promise<{ url: string; id: number; mapped: boolean }[]> {
  const [stored, mapped] = await Promise.all([
    db.selectFrom('article').where('source_url', 'is not', null).select(['source_url', 'id']).execute(),
    db.selectFrom('article_import').select(['source_url', 'article_id']).execute(),
  ])
  const byUrl = new Map(stored.map((r) => [r.source_url as string, { url: r.source_url as string, id: r.id, mapped: false }]))
  for (const r of mapped) byUrl.set(r.source_url, { url: r.source_url, id: r.article_id, mapped: true })
  return [...byUrl.values()]
}

export async function mapImported(db: Db, sourceUrl: string, articleId: number): Promise<void> {
  await db
    .insertInto('article_import')
    .values({ source_url: sourceUrl, article_id: articleId })
    .onConflict((oc) => oc.column('source_url').doUpdateSet({ article_id: articleId }))
    .execute()
}

/** mapImported as a prepared statement on the connection of the caller's transaction (the bulk writer). */
export function mapImportedStatement(sqlite: SQLite.Database): (sourceUrl: string, articleId: number) => void {
  const upsert = sqlite.prepare('insert into article_import (source_url, article_id) values (?, ?) on conflict (source_url) do update set article_id = excluded.article_id')
  return (sourceUrl, articleId) => void upsert.run(sourceUrl, articleId)
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

/** What an earlier import of the same site brought in: `key` (e.g. `post:12`) → the Nashra id. */
export async function listOrigins(db: Db, source: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('import_origin').where('source', '=', source).select(['key', 'target_id']).execute()
  return new Map(rows.map((r) => [r.key, r.target_id]))
}

export async function insertOrigins(db: Db, source: string, origins: Map<string, number>): Promise<void> {
  const rows = [...origins].map(([key, target_id]) => ({ source, key, target_id }))
  for (let i = 0; i < rows.length; i += 300) await db.insertInto('import_origin').values(rows.slice(i, i + 300)).execute()
}
