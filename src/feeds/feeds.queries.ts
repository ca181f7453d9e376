import { visibleToReaders } from '../articles/index.js'
import type { Db } from '../db/index.js'

// Feeds and sitemaps read only what they print: bodies for the 50 feed items, never for sitemaps.

export function findSectionBySlug(db: Db, slug: string) {
  return db.selectFrom('section').where('slug', '=', slug).select(['id', 'slug', 'name', 'description']).executeTakeFirst()
}

export function findTagBySlug(db: Db, slug: string) {
  return db.selectFrom('tag').where('slug', '=', slug).select(['id', 'slug', 'name']).executeTakeFirst()
}

export function findPersonBySlug(db: Db, slug: string) {
  return db.selectFrom('person').where('slug', '=', slug).select(['id', 'slug', 'name', 'bio']).executeTakeFirst()
}

export function bodiesOf(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([])
  return db.selectFrom('article').where('id', 'in', articleIds).select(['id', 'body_html']).execute()
}

export async function countPublished(db: Db): Promise<number> {
  const row = await db
    .selectFrom('article')
    .where(visibleToReaders)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The newest change in each run of `perFile` published articles (id order): the sitemap index's lastmod. */
export async function articleChunkLastmods(db: Db, perFile: number) {
  const chunks = Math.ceil((await countPublished(db)) / perFile)
  // Each run is read from the covering index article_published_sitemap, never from the rows.
  return Promise.all(
    Array.from({ length: chunks }, async (_, chunk) => {
      const run = db
        .selectFrom('article')
        .where(visibleToReaders)
        .select('updated_at')
        .orderBy('id')
        .limit(perFile)
        .offset(chunk * perFile)
        .as('run')
      const row = await db
        .selectFrom(run)
        .select((eb) => eb.fn.max('run.updated_at').as('lastmod'))
        .executeTakeFirstOrThrow()
      return { chunk, lastmod: row.lastmod as string }
    }),
  )
}

/** One sitemap file of articles, in id order so older files stay stable as stories are added. */
export function articleSitemapPage(db: Db, perFile: number, page: number) {
  return db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .leftJoin('media', 'media.id', 'article.image_id')
    .where(visibleToReaders)
    .select([
      'article.id',
      'article.slug',
      'article.updated_at',
      'article.published_at',
      'section.slug as section_slug',
      'media.path as image_path',
      'media.widths as image_widths',
    ])
    .orderBy('article.id')
    .limit(perFile)
    .offset((page - 1) * perFile)
    .execute()
}

export type ArticleSitemapRow = Awaited<ReturnType<typeof articleSitemapPage>>[number]

/** Published in [since, until] (Google News: the last 48 hours), newest first, at most `limit`. */
export function publishedBetween(db: Db, sinceIso: string, untilIso: string, limit: number) {
  return db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .where(visibleToReaders)
    .where('article.published_at', '>=', sinceIso)
    .where('article.published_at', '<=', untilIso)
    .select(['article.id', 'article.slug', 'article.title', 'article.published_at', 'section.slug as section_slug'])
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit)
    .execute()
}

export function sectionsWithLastmod(db: Db) {
  return db
    .selectFrom('section')
    .leftJoin('article', (join) => join.onRef('article.section_id', '=', 'section.id').on(visibleToReaders))
    .select(['section.slug', (eb) => eb.fn.max('article.updated_at').as('lastmod')])
    .groupBy(['section.id', 'section.slug'])
    .orderBy('section.id')
    .execute()
}

// Tags and authors aggregate the link table first, then name the few rows: a plan that loops over
// every tag scanning every article is then impossible, whatever the planner's statistics say.

/** Tags that lead somewhere: at least one published article; the most recently used first. */
export function tagsWithLastmod(db: Db, limit: number) {
  const used = db
    .selectFrom('article_tag')
    .innerJoin('article', 'article.id', 'article_tag.article_id')
    .where(visibleToReaders)
    .groupBy('article_tag.tag_id')
    .select(['article_tag.tag_id', (eb) => eb.fn.max('article.updated_at').as('lastmod')])
    .as('used')
  return db
    .selectFrom(used)
    .innerJoin('tag', 'tag.id', 'used.tag_id')
    .select(['tag.slug', 'used.lastmod'])
    .orderBy('used.lastmod', 'desc')
    .limit(limit)
    .execute()
}

export function authorsWithLastmod(db: Db) {
  const bylined = db
    .selectFrom('article_author')
    .innerJoin('article', 'article.id', 'article_author.article_id')
    .where(visibleToReaders)
    .groupBy('article_author.person_id')
    .select(['article_author.person_id', (eb) => eb.fn.max('article.updated_at').as('lastmod')])
    .as('bylined')
  return db
    .selectFrom(bylined)
    .innerJoin('person', 'person.id', 'bylined.person_id')
    .select(['person.slug', 'bylined.lastmod'])
    .orderBy('person.id')
    .execute()
}

export async function latestUpdate(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('article')
    .where(visibleToReaders)
    .select((eb) => eb.fn.max('updated_at').as('lastmod'))
    .executeTakeFirst()
  return (row?.lastmod as string | null | undefined) ?? null
}
