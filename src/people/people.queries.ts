import type { Insertable, Updateable } from 'kysely'
import { type Db, likeContains } from '../db/index.js'
import type { PersonTable } from './people.tables.js'

const COLUMNS = ['id', 'slug', 'name', 'title', 'bio', 'masthead_position', 'in_masthead_line'] as const

export function findPersonBySlug(db: Db, slug: string) {
  return db.selectFrom('person').where('slug', '=', slug).select(COLUMNS).executeTakeFirst()
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonBySlug>>>

export function listMasthead(db: Db) {
  return db
    .selectFrom('person')
    .where('masthead_position', 'is not', null)
    .select(COLUMNS)
    .orderBy('masthead_position')
    .orderBy('id')
    .execute()
}

export function insertPerson(db: Db, row: Insertable<PersonTable>) {
  return db.insertInto('person').values(row).returning('id').executeTakeFirstOrThrow()
}

export function findPersonIdBySlug(db: Db, slug: string) {
  return db.selectFrom('person').where('slug', '=', slug).select('id').executeTakeFirst()
}

// The newsroom's people pages and masthead.

function peopleMatching(db: Db, q: string) {
  const query = db.selectFrom('person')
  return q ? query.where((eb) => eb.or([likeContains(eb.ref('person.name'), q), likeContains(eb.ref('person.slug'), q)])) : query
}

/** People whose name or slug contains `q`, each with how many articles carry their byline. */
function withArticleCount(db: Db, q = '') {
  return peopleMatching(db, q)
    .select(COLUMNS.map((c) => `person.${c}` as const))
    .select((eb) => eb.selectFrom('article_author').whereRef('article_author.person_id', '=', 'person.id').select(eb.fn.countAll<number>().as('n')).as('article_count'))
}

/** One page of people whose name or slug contains `q`, by name; the article count is counted for this page only. */
export function listPeople(db: Db, q: string, limit: number, offset: number) {
  return withArticleCount(db, q).orderBy('person.name').orderBy('person.id').limit(limit).offset(offset).execute()
}

export type PersonEntryRow = Awaited<ReturnType<typeof listPeople>>[number]

export async function countPeople(db: Db, q: string): Promise<number> {
  const row = await peopleMatching(db, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export function findPersonEntry(db: Db, id: number) {
  return withArticleCount(db).where('person.id', '=', id).executeTakeFirst()
}

export function updatePerson(db: Db, id: number, row: Updateable<PersonTable>) {
  return db.updateTable('person').set(row).where('id', '=', id).executeTakeFirst()
}

export function deletePerson(db: Db, id: number) {
  return db.deleteFrom('person').where('id', '=', id).executeTakeFirst()
}

export function setMastheadPosition(db: Db, id: number, position: number) {
  return db.updateTable('person').set({ masthead_position: position }).where('id', '=', id).execute()
}

export async function nextMastheadPosition(db: Db): Promise<number> {
  const row = await db.selectFrom('person').select((eb) => eb.fn.max('masthead_position').as('p')).executeTakeFirst()
  return Number(row?.p ?? 0) + 1
}
