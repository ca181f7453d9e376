import { sql, type Insertable, type Updateable } from 'kysely'
import { type Db, likeContains } from '../db/index.js'
import type { SectionTable, TagTable } from './articles.tables.js'

// Sections and tags as the newsroom manages them: with the number of articles using each.

const SECTION_COLUMNS = ['section.id', 'section.slug', 'section.name', 'section.description', 'section.position', 'section.on_home', 'section.requires_legal_review'] as const

function sectionsWithCounts(db: Db) {
  return db
    .selectFrom('section')
    .select(SECTION_COLUMNS)
    .select((eb) => eb.selectFrom('article').whereRef('article.section_id', '=', 'section.id').select(eb.fn.countAll<number>().as('n')).as('article_count'))
}

export function listSectionsWithCounts(db: Db) {
  return sectionsWithCounts(db).orderBy('section.position').orderBy('section.id').execute()
}

export type SectionRow = Awaited<ReturnType<typeof listSectionsWithCounts>>[number]

export function findSection(db: Db, id: number) {
  return sectionsWithCounts(db).where('section.id', '=', id).executeTakeFirst()
}

/** The sections with a block on the home page, in order. */
export function listHomeSections(db: Db) {
  return db.selectFrom('section').where('on_home', '=', 1).select(['id', 'slug', 'name', 'description']).orderBy('position').orderBy('id').execute()
}

export function findSectionIdBySlug(db: Db, slug: string) {
  return db.selectFrom('section').where('slug', '=', slug).select('id').executeTakeFirst()
}

export async function nextSectionPosition(db: Db): Promise<number> {
  const row = await db.selectFrom('section').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst()
  return Number(row?.p ?? 0) + 1
}

export function insertSection(db: Db, row: Insertable<SectionTable>) {
  return db.insertInto('section').values(row).returning('id').executeTakeFirstOrThrow()
}

export function updateSection(db: Db, id: number, row: Updateable<SectionTable>) {
  return db.updateTable('section').set(row).where('id', '=', id).executeTakeFirst()
}

export function setSectionPosition(db: Db, id: number, position: number) {
  return db.updateTable('section').set({ position }).where('id', '=', id).execute()
}

export function deleteSection(db: Db, id: number) {
  return db.deleteFrom('section').where('id', '=', id).executeTakeFirst()
}

function tagsMatching(db: Db, q: string) {
  const query = db.selectFrom('tag')
  return q ? query.where((eb) => eb.or([likeContains(eb.ref('tag.name'), q), likeContains(eb.ref('tag.slug'), q)])) : query
}

function withArticleCount(db: Db, q = '') {
  return tagsMatching(db, q)
    .select(['tag.id', 'tag.slug', 'tag.name'])
    .select((eb) => eb.selectFrom('article_tag').whereRef('article_tag.tag_id', '=', 'tag.id').select(eb.fn.countAll<number>().as('n')).as('article_count'))
}

/** One page of tags whose name or slug contains `q`, by name; each with its article count (counted for this page only). */
export function listTags(db: Db, q: string, limit: number, offset: number) {
  return withArticleCount(db, q).orderBy('tag.name').orderBy('tag.id').limit(limit).offset(offset).execute()
}

export type TagRow = Awaited<ReturnType<typeof listTags>>[number]

export async function countTags(db: Db, q: string): Promise<number> {
  const row = await tagsMatching(db, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export function findTag(db: Db, id: number) {
  return withArticleCount(db).where('tag.id', '=', id).executeTakeFirst()
}

export function findTagIdBySlug(db: Db, slug: string) {
  return db.selectFrom('tag').where('slug', '=', slug).select('id').executeTakeFirst()
}

/** A tag named exactly `text`, or whose slug it is (the slug first). */
export function findTagIdByNameOrSlug(db: Db, text: string) {
  return db
    .selectFrom('tag')
    .where((eb) => eb.or([eb('slug', '=', text), eb('name', '=', text)]))
    .select('id')
    .orderBy(sql`slug = ${text}`, 'desc')
    .orderBy('id')
    .executeTakeFirst()
}

export function insertTag(db: Db, row: Insertable<TagTable>) {
  return db.insertInto('tag').values(row).returning('id').executeTakeFirstOrThrow()
}

export function updateTag(db: Db, id: number, row: Updateable<TagTable>) {
  return db.updateTable('tag').set(row).where('id', '=', id).executeTakeFirst()
}

/** Tags the articles tagged `fromId` with `intoId` too (those that have it already keep their place). */
export function copyTagging(db: Db, fromId: number, intoId: number) {
  return db
    .insertInto('article_tag')
    .columns(['article_id', 'tag_id', 'position'])
    .expression((eb) =>
      eb
        .selectFrom('article_tag as source')
        .where('source.tag_id', '=', fromId)
        .where('source.article_id', 'not in', eb.selectFrom('article_tag as present').where('present.tag_id', '=', intoId).select('present.article_id'))
        .select(['source.article_id', eb.val(intoId).as('tag_id'), 'source.position']),
    )
    .executeTakeFirst()
}

/** Deletes a tag and removes it from its articles; returns from how many. */
export async function deleteTag(db: Db, id: number): Promise<number> {
  const untagged = await db.deleteFrom('article_tag').where('tag_id', '=', id).executeTakeFirst()
  await db.deleteFrom('tag').where('id', '=', id).execute()
  return Number(untagged.numDeletedRows)
}
