import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Conflict, formText, Invalid, NotFound } from '../http/index.js'
import { sectionPath, tagPath, type Section, type TagRef } from './article.js'
import { slugify } from './article-text.js'
import * as queries from './taxonomy.queries.js'

// Sections and tags as the newsroom edits them. Every write bumps the content version: section
// names are in every page's navigation, tags on article pages.

export interface SectionEntry extends Section {
  position: number
  onHome: boolean
  requiresLegalReview: boolean
  articleCount: number
}

export interface SectionInput {
  name: string
  /** Empty: made from the name. */
  slug?: string
  description?: string
  onHome?: boolean
  requiresLegalReview?: boolean
}

export interface TagEntry extends TagRef {
  id: number
  articleCount: number
}

export interface TagInput {
  name: string
  /** Empty: made from the name. */
  slug?: string
}

const NAME_MAX = 100
const SLUG_MAX = 80

// An article's address begins with its section's slug (/<section>/<id>/<slug>), so a section may
// not take the first segment of another page of the site.
const RESERVED_SECTION_SLUGS = new Set(['newsroom', 'api', 'assets', 'fonts', 'media', 'comments', 'preview', 'preferences', 'sitemaps', 'section', 'tag', 'author', 'search', 'masthead', 'corrections', 'healthz'])

/** The slug typed (tidied as slugify does), or one made from `name` when none was: «الشؤون المحلية» → الشؤون-المحلية. */
export function slugFrom(typed: string | undefined, name: string): string {
  const source = typed?.trim() || name
  if (!/[\p{L}\p{N}]/u.test(source)) throw new Invalid(typed?.trim() ? 'invalid_parameter' : 'field_required', 'slug')
  const slug = slugify(source, SLUG_MAX)
  if ([...slug].length > SLUG_MAX) throw new Invalid('field_too_long', 'slug')
  return slug
}

/** A unique index refused the row: someone else took the slug between our check and our write. */
async function uniqueSlug<T>(write: () => Promise<T>, taken: () => Promise<boolean>): Promise<T> {
  try {
    return await write()
  } catch (err) {
    if (await taken()) throw new Conflict('slug_taken', 'slug')
    throw err
  }
}

function toSection(row: queries.SectionRow): SectionEntry {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    path: sectionPath(row.slug),
    position: row.position,
    onHome: row.on_home === 1,
    requiresLegalReview: row.requires_legal_review === 1,
    articleCount: Number(row.article_count ?? 0),
  }
}

function sectionFields(input: SectionInput) {
  const name = formText(input.name, 'name', { max: NAME_MAX, required: true })
  const slug = slugFrom(input.slug, name)
  if (RESERVED_SECTION_SLUGS.has(slug)) throw new Invalid('slug_reserved', 'slug')
  return {
    name,
    slug,
    description: formText(input.description, 'description', { max: 500, multiline: true }),
    on_home: input.onHome === false ? 0 : 1,
    requires_legal_review: input.requiresLegalReview ? 1 : 0,
  }
}

/** Every section in order, with how many articles each holds. */
export async function listSectionEntries(db: Db): Promise<SectionEntry[]> {
  return (await queries.listSectionsWithCounts(db)).map(toSection)
}

export async function getSectionEntry(db: Db, id: number): Promise<SectionEntry> {
  const row = await queries.findSection(db, id)
  if (!row) throw new NotFound('section_not_found')
  return toSection(row)
}

/** The sections that get a block on the home page, in order. */
export async function listHomeSections(db: Db): Promise<Section[]> {
  return (await queries.listHomeSections(db)).map((s) => ({ ...s, path: sectionPath(s.slug) }))
}

/** A new section at the end of the order; its slug must be free (Conflict 'slug_taken'). */
export async function createSection(db: Db, input: SectionInput): Promise<SectionEntry> {
  const fields = sectionFields(input)
  const slugTaken = async () => (await queries.findSectionIdBySlug(db, fields.slug)) !== undefined
  const id = await uniqueSlug(
    () =>
      inTransaction(db, async (trx) => {
        if (await queries.findSectionIdBySlug(trx, fields.slug)) throw new Conflict('slug_taken', 'slug')
        const { id } = await queries.insertSection(trx, { ...fields, position: await queries.nextSectionPosition(trx) })
        await bumpContentVersion(trx)
        return id
      }),
    slugTaken,
  )
  return getSectionEntry(db, id)
}

export async function updateSection(db: Db, id: number, input: SectionInput): Promise<SectionEntry> {
  const fields = sectionFields(input)
  const slugTaken = async () => ((await queries.findSectionIdBySlug(db, fields.slug))?.id ?? id) !== id
  await uniqueSlug(
    () =>
      inTransaction(db, async (trx) => {
        const other = await queries.findSectionIdBySlug(trx, fields.slug)
        if (other && other.id !== id) throw new Conflict('slug_taken', 'slug')
        const result = await queries.updateSection(trx, id, fields)
        if (Number(result.numUpdatedRows) === 0) throw new NotFound('section_not_found')
        await bumpContentVersion(trx)
      }),
    slugTaken,
  )
  return getSectionEntry(db, id)
}

/** `ids` with `id` swapped with its neighbour before (up) or after (down) it; unchanged at either end. */
function moveInOrder(ids: readonly number[], id: number, direction: 'up' | 'down'): number[] {
  const order = [...ids]
  const i = order.indexOf(id)
  const j = direction === 'up' ? i - 1 : i + 1
  if (i >= 0 && j >= 0 && j < order.length) [order[i], order[j]] = [order[j], order[i]]
  return order
}

/** Moves a section one place up or down; positions are renumbered 1…n (sections are few). */
export async function moveSection(db: Db, id: number, direction: 'up' | 'down'): Promise<void> {
  await inTransaction(db, async (trx) => {
    const ids = (await queries.listSectionsWithCounts(trx)).map((s) => s.id)
    if (!ids.includes(id)) throw new NotFound('section_not_found')
    for (const [index, sectionId] of moveInOrder(ids, id, direction).entries()) await queries.setSectionPosition(trx, sectionId, index + 1)
    await bumpContentVersion(trx)
  })
}

/** Deletes an empty section; one holding articles is refused (Conflict 'section_in_use'; its entry tells how many). */
export async function deleteSection(db: Db, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const section = await getSectionEntry(trx, id)
    if (section.articleCount > 0) throw new Conflict('section_in_use', 'section')
    await queries.deleteSection(trx, id)
    await bumpContentVersion(trx)
  })
}

function toTag(row: queries.TagRow): TagEntry {
  return { id: row.id, slug: row.slug, name: row.name, path: tagPath(row.slug), articleCount: Number(row.article_count ?? 0) }
}

function tagFields(input: TagInput) {
  const name = formText(input.name, 'name', { max: NAME_MAX, required: true })
  return { name, slug: slugFrom(input.slug, name) }
}

/** A page of tags whose name or slug contains `q`, in name order, with the total for paging. */
export async function listTagEntries(db: Db, options: { q?: string; limit: number; offset: number }): Promise<{ tags: TagEntry[]; total: number }> {
  const q = (options.q ?? '').trim()
  const [rows, total] = await Promise.all([queries.listTags(db, q, options.limit, options.offset), queries.countTags(db, q)])
  return { tags: rows.map(toTag), total }
}

export async function getTagEntry(db: Db, id: number): Promise<TagEntry> {
  const row = await queries.findTag(db, id)
  if (!row) throw new NotFound('tag_not_found')
  return toTag(row)
}

export async function createTag(db: Db, input: TagInput): Promise<TagEntry> {
  const fields = tagFields(input)
  const slugTaken = async () => (await queries.findTagIdBySlug(db, fields.slug)) !== undefined
  const id = await uniqueSlug(
    () =>
      inTransaction(db, async (trx) => {
        if (await queries.findTagIdBySlug(trx, fields.slug)) throw new Conflict('slug_taken', 'slug')
        return (await queries.insertTag(trx, fields)).id
      }),
    slugTaken,
  )
  return getTagEntry(db, id)
}

/** A new name and slug; the slug must be free. Its articles show the new name at once. */
export async function renameTag(db: Db, id: number, input: TagInput): Promise<TagEntry> {
  const fields = tagFields(input)
  const slugTaken = async () => ((await queries.findTagIdBySlug(db, fields.slug))?.id ?? id) !== id
  await uniqueSlug(
    () =>
      inTransaction(db, async (trx) => {
        const other = await queries.findTagIdBySlug(trx, fields.slug)
        if (other && other.id !== id) throw new Conflict('slug_taken', 'slug')
        const result = await queries.updateTag(trx, id, fields)
        if (Number(result.numUpdatedRows) === 0) throw new NotFound('tag_not_found')
        await bumpContentVersion(trx)
      }),
    slugTaken,
  )
  return getTagEntry(db, id)
}

/**
 * Merges tag `id` into the tag named or slugged `into`, in one transaction: its articles get
 * `into` (where they lack it) and the tag is deleted. Returns the surviving tag.
 */
export async function mergeTag(db: Db, id: number, into: string): Promise<TagEntry> {
  const target = formText(into, 'into', { max: 200, required: true })
  const intoId = await inTransaction(db, async (trx) => {
    await getTagEntry(trx, id)
    const found = await queries.findTagIdByNameOrSlug(trx, target)
    if (!found) throw new Invalid('tag_not_found', 'into')
    if (found.id === id) throw new Invalid('tag_merge_same', 'into')
    await queries.copyTagging(trx, id, found.id)
    await queries.deleteTag(trx, id)
    await bumpContentVersion(trx)
    return found.id
  })
  return getTagEntry(db, intoId)
}

/** Deletes a tag, removing it from every article; returns from how many. */
export async function deleteTag(db: Db, id: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    await getTagEntry(trx, id)
    const untagged = await queries.deleteTag(trx, id)
    await bumpContentVersion(trx)
    return untagged
  })
}
