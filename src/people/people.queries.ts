import type { Insertable } from 'kysely'
import type { Db } from '../db/index.js'
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
