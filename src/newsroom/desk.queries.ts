import { sql } from 'kysely'
import type { Db } from '../db/index.js'

// The desk's own reads: names behind an article's tag and byline ids, suggestions while typing,
// and the drafts a lawyer returned (the rest of the desk's lists are the articles feature's).

export function tagsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('tag').where('id', 'in', ids).select(['id', 'name', 'slug']).execute()
}

export function peopleByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('person').where('id', 'in', ids).select(['id', 'name', 'slug']).execute()
}

const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Names containing `q`, those starting with it first, then the shortest. */
export function suggest(db: Db, table: 'tag' | 'person', q: string, limit: number) {
  const starts = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return db
    .selectFrom(table)
    .where(sql<boolean>`name like ${containing(q)} escape '\\'`)
    .select(['name', 'slug'])
    .orderBy(sql`name like ${starts} escape '\\'`, 'desc')
    .orderBy(sql`length(name)`)
    .orderBy('name')
    .limit(limit)
    .execute()
}

function returnedQuery(db: Db, createdBy: number | undefined) {
  let query = db.selectFrom('article').where('article.status', '=', 'draft').where('article.legal_status', '=', 'returned')
  if (createdBy !== undefined) query = query.where('article.created_by', '=', createdBy)
  return query
}

/** Drafts the lawyer returned with a note (a writer's own when `createdBy` is given), newest first. */
export function listReturned(db: Db, createdBy: number | undefined, limit: number) {
  return returnedQuery(db, createdBy)
    .select(['article.id', 'article.title', 'article.updated_at', 'article.legal_note'])
    .orderBy('article.updated_at', 'desc')
    .limit(limit)
    .execute()
}

export async function countReturned(db: Db, createdBy: number | undefined): Promise<number> {
  const row = await returnedQuery(db, createdBy).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}
