import { authorPath, type Person } from './person.js'
import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Conflict, formText, Invalid, NotFound } from '../http/index.js'
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

// The newsroom's people pages and masthead. Every write bumps the content version: bylines are on
// article pages and listings, the masthead line in every page's header.

export interface PersonEntry extends Person {
  articleCount: number
}

export interface PersonFields {
  name: string
  /** Made by the caller (the newsroom makes it from the name with the articles' slugify). */
  slug: string
  title?: string
  bio?: string
}

const TITLE_MAX = 150

function toPersonEntry(row: queries.PersonEntryRow): PersonEntry {
  return { ...toPerson(row), articleCount: Number(row.article_count ?? 0) }
}

function personFields(input: PersonFields) {
  const slug = formText(input.slug, 'slug', { max: 80, required: true })
  if (!/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u.test(slug)) throw new Invalid('invalid_parameter', 'slug')
  return {
    name: formText(input.name, 'name', { max: 150, required: true }),
    slug,
    title: formText(input.title, 'jobTitle', { max: TITLE_MAX }),
    bio: formText(input.bio, 'bio', { max: 2000, multiline: true }),
  }
}

/** A page of people whose name or slug contains `q`, in name order, with the total for paging. */
export async function listPersonEntries(db: Db, options: { q?: string; limit: number; offset: number }): Promise<{ people: PersonEntry[]; total: number }> {
  const q = (options.q ?? '').trim()
  const [rows, total] = await Promise.all([queries.listPeople(db, q, options.limit, options.offset), queries.countPeople(db, q)])
  return { people: rows.map(toPersonEntry), total }
}

export async function getPersonEntry(db: Db, id: number): Promise<PersonEntry> {
  const row = await queries.findPersonEntry(db, id)
  if (!row) throw new NotFound('person_not_found')
  return toPersonEntry(row)
}

/** Runs `write`; when it fails because the slug was taken meanwhile (the unique index), a Conflict naming the slug. */
async function claimingSlug<T>(db: Db, slug: string, id: number | undefined, write: (trx: Db) => Promise<T>): Promise<T> {
  const takenByOther = async (d: Db) => {
    const found = await queries.findPersonIdBySlug(d, slug)
    return found !== undefined && found.id !== id
  }
  try {
    return await inTransaction(db, async (trx) => {
      if (await takenByOther(trx)) throw new Conflict('slug_taken', 'slug')
      const result = await write(trx)
      await bumpContentVersion(trx)
      return result
    })
  } catch (err) {
    if (!(err instanceof Conflict) && (await takenByOther(db))) throw new Conflict('slug_taken', 'slug')
    throw err
  }
}

export async function createPerson(db: Db, input: PersonFields, now: Date): Promise<PersonEntry> {
  const fields = personFields(input)
  const id = await claimingSlug(db, fields.slug, undefined, async (trx) => (await queries.insertPerson(trx, { ...fields, created_at: now.toISOString() })).id)
  return getPersonEntry(db, id)
}

export async function updatePerson(db: Db, id: number, input: PersonFields): Promise<PersonEntry> {
  const fields = personFields(input)
  await claimingSlug(db, fields.slug, id, async (trx) => {
    const result = await queries.updatePerson(trx, id, fields)
    if (Number(result.numUpdatedRows) === 0) throw new NotFound('person_not_found')
  })
  return getPersonEntry(db, id)
}

/** Deletes a person no article names as author (Conflict 'person_in_use' otherwise). */
export async function deletePerson(db: Db, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const person = await getPersonEntry(trx, id)
    if (person.articleCount > 0) throw new Conflict('person_in_use', 'author')
    await queries.deletePerson(trx, id)
    if (person.mastheadPosition !== null) await renumberMasthead(trx, (ids) => ids)
    await bumpContentVersion(trx)
  })
}

/** Puts someone at the end of the masthead under `title` (required there: it heads their entry). */
export async function addToMasthead(db: Db, id: number, title: string): Promise<void> {
  const masthead = formText(title, 'jobTitle', { max: TITLE_MAX, required: true })
  await inTransaction(db, async (trx) => {
    const person = await getPersonEntry(trx, id)
    const position = person.mastheadPosition ?? (await queries.nextMastheadPosition(trx))
    await queries.updatePerson(trx, id, { title: masthead, masthead_position: position })
    await bumpContentVersion(trx)
  })
}

/** A masthead entry's title, and whether it shows in the header line. */
export async function updateMastheadEntry(db: Db, id: number, input: { title: string; inMastheadLine: boolean }): Promise<void> {
  const title = formText(input.title, 'jobTitle', { max: TITLE_MAX, required: true })
  await inTransaction(db, async (trx) => {
    const person = await getPersonEntry(trx, id)
    if (person.mastheadPosition === null) throw new NotFound('person_not_found')
    await queries.updatePerson(trx, id, { title, in_masthead_line: input.inMastheadLine ? 1 : 0 })
    await bumpContentVersion(trx)
  })
}

/** Takes someone off the masthead (and so off the header line). */
export async function removeFromMasthead(db: Db, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    await getPersonEntry(trx, id)
    await queries.updatePerson(trx, id, { masthead_position: null, in_masthead_line: 0 })
    await renumberMasthead(trx, (ids) => ids)
    await bumpContentVersion(trx)
  })
}

/** Moves a masthead entry one place up or down. */
export async function moveInMasthead(db: Db, id: number, direction: 'up' | 'down'): Promise<void> {
  await inTransaction(db, async (trx) => {
    await renumberMasthead(trx, (ids) => {
      const i = ids.indexOf(id)
      if (i < 0) throw new NotFound('person_not_found')
      const j = direction === 'up' ? i - 1 : i + 1
      if (j >= 0 && j < ids.length) [ids[i], ids[j]] = [ids[j], ids[i]]
      return ids
    })
    await bumpContentVersion(trx)
  })
}

/** Positions 1…n in the order `reorder` returns (the masthead is a handful of people). */
async function renumberMasthead(trx: Db, reorder: (ids: number[]) => number[]): Promise<void> {
  const ids = reorder((await queries.listMasthead(trx)).map((p) => p.id))
  for (const [index, personId] of ids.entries()) await queries.setMastheadPosition(trx, personId, index + 1)
}
