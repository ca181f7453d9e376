import { sql } from 'kysely'
import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Invalid, NotFound } from '../http/index.js'
import { imageFromRow } from '../media/index.js'
import { findPersonId } from '../people/index.js'
import {
  articlePath,
  authorPath,
  tagPath,
  type Article,
  type ArticleStatus,
  type ArticleSummary,
  type AuthorRef,
  type Section,
  type Source,
  type TagRef,
  sectionPath,
} from './article.js'
import { sanitizeArticleHtml } from './article-html.js'
import { announceArticleWritten, type ArticleWritten } from './article-writes.js'
import { countWords, htmlToText, readingMinutes, slugify } from './article-text.js'
import * as queries from './articles.queries.js'
import { isVisibleToReaders } from './visibility.js'

export interface ArticleInput {
  title: string
  bodyHtml: string
  sectionId: number
  summary?: string
  slug?: string
  dateline?: string
  imageId?: number | null
  isUrgent?: boolean
  commentsOpen?: boolean
  status: ArticleStatus
  publishAt?: Date | null
  /** Kept as given (imports carry the original time); defaults to now when published. */
  publishedAt?: Date | null
  authorIds?: number[]
  tagIds?: number[]
  sources?: Source[]
  sourceUrl?: string | null
  /** Set only by callers that built the HTML themselves from escaped text (imports). */
  bodyIsSanitized?: boolean
  /** Imports store the headline exactly as printed, surrounding spaces included. */
  titleAsGiven?: boolean
  /** The home page's lead or top stories; left as it is when absent. */
  placement?: 'lead' | 'top' | null
}

export function toSummary(row: queries.SummaryRow, authors: AuthorRef[]): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    path: articlePath(row.section_slug, row.id, row.slug),
    section: { id: row.section_id, slug: row.section_slug, name: row.section_name },
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    updatedAt: new Date(row.updated_at),
    isUrgent: row.is_urgent === 1,
    image: imageFromRow(row),
    authors,
  }
}

async function authorsByArticle(db: Db, ids: number[]): Promise<Map<number, AuthorRef[]>> {
  const map = new Map<number, AuthorRef[]>()
  for (const a of await queries.authorsOf(db, ids)) {
    const list = map.get(a.article_id) ?? []
    list.push({ id: a.id, slug: a.slug, name: a.name, title: a.title, path: authorPath(a.slug) })
    map.set(a.article_id, list)
  }
  return map
}

async function withAuthors(db: Db, rows: queries.SummaryRow[]): Promise<ArticleSummary[]> {
  const authors = await authorsByArticle(db, rows.map((r) => r.id))
  return rows.map((row) => toSummary(row, authors.get(row.id) ?? []))
}

export async function listPublishedArticles(
  db: Db,
  filter: queries.ListFilter,
  page: { limit: number; offset?: number },
): Promise<ArticleSummary[]> {
  return withAuthors(db, await queries.listPublished(db, filter, page.limit, page.offset ?? 0))
}

export async function countPublishedArticles(db: Db, filter: queries.ListFilter): Promise<number> {
  return queries.countPublished(db, filter)
}

/** Published summaries in the order of the ids given (search results, related articles). */
export async function getSummariesByIds(db: Db, ids: number[]): Promise<ArticleSummary[]> {
  if (ids.length === 0) return []
  const rows = await queries.findSummariesByIds(db, ids)
  const byId = new Map((await withAuthors(db, rows)).map((a) => [a.id, a]))
  return ids.map((id) => byId.get(id)).filter((a): a is ArticleSummary => a !== undefined)
}

/** Any article, whatever its status (newsroom, admin API). */
export async function getArticle(db: Db, id: number): Promise<Article> {
  const row = await queries.findArticleById(db, id)
  if (!row) throw new NotFound('article_not_found')
  const [authors, tags, sources] = await Promise.all([
    authorsByArticle(db, [id]),
    queries.tagsOf(db, id),
    queries.sourcesOf(db, id),
  ])
  return {
    ...toSummary(row, authors.get(id) ?? []),
    status: row.status,
    bodyHtml: row.body_html,
    dateline: row.dateline,
    wordCount: row.word_count,
    readingMinutes: readingMinutes(row.word_count),
    commentsOpen: row.comments_open === 1,
    tags: tags.map((t) => ({ id: t.id, slug: t.slug, name: t.name, path: tagPath(t.slug) })),
    sources: sources.map((s) => ({ name: s.name, url: s.url })),
    sourceUrl: row.source_url,
    seo: { title: row.seo_title.trim(), description: row.seo_description.trim() },
  }
}

/** What readers may see: a published article, or NotFound. */
export async function getPublishedArticle(db: Db, id: number): Promise<Article> {
  const article = await getArticle(db, id)
  if (!isVisibleToReaders(article.status)) throw new NotFound('article_not_found')
  return article
}

/** The path of the story an article was folded into (an imported continuation), if any. */
export async function findMergedArticlePath(db: Db, id: number): Promise<string | undefined> {
  const row = await queries.findMergedInto(db, id)
  return row ? articlePath(row.section_slug, row.id, row.slug) : undefined
}

/** How many related stories an article shows. */
export const RELATED_COUNT = 4

/** The newest stories of a section, one more than the related list shows (the story itself is left out of its own list). */
export function listSectionNewest(db: Db, sectionId: number): Promise<ArticleSummary[]> {
  return listPublishedArticles(db, { sectionId }, { limit: RELATED_COUNT + 1 })
}

/** A story's id and publication time (ms; -Infinity for none): what ranks the related fallback. */
export interface StoryTime {
  id: number
  at: number
}

/** The newest stories of a tag, one more than the related list shows, as ids and times. */
export async function listTagNewest(db: Db, tagId: number): Promise<StoryTime[]> {
  const rows = await queries.newestWithTagOf(db, tagId, RELATED_COUNT + 1)
  return rows.map((r) => ({ id: r.id, at: r.published_at === null ? -Infinity : new Date(r.published_at).getTime() }))
}

/** Where the related fallback finds a section's and a tag's newest stories: a caller may keep them per content version. */
export interface NewestLists {
  section(sectionId: number): Promise<ArticleSummary[]>
  tag(tagId: number): Promise<StoryTime[]>
}

/** The newest lists read from the database on every ask. */
export const newestFromDb = (db: Db): NewestLists => ({ section: (id) => listSectionNewest(db, id), tag: (id) => listTagNewest(db, id) })

/**
 * Related stories: stored by content similarity (search), else the newest sharing the section or a
 * tag. Until the lists are computed (after an import) every story asks for its section's and tags'
 * newest: the article page takes them from copies kept per content version (`newest`).
 */
export async function getRelatedArticles(
  db: Db,
  article: Pick<Article, 'id' | 'section' | 'tags'>,
  newest: NewestLists = newestFromDb(db),
): Promise<ArticleSummary[]> {
  const stored = await queries.relatedIdsOf(db, article.id, RELATED_COUNT)
  if (stored.length > 0) return getSummariesByIds(db, stored.map((r) => r.related_id))
  const [inSection, ...byTag] = await Promise.all([newest.section(article.section.id), ...article.tags.map((t) => newest.tag(t.id))])
  // Each list holds one more than is shown, so the newest others of the section or of any tag are in them.
  const candidates = [...inSection.map((a) => ({ id: a.id, at: a.publishedAt?.getTime() ?? -Infinity })), ...byTag.flat()]
  const timeById = new Map(candidates.filter((c) => c.id !== article.id).map((c) => [c.id, c.at]))
  // Newest first, ties to the higher id, as one walk over all of them would give them.
  const ids = [...timeById]
    .sort(([idA, a], [idB, b]) => b - a || idB - idA)
    .slice(0, RELATED_COUNT)
    .map(([id]) => id)
  const known = new Map(inSection.map((a) => [a.id, a]))
  const fetched = new Map((await getSummariesByIds(db, ids.filter((id) => !known.has(id)))).map((a) => [a.id, a]))
  return ids.map((id) => known.get(id) ?? fetched.get(id)).filter((a): a is ArticleSummary => a !== undefined)
}

/**
 * The article row to store, and its body as plain text (counted here, indexed by search: worked
 * out once). Pure, so an import's reader threads compute it for the bulk writer.
 */
export function rowFromInput(input: ArticleInput, now: Date) {
  const title = input.titleAsGiven ? input.title : input.title.trim()
  if (!title.trim()) throw new Invalid('bad_request', 'title')
  const bodyHtml = input.bodyIsSanitized ? input.bodyHtml : sanitizeArticleHtml(input.bodyHtml)
  if (input.status === 'scheduled' && !input.publishAt) throw new Invalid('bad_request', 'publishAt')
  const publishedAt = input.status === 'published' ? (input.publishedAt ?? now) : (input.publishedAt ?? null)
  const bodyText = htmlToText(bodyHtml)
  const row = {
    slug: input.slug ? slugify(input.slug) : slugify(title),
    title,
    summary: (input.summary ?? '').trim(),
    body_html: bodyHtml,
    word_count: countWords(bodyText),
    status: input.status,
    section_id: input.sectionId,
    dateline: (input.dateline ?? '').trim(),
    image_id: input.imageId ?? null,
    is_urgent: input.isUrgent ? 1 : 0,
    comments_open: input.commentsOpen === false ? 0 : 1,
    source_url: input.sourceUrl ?? null,
    publish_at: input.publishAt ? input.publishAt.toISOString() : null,
    published_at: publishedAt ? publishedAt.toISOString() : null,
    ...(input.placement !== undefined ? { placement: input.placement } : {}),
  }
  return { row, bodyText }
}

/** Creates an article with its authors, tags and sources in one transaction (listeners, e.g. search, follow in it). */
export async function createArticle(db: Db, input: ArticleInput, now: Date): Promise<{ id: number; path: string }> {
  return inTransaction(db, async (trx) => {
    const { row, bodyText } = rowFromInput(input, now)
    const { id } = await queries.insertArticle(trx, { ...row, updated_at: (input.publishedAt ?? now).toISOString(), created_at: now.toISOString() })
    await writeRelations(trx, id, input)
    await afterWrite(trx, id, row.status, { title: row.title, summary: row.summary, body: bodyText })
    const section = await trx.selectFrom('section').where('id', '=', input.sectionId).select('slug').executeTakeFirstOrThrow()
    return { id, path: articlePath(section.slug, id, row.slug) }
  })
}

/** Replaces an article's fields (and relations given) in one transaction. */
export async function updateArticle(db: Db, id: number, input: ArticleInput, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await queries.findArticleById(trx, id)
    if (!current) throw new NotFound('article_not_found')
    const { row, bodyText } = rowFromInput({ ...input, publishedAt: input.publishedAt ?? (current.published_at ? new Date(current.published_at) : null) }, now)
    await queries.updateArticleRow(trx, id, { ...row, version: sql<number>`version + 1`, updated_at: now.toISOString() })
    await writeRelations(trx, id, input)
    await afterWrite(trx, id, row.status, { title: row.title, summary: row.summary, body: bodyText })
  })
}

/**
 * Replaces a stored body whose text is unchanged (an import pointing links at their new
 * addresses once every article has one): sanitised again, no new version, no reindexing.
 */
export async function replaceBodyLinks(db: Db, id: number, bodyHtml: string, siteOrigin?: string): Promise<void> {
  await queries.updateArticleRow(db, id, { body_html: sanitizeArticleHtml(bodyHtml, { siteOrigin }) })
  await bumpContentVersion(db)
}

async function writeRelations(trx: Db, id: number, input: ArticleInput) {
  if (input.authorIds) await queries.replaceAuthors(trx, id, input.authorIds)
  if (input.tagIds) await queries.replaceTags(trx, id, input.tagIds)
  if (input.sources) await queries.replaceSources(trx, id, input.sources)
}

/** `text`: the article's text when the caller has it already, so listeners needn't read and convert it again. */
async function afterWrite(trx: Db, id: number, status: ArticleStatus, text?: ArticleWritten['text']) {
  await announceArticleWritten(trx, { id, status, text })
  await bumpContentVersion(trx)
}

export async function setArticleStatus(db: Db, id: number, status: 'published' | 'unpublished', now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await queries.findArticleById(trx, id)
    if (!current) throw new NotFound('article_not_found')
    const publishedAt = status === 'published' ? (current.published_at ?? now.toISOString()) : current.published_at
    await queries.updateArticleRow(trx, id, { status, published_at: publishedAt, version: sql<number>`version + 1`, updated_at: now.toISOString() })
    await afterWrite(trx, id, status)
  })
}

export const ensureSection = queries.ensureSection
export const ensureTag = queries.ensureTag
export const findArticleIdBySourceUrl = queries.findIdBySourceUrl
export const countArticles = queries.countArticles

export async function listSections(db: Db): Promise<Section[]> {
  return (await queries.listSections(db)).map((s) => ({ ...s, path: sectionPath(s.slug) }))
}

export async function getSectionBySlug(db: Db, slug: string): Promise<Section> {
  const row = await queries.findSectionBySlug(db, slug)
  if (!row) throw new NotFound('section_not_found')
  return { ...row, path: sectionPath(row.slug) }
}

export async function getTagBySlug(db: Db, slug: string): Promise<{ id: number; slug: string; name: string }> {
  const row = await queries.findTagBySlug(db, slug)
  if (!row) throw new NotFound('tag_not_found')
  return row
}

/** Tags of many articles at once (API listings), in each article's order. */
export async function getTagsOf(db: Db, articleIds: number[]): Promise<Map<number, TagRef[]>> {
  const map = new Map<number, TagRef[]>()
  for (const t of await queries.tagsOfMany(db, articleIds)) {
    const list = map.get(t.article_id) ?? []
    list.push({ id: t.id, slug: t.slug, name: t.name, path: tagPath(t.slug) })
    map.set(t.article_id, list)
  }
  return map
}

/** The article a preview link opens, whatever its status; NotFound for an unknown token. */
export async function getArticleByPreviewToken(db: Db, token: string): Promise<Article> {
  const row = await queries.findIdByPreviewToken(db, token)
  if (!row) throw new NotFound('not_found')
  return getArticle(db, row.id)
}

export async function findSectionId(db: Db, slug: string): Promise<number | undefined> {
  return (await queries.findSectionBySlug(db, slug))?.id
}

export async function findTagId(db: Db, slug: string): Promise<number | undefined> {
  return (await queries.findTagBySlug(db, slug))?.id
}

/** Filters as a client names them: slugs of a section, a tag, an author. */
export interface NamedFilter {
  section?: string
  tag?: string
  author?: string
}

/** Slugs → ids; undefined when a named section, tag or author does not exist (an empty result, not a 404). */
export async function resolveNamedFilter(db: Db, named: NamedFilter): Promise<queries.ListFilter | undefined> {
  const filter: queries.ListFilter = {}
  if (named.section !== undefined) {
    filter.sectionId = await findSectionId(db, named.section)
    if (filter.sectionId === undefined) return undefined
  }
  if (named.tag !== undefined) {
    filter.tagId = await findTagId(db, named.tag)
    if (filter.tagId === undefined) return undefined
  }
  if (named.author !== undefined) {
    filter.personId = await findPersonId(db, named.author)
    if (filter.personId === undefined) return undefined
  }
  return filter
}

/** One page of published articles (newest first) with their tags and the total, for the read API. */
export async function listArticlesPage(
  db: Db,
  named: NamedFilter,
  page: { page: number; limit: number },
): Promise<{ articles: ArticleSummary[]; tags: Map<number, TagRef[]>; total: number; filter?: queries.ListFilter }> {
  const filter = await resolveNamedFilter(db, named)
  if (!filter) return { articles: [], tags: new Map(), total: 0 }
  const [articles, total] = await Promise.all([
    listPublishedArticles(db, filter, { limit: page.limit, offset: (page.page - 1) * page.limit }),
    countPublishedArticles(db, filter),
  ])
  return { articles, tags: await getTagsOf(db, articles.map((a) => a.id)), total, filter }
}
