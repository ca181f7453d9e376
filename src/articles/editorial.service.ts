import { randomBytes } from 'node:crypto'
import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Conflict, Invalid, NotFound } from '../http/index.js'
import { articlePath } from './article.js'
import { sanitizeArticleHtml } from './article-html.js'
import { countWords, htmlToText, slugify } from './article-text.js'
import { announceArticleWritten } from './article-writes.js'
import * as articleQueries from './articles.queries.js'
import type { ArticleStatus } from './articles.tables.js'
import { EMPTY_FIELDS, type Actor, type EditableFields, type EditorialArticle, type RevisionSummary, type WorkflowEvent } from './editorial.js'
import * as queries from './editorial.queries.js'
import { diffRevisions, fieldsOfSnapshot, snapshotOf, type FieldChange } from './revisions.js'
import { isVisibleToReaders } from './visibility.js'

/** A save named a version older than the stored one: `current` is what the other person saved. */
export class StaleVersion extends Conflict {
  constructor(readonly current: EditorialArticle) {
    super('conflict', 'version')
  }
}

// Autosaves by one person within this long replace their previous autosave revision instead of
// piling up one revision every few seconds; a deliberate save always makes a new one.
const AUTOSAVE_COALESCE_MS = 10 * 60 * 1000
export const MAX_TITLE_LENGTH = 300
export const MAX_SUMMARY_LENGTH = 1000
export const MAX_BODY_LENGTH = 500_000

function actor(id: number | null, name: string | null): Actor | null {
  return id === null || name === null ? null : { id, name }
}

const dateOrNull = (iso: string | null) => (iso ? new Date(iso) : null)

/** Any article with everything the newsroom edits, whatever its status. */
export async function getEditorialArticle(db: Db, id: number): Promise<EditorialArticle> {
  const row = await queries.findEditorialRow(db, id)
  if (!row) throw new NotFound('article_not_found')
  const [tags, authors, sources] = await queries.relationIdsOf(db, id)
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    path: articlePath(row.section_slug, row.id, row.slug),
    sectionSlug: row.section_slug,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    bodyHtml: row.body_html,
    sectionId: row.section_id,
    tagIds: tags.map((t) => t.tag_id),
    authorIds: authors.map((a) => a.person_id),
    sources: sources.map((s) => ({ name: s.name, url: s.url })),
    dateline: row.dateline,
    imageId: row.image_id,
    urgent: row.is_urgent === 1,
    placement: row.placement,
    requiresLegalReview: row.requires_legal_review === 1,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    commentsOpen: row.comments_open === 1,
    publishAt: dateOrNull(row.publish_at),
    publishedAt: dateOrNull(row.published_at),
    updatedAt: new Date(row.updated_at),
    createdAt: new Date(row.created_at),
    createdBy: actor(row.created_by, row.creator_name),
    updatedBy: actor(row.updated_by, row.updater_name),
    legal: {
      required: row.requires_legal_review === 1 || row.section_requires_legal_review === 1,
      requiredBySection: row.section_requires_legal_review === 1,
      status: row.legal_status,
      note: row.legal_note,
      decidedBy: actor(row.legal_account_id, row.lawyer_name),
      decidedAt: dateOrNull(row.legal_at),
    },
    previewToken: row.preview_token,
  }
}

/** Checks and normalizes what a person typed; the body is sanitized whatever the client sent. */
function cleanFields(fields: EditableFields): EditableFields {
  const title = fields.title.trim()
  if (!title) throw new Invalid('field_required', 'title')
  if (title.length > MAX_TITLE_LENGTH) throw new Invalid('field_too_long', 'title')
  if (fields.summary.length > MAX_SUMMARY_LENGTH) throw new Invalid('field_too_long', 'summary')
  if (fields.bodyHtml.length > MAX_BODY_LENGTH) throw new Invalid('field_too_long', 'bodyHtml')
  return {
    ...fields,
    title,
    slug: slugify(fields.slug.trim() || title),
    summary: fields.summary.trim(),
    bodyHtml: sanitizeArticleHtml(fields.bodyHtml),
    dateline: fields.dateline.trim(),
    seoTitle: fields.seoTitle.trim(),
    seoDescription: fields.seoDescription.trim(),
    sources: fields.sources.map((s) => ({ name: s.name.trim(), url: s.url?.trim() || null })).filter((s) => s.name),
  }
}

async function checkReferences(db: Db, fields: EditableFields): Promise<void> {
  const section = await db.selectFrom('section').where('id', '=', fields.sectionId).select('id').executeTakeFirst()
  if (!section) throw new Invalid('section_not_found', 'section')
  if (fields.imageId !== null && (await queries.existingMediaIds(db, [fields.imageId])).length === 0) throw new Invalid('media_not_found', 'featuredImage')
}

function columnsOf(fields: EditableFields) {
  const bodyText = htmlToText(fields.bodyHtml)
  return {
    row: {
      title: fields.title,
      slug: fields.slug,
      summary: fields.summary,
      body_html: fields.bodyHtml,
      word_count: countWords(bodyText),
      section_id: fields.sectionId,
      dateline: fields.dateline,
      image_id: fields.imageId,
      is_urgent: fields.urgent ? 1 : 0,
      placement: fields.placement,
      requires_legal_review: fields.requiresLegalReview ? 1 : 0,
      seo_title: fields.seoTitle,
      seo_description: fields.seoDescription,
      comments_open: fields.commentsOpen ? 1 : 0,
    },
    text: { title: fields.title, summary: fields.summary, body: bodyText },
  }
}

async function writeRelations(trx: Db, id: number, fields: EditableFields) {
  await articleQueries.replaceAuthors(trx, id, fields.authorIds)
  await articleQueries.replaceTags(trx, id, fields.tagIds)
  await articleQueries.replaceSources(trx, id, fields.sources)
}

/**
 * After any write: search follows; cached reader pages refresh only when readers could see the
 * article before or after (an autosaved draft must not empty every cache on the site).
 */
async function afterWrite(trx: Db, id: number, status: ArticleStatus, wasVisible: boolean, text?: { title: string; summary: string; body: string }) {
  await announceArticleWritten(trx, { id, status, text })
  if (wasVisible || isVisibleToReaders(status)) await bumpContentVersion(trx)
}

export type NewArticleFields = Partial<EditableFields> & Pick<EditableFields, 'title' | 'bodyHtml' | 'sectionId'>

/**
 * Fields, or a function working them out inside the write's transaction (a form naming new tags
 * or people creates them there, so a refused save leaves none behind).
 */
export type FieldsInput<T> = T | ((trx: Db) => Promise<T>)

const resolve = <T>(trx: Db, input: FieldsInput<T>): Promise<T> => (typeof input === 'function' ? (input as (trx: Db) => Promise<T>)(trx) : Promise.resolve(input))

/** A new draft with its first revision. */
export async function createDraft(db: Db, input: FieldsInput<NewArticleFields>, by: Actor, now: Date): Promise<EditorialArticle> {
  const id = await inTransaction(db, async (trx) => {
    const fields = cleanFields({ ...EMPTY_FIELDS, ...(await resolve(trx, input)) })
    await checkReferences(trx, fields)
    const { row, text } = columnsOf(fields)
    const iso = now.toISOString()
    const { id } = await articleQueries.insertArticle(trx, { ...row, status: 'draft', version: 1, created_by: by.id, updated_by: by.id, created_at: iso, updated_at: iso })
    await writeRelations(trx, id, fields)
    await queries.insertRevision(trx, { article_id: id, version: 1, account_id: by.id, kind: 'save', snapshot: snapshotOf(fields), created_at: iso })
    await queries.insertEvent(trx, { article_id: id, account_id: by.id, kind: 'created', created_at: iso })
    await afterWrite(trx, id, 'draft', false, text)
    return id
  })
  return getEditorialArticle(db, id)
}

export interface SaveOptions {
  /** The version the person edited; absent: no check (a script that does not care). */
  version?: number
  by: Actor
  kind?: 'save' | 'autosave' | 'restore'
  /** Called with the stored article and the changes before anything is written; throws to refuse (permissions). */
  check?: (current: EditorialArticle, changes: Partial<EditableFields>) => void
}

/** Saves changed fields as a new version with a revision; a stale `version` throws StaleVersion. */
export async function saveArticle(db: Db, id: number, input: FieldsInput<Partial<EditableFields>>, options: SaveOptions, now: Date): Promise<EditorialArticle> {
  await inTransaction(db, async (trx) => {
    const current = await getEditorialArticle(trx, id)
    if (options.version !== undefined && options.version !== current.version) throw new StaleVersion(current)
    const changes = await resolve(trx, input)
    options.check?.(current, changes)
    const fields = cleanFields({ ...current, ...changes })
    await checkReferences(trx, fields)
    const version = current.version + 1
    const { row, text } = columnsOf(fields)
    const iso = now.toISOString()
    // Approved words that change before publication go back to the lawyer.
    const textChanged = fields.title !== current.title || fields.summary !== current.summary || fields.bodyHtml !== current.bodyHtml
    const legalReset = textChanged && current.legal.status === 'approved' && !isVisibleToReaders(current.status) && current.status !== 'unpublished'
    let legalStatus = current.legal.status
    if (legalReset) legalStatus = current.status === 'review' ? 'pending' : ''
    if (legalStatus === '' && current.status === 'review' && (await legalRequiredAfter(trx, current, fields))) legalStatus = 'pending'
    await articleQueries.updateArticleRow(trx, id, { ...row, version, legal_status: legalStatus, updated_by: options.by.id, updated_at: iso })
    await writeRelations(trx, id, fields)
    await recordRevision(trx, id, version, fields, options.by, options.kind ?? 'save', now)
    await afterWrite(trx, id, current.status, isVisibleToReaders(current.status), text)
  })
  return getEditorialArticle(db, id)
}

async function legalRequiredAfter(trx: Db, current: EditorialArticle, fields: EditableFields): Promise<boolean> {
  if (fields.requiresLegalReview) return true
  if (fields.sectionId === current.sectionId) return current.legal.requiredBySection
  const section = await trx.selectFrom('section').where('id', '=', fields.sectionId).select('requires_legal_review').executeTakeFirst()
  return section?.requires_legal_review === 1
}

async function recordRevision(trx: Db, id: number, version: number, fields: EditableFields, by: Actor, kind: 'save' | 'autosave' | 'restore', now: Date) {
  const snapshot = snapshotOf(fields)
  const iso = now.toISOString()
  if (kind === 'autosave') {
    const last = await queries.latestRevision(trx, id)
    if (last && last.kind === 'autosave' && last.account_id === by.id && now.getTime() - Date.parse(last.created_at) < AUTOSAVE_COALESCE_MS) {
      await queries.replaceRevision(trx, last.id, { version, snapshot, created_at: iso })
      return
    }
  }
  await queries.insertRevision(trx, { article_id: id, version, account_id: by.id, kind, snapshot, created_at: iso })
}

// ---------------------------------------------------------------------------------------------
// Workflow: draft → review → (legal) → scheduled | published → updated; unpublished.

export type Transition = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished'

async function moveStatus(
  trx: Db,
  current: EditorialArticle,
  to: ArticleStatus,
  by: Actor,
  now: Date,
  extra: { publish_at?: string | null; published_at?: string | null; legal_status?: EditorialArticle['legal']['status'] } = {},
  event: { kind: string; note?: string } = { kind: to },
) {
  const iso = now.toISOString()
  await articleQueries.updateArticleRow(trx, current.id, { status: to, version: current.version + 1, updated_by: by.id, updated_at: iso, ...extra })
  await queries.insertEvent(trx, { article_id: current.id, account_id: by.id, kind: event.kind, note: event.note ?? '', created_at: iso })
  await afterWrite(trx, current.id, to, isVisibleToReaders(current.status))
}

function checkVersion(current: EditorialArticle, version: number | undefined) {
  if (version !== undefined && version !== current.version) throw new StaleVersion(current)
}

/** Publishing or scheduling needs the lawyer's approval where required, and alt text on every image. */
async function checkReadyToGoOut(trx: Db, article: EditorialArticle) {
  if (article.legal.required && article.legal.status !== 'approved') throw new Conflict('legal_review_pending', 'status')
  const bodyIds = [...article.bodyHtml.matchAll(/data-media-id="(\d+)"/g)].map((m) => Number(m[1]))
  const ids = [...new Set([...(article.imageId !== null ? [article.imageId] : []), ...bodyIds])]
  const missing = (await queries.imagesWithoutAlt(trx, ids)).map((r) => r.id)
  if (missing.length > 0) throw new Invalid('image_alt_missing', missing.includes(article.imageId ?? -1) ? 'featuredImage' : 'bodyHtml')
}

/** Moves an article to `to` (submit, back to draft, schedule, publish, unpublish), checking what each step needs. */
export async function changeStatus(
  db: Db,
  id: number,
  to: Transition,
  options: { by: Actor; version?: number; publishAt?: Date | null },
  now: Date,
): Promise<EditorialArticle> {
  await inTransaction(db, async (trx) => {
    const current = await getEditorialArticle(trx, id)
    checkVersion(current, options.version)
    const { by } = options
    switch (to) {
      case 'draft':
        if (current.status === 'draft') return
        if (current.status !== 'review') throw new Conflict('invalid_transition', 'status')
        return moveStatus(trx, current, 'draft', by, now, { legal_status: current.legal.status === 'approved' ? 'approved' : '' }, { kind: 'withdrawn' })
      case 'review': {
        if (current.status === 'review') return
        if (current.status !== 'draft') throw new Conflict('invalid_transition', 'status')
        const legal = current.legal.required && current.legal.status !== 'approved' ? 'pending' : current.legal.status
        return moveStatus(trx, current, 'review', by, now, { legal_status: legal }, { kind: 'submitted' })
      }
      case 'scheduled': {
        const at = options.publishAt
        if (!at) throw new Invalid('field_required', 'publishAt')
        if (at.getTime() <= now.getTime()) throw new Invalid('publish_at_past', 'publishAt')
        if (isVisibleToReaders(current.status)) throw new Conflict('invalid_transition', 'status')
        await checkReadyToGoOut(trx, current)
        return moveStatus(trx, current, 'scheduled', by, now, { publish_at: at.toISOString() }, { kind: 'scheduled', note: at.toISOString() })
      }
      case 'published':
        if (current.status === 'published') return
        await checkReadyToGoOut(trx, current)
        return moveStatus(trx, current, 'published', by, now, { publish_at: null, published_at: current.publishedAt?.toISOString() ?? now.toISOString() })
      case 'unpublished':
        if (current.status === 'unpublished') return
        // A scheduled story taken off the schedule goes back to review rather than out of sight forever.
        if (current.status === 'scheduled') return moveStatus(trx, current, 'review', by, now, { publish_at: null }, { kind: 'unscheduled' })
        if (current.status !== 'published') throw new Conflict('invalid_transition', 'status')
        return moveStatus(trx, current, 'unpublished', by, now)
    }
  })
  return getEditorialArticle(db, id)
}

/** The legal reviewer's decision on an article awaiting it: approve, or return to its author with a note. */
export async function decideLegalReview(
  db: Db,
  id: number,
  decision: { approve: boolean; note: string },
  by: Actor,
  now: Date,
): Promise<EditorialArticle> {
  const note = decision.note.trim()
  if (!decision.approve && !note) throw new Invalid('field_required', 'note')
  if (note.length > 4000) throw new Invalid('field_too_long', 'note')
  await inTransaction(db, async (trx) => {
    const current = await getEditorialArticle(trx, id)
    if (current.status !== 'review' || current.legal.status !== 'pending') throw new Conflict('legal_not_pending', 'decision')
    const iso = now.toISOString()
    const legal = { legal_note: note, legal_account_id: by.id, legal_at: iso }
    if (decision.approve) {
      await articleQueries.updateArticleRow(trx, id, { ...legal, legal_status: 'approved', version: current.version + 1, updated_at: iso })
      await queries.insertEvent(trx, { article_id: id, account_id: by.id, kind: 'legal_approved', note, created_at: iso })
    } else {
      await articleQueries.updateArticleRow(trx, id, { ...legal, legal_status: 'returned', status: 'draft', version: current.version + 1, updated_at: iso })
      await queries.insertEvent(trx, { article_id: id, account_id: by.id, kind: 'legal_returned', note, created_at: iso })
    }
    await afterWrite(trx, id, decision.approve ? current.status : 'draft', false)
  })
  return getEditorialArticle(db, id)
}

/**
 * Publishes every scheduled article whose time has come; returns their ids. The claim and the
 * publication are one UPDATE, so two schedulers on one database publish each article once.
 */
export async function publishScheduledArticles(db: Db, now: Date): Promise<number[]> {
  // A read first: the scheduler runs every few seconds and must not take the write lock for nothing.
  if (!(await queries.anyDueScheduled(db, now.toISOString()))) return []
  return inTransaction(db, async (trx) => {
    const published = await queries.claimDueScheduled(trx, now.toISOString())
    for (const a of published) {
      await queries.insertEvent(trx, { article_id: a.id, account_id: null, kind: 'published', note: 'scheduled', created_at: now.toISOString() })
      await announceArticleWritten(trx, { id: a.id, status: 'published', text: { title: a.title, summary: a.summary, body: htmlToText(a.body_html) } })
    }
    if (published.length > 0) await bumpContentVersion(trx)
    return published.map((a) => a.id)
  })
}

// ---------------------------------------------------------------------------------------------
// Revisions

export async function listRevisions(db: Db, id: number): Promise<RevisionSummary[]> {
  await getEditorialArticle(db, id)
  return (await queries.listRevisions(db, id)).map((r) => ({
    id: r.id,
    version: r.version,
    kind: r.kind,
    createdAt: new Date(r.created_at),
    user: actor(r.account_id, r.account_name),
  }))
}

async function revisionFields(db: Db, id: number, revisionId: number) {
  const row = await queries.findRevision(db, id, revisionId)
  if (!row) throw new NotFound('revision_not_found')
  return { revision: { id: row.id, version: row.version, kind: row.kind, createdAt: new Date(row.created_at), user: actor(row.account_id, row.account_name) }, fields: fieldsOfSnapshot(row.snapshot) }
}

/** What changed between two revisions of one article (older first). */
export async function compareRevisions(db: Db, id: number, fromId: number, toId: number): Promise<{ from: RevisionSummary; to: RevisionSummary; changes: FieldChange[] }> {
  const [from, to] = await Promise.all([revisionFields(db, id, fromId), revisionFields(db, id, toId)])
  return { from: from.revision, to: to.revision, changes: diffRevisions(from.fields, to.fields) }
}

/** Brings back a revision's fields as a new version (the current text stays in the revisions). */
export async function restoreRevision(db: Db, id: number, revisionId: number, options: SaveOptions, now: Date): Promise<EditorialArticle> {
  const { fields } = await revisionFields(db, id, revisionId)
  const sectionExists = await db.selectFrom('section').where('id', '=', fields.sectionId).select('id').executeTakeFirst()
  const imageExists = fields.imageId === null || (await queries.existingMediaIds(db, [fields.imageId])).length > 0
  // Sections, tags, people or images deleted since are left as they are now rather than failing the restore.
  const current = await getEditorialArticle(db, id)
  const restorable = { ...fields, sectionId: sectionExists ? fields.sectionId : current.sectionId, imageId: imageExists ? fields.imageId : current.imageId }
  const saved = await saveArticle(db, id, await keepExisting(db, restorable), { ...options, kind: 'restore' }, now)
  await queries.insertEvent(db, { article_id: id, account_id: options.by.id, kind: 'restored', note: String(revisionId), created_at: now.toISOString() })
  return saved
}

async function keepExisting(db: Db, fields: EditableFields): Promise<EditableFields> {
  const [tags, people] = await Promise.all([
    fields.tagIds.length ? db.selectFrom('tag').where('id', 'in', fields.tagIds).select('id').execute() : [],
    fields.authorIds.length ? db.selectFrom('person').where('id', 'in', fields.authorIds).select('id').execute() : [],
  ])
  const tagIds = new Set(tags.map((t) => t.id))
  const personIds = new Set(people.map((p) => p.id))
  return { ...fields, tagIds: fields.tagIds.filter((t) => tagIds.has(t)), authorIds: fields.authorIds.filter((p) => personIds.has(p)) }
}

export async function listWorkflowEvents(db: Db, id: number): Promise<WorkflowEvent[]> {
  return (await queries.listEvents(db, id)).map((e) => ({ id: e.id, kind: e.kind, note: e.note, createdAt: new Date(e.created_at), user: actor(e.account_id, e.account_name) }))
}

// ---------------------------------------------------------------------------------------------
// Preview links and the desk's lists

/** The article's unguessable preview token, made on first request. */
export async function previewTokenOf(db: Db, id: number): Promise<string> {
  const current = await getEditorialArticle(db, id)
  if (current.previewToken) return current.previewToken
  const token = randomBytes(24).toString('base64url')
  await articleQueries.updateArticleRow(db, id, { preview_token: token })
  return token
}

export interface DeskArticle {
  id: number
  title: string
  path: string
  status: ArticleStatus
  version: number
  urgent: boolean
  placement: EditorialArticle['placement']
  legal: { required: boolean; status: EditorialArticle['legal']['status'] }
  section: { slug: string; name: string }
  publishAt: Date | null
  publishedAt: Date | null
  updatedAt: Date
  createdBy: number | null
  updatedByName: string | null
}

export async function listDeskArticles(db: Db, filter: queries.DeskFilter, page: { page: number; limit: number }): Promise<{ articles: DeskArticle[]; total: number }> {
  const [rows, total] = await Promise.all([queries.listDesk(db, filter, page.limit, (page.page - 1) * page.limit), queries.countDesk(db, filter)])
  return {
    total,
    articles: rows.map((r) => ({
      id: r.id,
      title: r.title,
      path: articlePath(r.section_slug, r.id, r.slug),
      status: r.status,
      version: r.version,
      urgent: r.is_urgent === 1,
      placement: r.placement,
      legal: { required: r.requires_legal_review === 1 || r.section_requires_legal_review === 1, status: r.legal_status },
      section: { slug: r.section_slug, name: r.section_name },
      publishAt: dateOrNull(r.publish_at),
      publishedAt: dateOrNull(r.published_at),
      updatedAt: new Date(r.updated_at),
      createdBy: r.created_by,
      updatedByName: r.updater_name,
    })),
  }
}

/** How many articles each status holds (a writer: their own). */
export async function countDeskArticles(db: Db, createdBy?: number): Promise<Partial<Record<ArticleStatus, number>>> {
  const counts: Partial<Record<ArticleStatus, number>> = {}
  for (const row of await queries.countByStatus(db, createdBy)) counts[row.status] = Number(row.n)
  return counts
}

export type { DeskFilter } from './editorial.queries.js'
