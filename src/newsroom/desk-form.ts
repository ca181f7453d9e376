import { Type } from '@sinclair/typebox'
import { MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, type EditorialArticle, type Source } from '../articles/index.js'
import { Invalid, plainInteger } from '../http/index.js'
import { can, type Staff } from '../staff/index.js'
import { MAX_AUTHORS, MAX_SOURCES, MAX_TAGS, type ArticleFieldsInput } from './article-input.js'

// The article editor's form (/newsroom/articles/new, /:id/edit) as a person typed it: every value
// a string or a tick, kept as typed so a refused form comes back unchanged, and turned into the
// desk service's named fields (article-input.ts) only when it is saved.

export interface ArticleForm {
  title: string
  slug: string
  summary: string
  bodyHtml: string
  /** The section's slug. */
  section: string
  /** Tag names, comma- or line-separated. */
  tags: string
  /** Bylines in order, one per line. */
  authors: string
  /** Sources in order, one per line: `name | url`. */
  sources: string
  dateline: string
  /** A media id, or empty. */
  featuredImage: string
  urgent: boolean
  placement: '' | 'lead' | 'top'
  requiresLegalReview: boolean
  seoTitle: string
  seoDescription: string
  commentsOpen: boolean
  /** The schedule's datetime-local value, in the newsroom's time zone. */
  publishAt: string
  /** The version the person edited. */
  version: string
}

export const FORM_ACTIONS = ['save', 'submit', 'withdraw', 'publish', 'schedule', 'unpublish'] as const
export type FormAction = (typeof FORM_ACTIONS)[number]

/** Arabic labels of the form's fields: a refusal names the field with these. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'العنوان',
  slug: 'الرابط المختصر',
  summary: 'الموجز',
  bodyHtml: 'نص المقال',
  section: 'القسم',
  tags: 'الوسوم',
  authors: 'الكتّاب',
  sources: 'المصادر',
  dateline: 'مكان الخبر',
  featuredImage: 'الصورة الرئيسية',
  urgent: 'عاجل',
  placement: 'الموقع في الصفحة الرئيسية',
  requiresLegalReview: 'المراجعة القانونية',
  seoTitle: 'عنوان محركات البحث',
  seoDescription: 'وصف محركات البحث',
  commentsOpen: 'التعليقات',
  publishAt: 'موعد النشر',
  status: 'حالة المقالة',
  version: 'نسخة المقالة',
  note: 'الملاحظة',
  decision: 'القرار',
}

// Generous bounds at the route (a bigger body is refused before parsing); the exact limits are
// checked below or by the editorial service, so the form comes back with the text kept.
const TEXT_LIMITS: Partial<Record<keyof ArticleForm, number>> = {
  title: MAX_TITLE_LENGTH,
  slug: 200,
  summary: MAX_SUMMARY_LENGTH,
  bodyHtml: MAX_BODY_LENGTH,
  dateline: 200,
  seoTitle: 300,
  seoDescription: 500,
  tags: 4000,
  authors: 4000,
  sources: 20000,
}
const loose = (max: number) => Type.Optional(Type.String({ maxLength: max * 4 }))

/** The form's body at the route: every field optional text; unknown fields (a bundle's own) are ignored. */
export const ArticleFormBody = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 20 })),
  version: Type.Optional(Type.String({ maxLength: 20 })),
  title: loose(MAX_TITLE_LENGTH),
  slug: loose(200),
  summary: loose(MAX_SUMMARY_LENGTH),
  bodyHtml: loose(MAX_BODY_LENGTH),
  section: loose(200),
  tags: loose(4000),
  authors: loose(4000),
  sources: loose(20000),
  dateline: loose(200),
  featuredImage: Type.Optional(Type.String({ maxLength: 20 })),
  urgent: Type.Optional(Type.String({ maxLength: 10 })),
  placement: Type.Optional(Type.String({ maxLength: 10 })),
  requiresLegalReview: Type.Optional(Type.String({ maxLength: 10 })),
  seoTitle: loose(300),
  seoDescription: loose(500),
  commentsOpen: Type.Optional(Type.String({ maxLength: 10 })),
  publishAt: Type.Optional(Type.String({ maxLength: 40 })),
})
/** Bodies of a whole article form: up to MAX_BODY_LENGTH Arabic characters, percent-encoded. */
export const ARTICLE_FORM_BODY_LIMIT = 8 * 1024 * 1024

type Body = Partial<Record<keyof typeof ArticleFormBody.properties, string>>

// Browsers send a textarea's line ends as CRLF; stored text has LF.
const lf = (value: string | undefined) => (value ?? '').replace(/\r\n?/g, '\n')

/** The form exactly as posted (line ends made LF), for saving or for showing again. */
export function formOfBody(body: Body): ArticleForm {
  const placement = body.placement === 'lead' || body.placement === 'top' ? body.placement : ''
  return {
    title: lf(body.title),
    slug: lf(body.slug),
    summary: lf(body.summary),
    bodyHtml: lf(body.bodyHtml),
    section: lf(body.section),
    tags: lf(body.tags),
    authors: lf(body.authors),
    sources: lf(body.sources),
    dateline: lf(body.dateline),
    featuredImage: (body.featuredImage ?? '').trim(),
    urgent: body.urgent === '1',
    placement,
    requiresLegalReview: body.requiresLegalReview === '1',
    seoTitle: lf(body.seoTitle),
    seoDescription: lf(body.seoDescription),
    commentsOpen: body.commentsOpen === '1',
    publishAt: (body.publishAt ?? '').trim(),
    version: (body.version ?? '').trim(),
  }
}

export const actionOf = (value: string | undefined): FormAction => (FORM_ACTIONS as readonly string[]).includes(value ?? '') ? (value as FormAction) : 'save'

/** A new article's empty form. */
export function emptyForm(section = ''): ArticleForm {
  return { ...formOfBody({ section }), commentsOpen: true }
}

/** The names an article's tag and byline ids stand for, in the article's order. */
export interface ArticleNames {
  tags: string[]
  authors: string[]
}

/** The stored article as its form shows it. */
export function formOfArticle(article: EditorialArticle, names: ArticleNames, timeZone: string): ArticleForm {
  return {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    section: article.sectionSlug,
    tags: names.tags.join('، '),
    authors: names.authors.join('\n'),
    sources: article.sources.map(sourceLine).join('\n'),
    dateline: article.dateline,
    featuredImage: article.imageId === null ? '' : String(article.imageId),
    urgent: article.urgent,
    placement: article.placement ?? '',
    requiresLegalReview: article.requiresLegalReview,
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    commentsOpen: article.commentsOpen,
    publishAt: article.publishAt ? localInputValue(article.publishAt, timeZone) : '',
    version: String(article.version),
  }
}

const sourceLine = (s: Source) => (s.url ? `${s.name} | ${s.url}` : s.name)

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)
const tagList = (text: string) => text.split(/[,،\n]/).map((t) => t.trim()).filter(Boolean)

function parseSources(text: string): { name: string; url: string | null }[] {
  return lines(text).map((line) => {
    const bar = line.indexOf('|')
    if (bar < 0) return { name: line, url: null }
    return { name: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() || null }
  })
}

function checkLength(form: ArticleForm, field: keyof ArticleForm) {
  const max = TEXT_LIMITS[field]
  if (max !== undefined && String(form[field]).length > max) throw new Invalid('field_too_long', field)
}

/**
 * The form as the desk service's named fields. With `current` (the stored article's form), only
 * the fields that differ from it, so saving an unchanged form writes nothing. A role that does not
 * publish never sends the urgent flag or the placement, and may only ask for legal review.
 */
export function inputOfForm(form: ArticleForm, staff: Staff, current?: ArticleForm): ArticleFieldsInput {
  for (const field of Object.keys(TEXT_LIMITS) as (keyof ArticleForm)[]) checkLength(form, field)
  if (lines(form.authors).length > MAX_AUTHORS) throw new Invalid('field_too_long', 'authors')
  if (tagList(form.tags).length > MAX_TAGS) throw new Invalid('field_too_long', 'tags')
  if (lines(form.sources).length > MAX_SOURCES) throw new Invalid('field_too_long', 'sources')
  let featuredImage: number | null = null
  if (form.featuredImage) {
    const id = plainInteger(form.featuredImage)
    if (id === undefined || id < 1) throw new Invalid('invalid_parameter', 'featuredImage')
    featuredImage = id
  }
  const publishes = can(staff.role, 'articles.publish')
  const changed = (field: keyof ArticleForm) => !current || normalized(form, field) !== normalized(current, field)
  const input: ArticleFieldsInput = {}
  if (changed('title')) input.title = form.title
  if (changed('slug')) input.slug = form.slug
  if (changed('summary')) input.summary = form.summary
  if (changed('bodyHtml')) input.bodyHtml = form.bodyHtml
  if (changed('section') && form.section.trim()) input.section = form.section.trim()
  if (changed('tags')) input.tags = tagList(form.tags)
  if (changed('authors')) input.authors = lines(form.authors)
  if (changed('sources')) input.sources = parseSources(form.sources)
  if (changed('dateline')) input.dateline = form.dateline
  if (changed('featuredImage')) input.featuredImage = featuredImage
  if (publishes && changed('urgent')) input.urgent = form.urgent
  if (publishes && changed('placement')) input.placement = form.placement || null
  if (changed('requiresLegalReview') && (publishes || form.requiresLegalReview)) input.requiresLegalReview = form.requiresLegalReview
  if (changed('seoTitle')) input.seoTitle = form.seoTitle
  if (changed('seoDescription')) input.seoDescription = form.seoDescription
  if (changed('commentsOpen')) input.commentsOpen = form.commentsOpen
  return input
}

/** A field's value as saved would store it, so cosmetic differences (spaces, separators) are no change. */
function normalized(form: ArticleForm, field: keyof ArticleForm): string {
  const value = form[field]
  if (field === 'tags') return tagList(form.tags).join('\n')
  if (field === 'authors') return lines(form.authors).map((l) => l.replace(/\s+/g, ' ')).join('\n')
  if (field === 'sources') return parseSources(form.sources).map((s) => `${s.name}|${s.url ?? ''}`).join('\n')
  if (field === 'bodyHtml') return form.bodyHtml
  return typeof value === 'string' ? value.trim() : String(value)
}

/** The version the person edited; absent means no check (a script), anything else not a version is refused. */
export function versionOf(value: string): number | undefined {
  if (value === '') return undefined
  const n = plainInteger(value)
  if (n === undefined || n < 1) throw new Invalid('invalid_parameter', 'version')
  return n
}

/** Whether an input names any field. */
export const hasFields = (input: ArticleFieldsInput) => Object.values(input).some((v) => v !== undefined)

// ---------------------------------------------------------------------------------------------
// The schedule: a datetime-local value means that wall-clock time in the newsroom's zone.

function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000
}

/** `2026-05-01T14:30` in `timeZone` → the instant; refuses anything else (named publishAt). */
export function parseLocalDateTime(value: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!m) throw new Invalid(value.trim() ? 'invalid_parameter' : 'field_required', 'publishAt')
  const [, y, mo, d, h, mi, s] = m.map(Number)
  const wall = Date.UTC(y, mo - 1, d, h, mi, s || 0)
  const check = new Date(wall)
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) throw new Invalid('invalid_parameter', 'publishAt')
  // The zone's offset at the guess, then again at the result (a change of offset between them).
  let at = wall - zoneOffsetMs(wall, timeZone)
  at = wall - zoneOffsetMs(at, timeZone)
  return new Date(at)
}

/** The instant as a datetime-local value in `timeZone` (minutes). */
export function localInputValue(date: Date, timeZone: string): string {
  return new Date(date.getTime() + zoneOffsetMs(date.getTime(), timeZone)).toISOString().slice(0, 16)
}
