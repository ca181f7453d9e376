import type { Insertable, UpdateObject } from 'kysely'
import { type Database, type Db, Precompiled } from '../db/index.js'
import type { ArticleTable } from './articles.tables.js'
import { visibleToReaders } from './visibility.js'

const SUMMARY_COLUMNS = [
  'article.id',
  'article.slug',
  'article.title',
  'article.summary',
  'article.status',
  'article.is_urgent',
  'article.published_at',
  'article.updated_at',
  'section.id as section_id',
  'section.slug as section_slug',
  'section.name as section_name',
  'media.id as image_id',
  'media.path as image_path',
  'media.width as image_width',
  'media.height as image_height',
  'media.widths as image_widths',
  'media.renditions as image_renditions',
  'media.alt as image_alt',
  'media.caption as image_caption',
  'media.credit as image_credit',
] as const

export interface ListFilter {
  sectionId?: number
  tagId?: number
  personId?: number
  urgentOnly?: boolean
  excludeIds?: number[]
  /** Home page placement set by the desk. */
  placement?: 'lead' | 'top'
}

function publishedSummaries(db: Db, filter: ListFilter) {
  let query = db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .leftJoin('media', 'media.id', 'article.image_id')
    .where(visibleToReaders)
  if (filter.sectionId !== undefined) query = query.where('article.section_id', '=', filter.sectionId)
  if (filter.urgentOnly) query = query.where('article.is_urgent', '=', 1)
  if (filter.placement) query = query.where('article.placement', '=', filter.placement)
  if (filter.excludeIds?.length) query = query.where('article.id', 'not in', filter.excludeIds)
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('article_tag').whereRef('article_tag.article_id', '=', 'article.id').where('article_tag.tag_id', '=', tagId).select('article_tag.tag_id')),
    )
  }
  if (filter.personId !== undefined) {
    const personId = filter.personId
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('article_author').whereRef('article_author.article_id', '=', 'article.id').where('article_author.person_id', '=', personId).select('article_author.person_id')),
    )
  }
  return query
}

export function listPublished(db: Db, filter: ListFilter, limit: number, offset = 0) {
  return publishedSummaries(db, filter)
    .select(SUMMARY_COLUMNS)
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

export async function countPublished(db: Db, filter: ListFilter): Promise<number> {
  const row = await publishedSummaries(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export type SummaryRow = Awaited<ReturnType<typeof listPublished>>[number]

// The article page's reads run on every uncached render: built and compiled once (src/db/precompiled.ts).
const summariesByIds = new Precompiled((db, ids: number[]) =>
  db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .leftJoin('media', 'media.id', 'article.image_id')
    .where('article.id', 'in', ids)
    .where(visibleToReaders)
    .select(SUMMARY_COLUMNS),
)

export function findSummariesByIds(db: Db, ids: number[]): Promise<SummaryRow[]> {
  if (ids.length === 0) return Promise.resolve([] as SummaryRow[])
  return summariesByIds.execute(db, ids)
}

const articleById = new Precompiled((db, id: number) =>
  db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .leftJoin('media', 'media.id', 'article.image_id')
    .where('article.id', '=', id)
    .select([
      ...SUMMARY_COLUMNS,
      'article.body_html',
      'article.dateline',
      'article.word_count',
      'article.comments_open',
      'article.source_url',
      'article.publish_at',
      'article.seo_title',
      'article.seo_description',
    ]),
)

export function findArticleById(db: Db, id: number) {
  return articleById.executeTakeFirst(db, id)
}

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticleById>>>

const authorsOfArticles = new Precompiled((db, articleIds: number[]) =>
  db
    .selectFrom('article_author')
    .innerJoin('person', 'person.id', 'article_author.person_id')
    .where('article_author.article_id', 'in', articleIds)
    .select(['article_author.article_id', 'person.id', 'person.slug', 'person.name', 'person.title'])
    .orderBy('article_author.article_id')
    .orderBy('article_author.position'),
)

export function authorsOf(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([])
  return authorsOfArticles.execute(db, articleIds)
}

const tagsOfArticle = new Precompiled((db, articleId: number) =>
  db
    .selectFrom('article_tag')
    .innerJoin('tag', 'tag.id', 'article_tag.tag_id')
    .where('article_tag.article_id', '=', articleId)
    .select(['tag.id', 'tag.slug', 'tag.name'])
    .orderBy('article_tag.position'),
)

export function tagsOf(db: Db, articleId: number) {
  return tagsOfArticle.execute(db, articleId)
}

export function tagsOfMany(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('article_tag')
    .innerJoin('tag', 'tag.id', 'article_tag.tag_id')
    .where('article_tag.article_id', 'in', articleIds)
    .select(['article_tag.article_id', 'tag.id', 'tag.slug', 'tag.name'])
    .orderBy('article_tag.article_id')
    .orderBy('article_tag.position')
    .execute()
}

const sourcesOfArticle = new Precompiled((db, articleId: number) =>
  db.selectFrom('article_source').where('article_id', '=', articleId).select(['name', 'url']).orderBy('position'),
)

export function sourcesOf(db: Db, articleId: number) {
  return sourcesOfArticle.execute(db, articleId)
}

const relatedIds = new Precompiled((db, articleId: number, limit: number) =>
  db.selectFrom('article_related').where('article_id', '=', articleId).select('related_id').orderBy('position').limit(limit),
)

export function relatedIdsOf(db: Db, articleId: number, limit: number) {
  return relatedIds.execute(db, articleId, limit)
}

// The related-articles fallback's tag half (the section half is listPublished): a tag's newest
// stories, each tag read once per content version. Ties in the date go to the higher id.
const newestWithTag = new Precompiled((db, tagId: number, limit: number) =>
  db
    .selectFrom('article_tag')
    // CROSS JOIN keeps this order in SQLite, from the tag's rows out (article_tag_tag); left to
    // choose, it walked every published article newest first, probing each (10 ms for a rare tag).
    // PostgreSQL plans it as a join.
    .crossJoin('article')
    .whereRef('article.id', '=', 'article_tag.article_id')
    .where('article_tag.tag_id', '=', tagId)
    .where(visibleToReaders)
    .select(['article.id', 'article.published_at'])
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit),
)

/** The ids and publication times of a tag's newest published stories. */
export function newestWithTagOf(db: Db, tagId: number, limit: number) {
  return newestWithTag.execute(db, tagId, limit)
}

export function listSections(db: Db) {
  return db.selectFrom('section').select(['id', 'slug', 'name', 'description']).orderBy('position').orderBy('id').execute()
}

export function findSectionBySlug(db: Db, slug: string) {
  return db.selectFrom('section').where('slug', '=', slug).select(['id', 'slug', 'name', 'description']).executeTakeFirst()
}

export function findTagBySlug(db: Db, slug: string) {
  return db.selectFrom('tag').where('slug', '=', slug).select(['id', 'slug', 'name']).executeTakeFirst()
}

export function insertArticle(db: Db, row: Insertable<ArticleTable>) {
  return db.insertInto('article').values(row).returning('id').executeTakeFirstOrThrow()
}

export function updateArticleRow(db: Db, id: number, row: UpdateObject<Database, 'article'>) {
  return db.updateTable('article').set(row).where('id', '=', id).execute()
}

export async function replaceAuthors(db: Db, articleId: number, personIds: number[]) {
  await db.deleteFrom('article_author').where('article_id', '=', articleId).execute()
  const unique = [...new Set(personIds)]
  if (unique.length === 0) return
  await db.insertInto('article_author').values(unique.map((person_id, position) => ({ article_id: articleId, person_id, position }))).execute()
}

export async function replaceTags(db: Db, articleId: number, tagIds: number[]) {
  await db.deleteFrom('article_tag').where('article_id', '=', articleId).execute()
  const unique = [...new Set(tagIds)]
  if (unique.length === 0) return
  await db.insertInto('article_tag').values(unique.map((tag_id, position) => ({ article_id: articleId, tag_id, position }))).execute()
}

export async function replaceSources(db: Db, articleId: number, sources: { name: string; url: string | null }[]) {
  await db.deleteFrom('article_source').where('article_id', '=', articleId).execute()
  if (sources.length === 0) return
  await db
    .insertInto('article_source')
    .values(sources.map((s, position) => ({ article_id: articleId, position, name: s.name, url: s.url })))
    .execute()
}

export async function ensureSection(db: Db, slug: string, name: string): Promise<number> {
  const found = await db.selectFrom('section').where('slug', '=', slug).select('id').executeTakeFirst()
  if (found) return found.id
  const next = await db.selectFrom('section').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst()
  const row = await db
    .insertInto('section')
    .values({ slug, name, position: Number(next?.p ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function ensureTag(db: Db, slug: string, name: string): Promise<number> {
  const found = await db.selectFrom('tag').where('slug', '=', slug).select('id').executeTakeFirst()
  if (found) return found.id
  return (await db.insertInto('tag').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id
}

export function findIdBySourceUrl(db: Db, sourceUrl: string) {
  return db.selectFrom('article').where('source_url', '=', sourceUrl).select('id').executeTakeFirst()
}

/** Where an article folded into another (an imported continuation) sends readers. */
export function findMergedInto(db: Db, id: number) {
  return db
    .selectFrom('article as merged')
    .innerJoin('article', 'article.id', 'merged.merged_into_id')
    .innerJoin('section', 'section.id', 'article.section_id')
    .where('merged.id', '=', id)
    .where(visibleToReaders)
    .select(['article.id', 'article.slug', 'section.slug as section_slug'])
    .executeTakeFirst()
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The article a preview link opens, whatever its status. */
export function findIdByPreviewToken(db: Db, token: string) {
  return db.selectFrom('article').where('preview_token', '=', token).select('id').executeTakeFirst()
}
