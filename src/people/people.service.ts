import { authorPath, type Person } from './person.js'
import type { Db } from '../db/index.js'
import { NotFound } from '../http/index.js'
import * as queries from './people.queries.js'

function toPerson(row: queries.PersonRow): Person {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    title: row.title,
    bio: row.bio,
    path: authorPath(row.slug),
    mastheadPosition: row.masthead_position,
    inMastheadLine: row.in_masthead_line === 1,
  }
}

export async function getPersonBySlug(db: Db, slug: string): Promise<Person> {
  const row = await queries.findPersonBySlug(db, slug)
  if (!row) throw new NotFound('person_not_found')
  return toPerson(row)
}

/** Everyone on the masthead, in masthead order. */
export async function listMasthead(db: Db): Promise<Person[]> {
  return (await queries.listMasthead(db)).map(toPerson)
}

export interface PersonInput {
  slug: string
  name: string
  title?: string
  bio?: string
  mastheadPosition?: number | null
  inMastheadLine?: boolean
}

/** The person with this slug, created when missing (imports, demo content). */
export async function ensurePerson(db: Db, input: PersonInput, now: Date): Promise<number> {
  const found = await queries.findPersonIdBySlug(db, input.slug)
  if (found) return found.id
  const row = await queries.insertPerson(db, {
    slug: input.slug,
    name: input.name,
    title: input.title ?? '',
    bio: input.bio ?? '',
    masthead_position: input.mastheadPosition ?? null,
    in_masthead_line: input.inMastheadLine ? 1 : 0,
    created_at: now.toISOString(),
  })
  return row.id
}

export async function findPersonId(db: Db, slug: string): Promise<number | undefined> {
  return (await queries.findPersonIdBySlug(db, slug))?.id
}
