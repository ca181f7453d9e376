import { type Db } from '../db/index.js'
import { ensureTag, findSectionId, slugify, type EditableFields, type EditorialArticle } from '../articles/index.js'
import { Invalid } from '../http/index.js'
import { ensurePerson } from '../people/index.js'
import * as queries from './desk.queries.js'

/** An article's fields as a person or a script names them: a section by slug, tags and people by name. */
export interface ArticleFieldsInput {
  title?: string
  slug?: string
  summary?: string
  bodyHtml?: string
  section?: string
  tags?: string[]
  authors?: string[]
  sources?: { name: string; url?: string | null }[]
  dateline?: string
  urgent?: boolean
  featuredImage?: number | null
  requiresLegalReview?: boolean
  placement?: 'lead' | 'top' | null
  seoTitle?: string
  seoDescription?: string
  commentsOpen?: boolean
}

export const MAX_TAGS = 20
export const MAX_AUTHORS = 10
export const MAX_SOURCES = 20

const names = (list: string[]) => [...new Set(list.map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean))]

function checkSourceUrl(url: string | null | undefined): string | null {
  const value = url?.trim()
  if (!value) return null
  try {
    const parsed = new URL(value)
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href
  } catch {
    // falls through to the refusal
  }
  throw new Invalid('invalid_url', 'sources')
}

/**
 * Turns named fields into the article's stored ones, inside the write's transaction: a tag or a
 * byline typed for the first time is created there, so a refused save leaves neither behind.
 */
export function resolveArticleFields(input: ArticleFieldsInput, now: Date) {
  return async (trx: Db): Promise<Partial<EditableFields>> => {
    const fields: Partial<EditableFields> = {}
    const copy = <K extends keyof EditableFields & keyof ArticleFieldsInput>(key: K) => {
      if (input[key] !== undefined) (fields as Record<string, unknown>)[key] = input[key]
    }
    for (const key of ['title', 'slug', 'summary', 'bodyHtml', 'dateline', 'urgent', 'requiresLegalReview', 'placement', 'seoTitle', 'seoDescription', 'commentsOpen'] as const) copy(key)
    if (input.featuredImage !== undefined) fields.imageId = input.featuredImage
    if (input.section !== undefined) {
      const id = await findSectionId(trx, input.section.trim())
      if (id === undefined) throw new Invalid('section_not_found', 'section')
      fields.sectionId = id
    }
    if (input.tags !== undefined) {
      const tags = names(input.tags)
      if (tags.length > MAX_TAGS) throw new Invalid('field_too_long', 'tags')
      fields.tagIds = []
      for (const name of tags) fields.tagIds.push(await ensureTag(trx, slugify(name), name))
    }
    if (input.authors !== undefined) {
      const authors = names(input.authors)
      if (authors.length > MAX_AUTHORS) throw new Invalid('field_too_long', 'authors')
      fields.authorIds = []
      for (const name of authors) fields.authorIds.push(await ensurePerson(trx, { slug: slugify(name), name }, now))
    }
    if (input.sources !== undefined) {
      if (input.sources.length > MAX_SOURCES) throw new Invalid('field_too_long', 'sources')
      fields.sources = input.sources.map((s) => ({ name: s.name.trim(), url: checkSourceUrl(s.url) })).filter((s) => s.name)
    }
    return fields
  }
}

/** The tags and bylines of an article, in its order (ids whose row is gone are left out). */
export async function articleRelations(db: Db, article: Pick<EditorialArticle, 'tagIds' | 'authorIds'>) {
  const [tags, authors] = await Promise.all([queries.tagsByIds(db, article.tagIds), queries.peopleByIds(db, article.authorIds)])
  const inOrder = <T extends { id: number }>(ids: number[], rows: T[]) => ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is T => r !== undefined)
  return { tags: inOrder(article.tagIds, tags), authors: inOrder(article.authorIds, authors) }
}

/** The article as the API returns it: every field by its public name, with its version. */
export async function articleForApi(db: Db, article: EditorialArticle, baseUrl: URL | string) {
  const { tags, authors } = await articleRelations(db, article)
  return {
    id: article.id,
    url: new URL(article.path, baseUrl).href,
    path: article.path,
    status: article.status,
    version: article.version,
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    section: article.sectionSlug,
    tags: tags.map((t) => t.name),
    authors: authors.map((p) => ({ name: p.name, slug: p.slug })),
    sources: article.sources,
    dateline: article.dateline,
    urgent: article.urgent,
    featuredImage: article.imageId,
    placement: article.placement,
    requiresLegalReview: article.requiresLegalReview,
    legalReview: { required: article.legal.required, status: article.legal.status || null, note: article.legal.note, decidedAt: article.legal.decidedAt?.toISOString() ?? null },
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    commentsOpen: article.commentsOpen,
    publishAt: article.publishAt?.toISOString() ?? null,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  }
}
