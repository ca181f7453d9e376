import { bumpContentVersion } from '../db/content-version.js'
import { inTransaction, type Db } from '../db/index.js'
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests, type ErrorCode } from '../errors.js'
import { articlePath } from '../articles/index.js'
import type { CommentNode, CommentStatus, ModeratedComment, PublicComment } from './comment.js'
import { getCommentSettings, type CommentSettings } from './comment-settings.js'
import { charLength, cleanText, countLinks, findListedWord, isMalformed, matchingForm, sha256 } from './comment-text.js'
import * as queries from './comments.queries.js'

export type CommentField = 'name' | 'email' | 'url' | 'body' | 'parentId'

export interface FieldError {
  field: CommentField
  code: ErrorCode
  /** The limit exceeded, for field_too_long. */
  limit?: number
}

/** Every field at fault at once, so the form can mark them all; the first one names the API error. */
export class CommentInputError extends Invalid {
  constructor(readonly errors: FieldError[]) {
    super(errors[0].code, errors[0].field)
  }
}

/** What a reader sends (form or JSON), before any checking. */
export interface CommentInput {
  name?: unknown
  email?: unknown
  url?: unknown
  body?: unknown
  parentId?: unknown
}

export interface CleanComment {
  name: string
  email: string
  url: string
  body: string
  parentId: number | null
}

export interface SubmitContext {
  ip: string
  userAgent: string
  now: Date
  /** A newsroom reply: approved at once, marked as staff, no flood limits. */
  staff?: { accountId: number; name: string; email: string }
}

export interface SubmitResult {
  id: number
  status: CommentStatus
  articleId: number
  articlePath: string
}

const EMAIL = /^[^\s@<>()\[\],;:"]+@[^\s@<>()\[\],;:"]+\.[^\s@<>()\[\],;:"]{2,}$/u

function text(value: unknown, field: CommentField, errors: FieldError[]): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    errors.push({ field, code: 'invalid_parameter' })
    return ''
  }
  if (isMalformed(value)) {
    errors.push({ field, code: 'invalid_text' })
    return ''
  }
  return value
}

/** Checks and cleans every field; throws CommentInputError naming each field at fault. */
export function validateComment(input: CommentInput, settings: CommentSettings, opts: { requireIdentity?: boolean } = {}): CleanComment {
  const errors: FieldError[] = []
  const requireIdentity = opts.requireIdentity ?? true
  const name = cleanText(text(input.name, 'name', errors), { multiline: false })
  const email = cleanText(text(input.email, 'email', errors), { multiline: false })
  let url = cleanText(text(input.url, 'url', errors), { multiline: false })
  const body = cleanText(text(input.body, 'body', errors), { multiline: true })
  const has = (field: CommentField) => errors.some((e) => e.field === field)

  if (!has('name')) {
    if (requireIdentity && !name) errors.push({ field: 'name', code: 'field_required' })
    else if (charLength(name) > settings.nameMax) errors.push({ field: 'name', code: 'field_too_long', limit: settings.nameMax })
  }
  if (!has('email')) {
    if (requireIdentity && !email) errors.push({ field: 'email', code: 'field_required' })
    else if (charLength(email) > settings.emailMax) errors.push({ field: 'email', code: 'field_too_long', limit: settings.emailMax })
    else if (email && !EMAIL.test(email)) errors.push({ field: 'email', code: 'invalid_email' })
  }
  if (!has('url') && url) {
    if (charLength(url) > settings.urlMax) errors.push({ field: 'url', code: 'field_too_long', limit: settings.urlMax })
    else {
      const normalized = normalizeWebsite(url)
      if (normalized === undefined) errors.push({ field: 'url', code: 'invalid_url' })
      else url = normalized
    }
  }
  if (!has('body')) {
    if (!body) errors.push({ field: 'body', code: 'field_required' })
    else if (charLength(body) > settings.bodyMax) errors.push({ field: 'body', code: 'field_too_long', limit: settings.bodyMax })
  }
  let parentId: number | null = null
  const rawParent = input.parentId
  if (rawParent !== undefined && rawParent !== null && rawParent !== '') {
    const n = typeof rawParent === 'number' ? rawParent : typeof rawParent === 'string' && /^\d{1,10}$/.test(rawParent) ? Number(rawParent) : NaN
    if (!Number.isSafeInteger(n) || n < 1 || n > 2147483647) errors.push({ field: 'parentId', code: 'comment_parent_invalid' })
    else parentId = n
  }
  if (errors.length > 0) throw new CommentInputError(errors)
  return { name, email: lowerDomain(email), url, body, parentId }
}

/** A website as given, with https:// added when no scheme; undefined unless it is a plain http(s) address. */
function normalizeWebsite(raw: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`
  try {
    const url = new URL(withScheme)
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.') || url.username || url.password) return undefined
    return url.href
  } catch {
    return undefined
  }
}

function lowerDomain(email: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase()
}

const commenterKey = (name: string, email: string) => sha256(`${matchingForm(name)}\n${email.toLowerCase()}`)

/** Comments close when the article says so, or N days after publication (settings). */
export function commentsClosed(article: { commentsOpen: boolean; publishedAt: Date | null }, settings: CommentSettings, now: Date): boolean {
  if (!article.commentsOpen) return true
  if (settings.closeAfterDays > 0 && article.publishedAt) {
    return now.getTime() - article.publishedAt.getTime() > settings.closeAfterDays * 86400_000
  }
  return false
}

/** The moderation rules, in order: word lists, links, known commenter, first-timer. */
async function decideStatus(db: Db, clean: CleanComment, settings: CommentSettings): Promise<{ status: CommentStatus; reason: string }> {
  const held = findListedWord(clean.body, settings.holdWords) ?? findListedWord(clean.name, settings.holdWords)
  if (held) return { status: 'pending', reason: `word list: ${held}` }
  const links = countLinks(clean.body)
  if (links > settings.maxLinks) return { status: 'pending', reason: `${links} links` }
  if (settings.autoApproveKnown && (await queries.hasApprovedFrom(db, commenterKey(clean.name, clean.email)))) {
    return { status: 'approved', reason: 'known commenter' }
  }
  if (settings.holdFirstTime) return { status: 'pending', reason: 'first comment' }
  return { status: 'approved', reason: '' }
}

/** Checks, applies the rules and stores a reader's (or a staff member's) comment. */
export async function submitComment(db: Db, articleId: number, input: CommentInput, ctx: SubmitContext): Promise<SubmitResult> {
  const article = await queries.findArticleForComments(db, articleId)
  if (!article || article.status !== 'published') throw new NotFound('article_not_found')
  const settings = await getCommentSettings(db)
  const publishedAt = article.published_at ? new Date(article.published_at) : null
  if (!ctx.staff && commentsClosed({ commentsOpen: article.comments_open === 1, publishedAt }, settings, ctx.now)) throw new Forbidden('comments_closed')
  const clean = validateComment(ctx.staff ? { ...input, name: ctx.staff.name, email: ctx.staff.email } : input, settings)

  let parentId: number | null = null
  let depth = 1
  if (clean.parentId !== null) {
    const parent = await queries.findParent(db, clean.parentId)
    if (!parent || parent.article_id !== articleId || parent.status !== 'approved') {
      throw new CommentInputError([{ field: 'parentId', code: 'comment_parent_invalid' }])
    }
    // A reply to the deepest level joins its parent's level instead of nesting further.
    parentId = parent.depth >= settings.maxDepth && parent.parent_id !== null ? parent.parent_id : parent.id
    depth = Math.min(parent.depth + 1, settings.maxDepth)
  }

  if (!ctx.staff) {
    const rejected = findListedWord(clean.body, settings.rejectWords) ?? findListedWord(clean.name, settings.rejectWords)
    if (rejected) throw new Invalid('comment_rejected', 'body')
  }

  const nowIso = ctx.now.toISOString()
  const bodyHash = sha256(matchingForm(clean.body))
  const emailLower = clean.email.toLowerCase()
  const { status, reason } = ctx.staff ? { status: 'approved' as const, reason: 'staff reply' } : await decideStatus(db, clean, settings)

  const id = await inTransaction(db, async (trx) => {
    if (await queries.findDuplicate(trx, articleId, bodyHash, emailLower, ctx.ip)) throw new Conflict('comment_duplicate', 'body')
    if (!ctx.staff && settings.floodSeconds > 0) {
      const cutoff = new Date(ctx.now.getTime() - settings.floodSeconds * 1000).toISOString()
      for (const key of [`ip:${ctx.ip}`, `email:${sha256(emailLower)}`]) {
        if (!(await queries.claimThrottle(trx, key, nowIso, cutoff))) {
          const last = await queries.throttleLastAt(trx, key)
          const wait = last ? Math.ceil((new Date(last.last_at).getTime() + settings.floodSeconds * 1000 - ctx.now.getTime()) / 1000) : settings.floodSeconds
          throw new TooManyRequests(Math.max(1, wait))
        }
      }
    }
    const newId = await queries.insertComment(trx, {
      article_id: articleId,
      parent_id: parentId,
      depth,
      author_name: clean.name,
      author_email: clean.email,
      author_url: clean.url,
      commenter_key: commenterKey(clean.name, clean.email),
      author_ip: ctx.ip.slice(0, 64),
      user_agent: ctx.userAgent.slice(0, 400),
      body: clean.body,
      body_hash: bodyHash,
      status,
      previous_status: null,
      status_reason: reason,
      is_staff: ctx.staff ? 1 : 0,
      account_id: ctx.staff?.accountId ?? null,
      created_at: nowIso,
      updated_at: nowIso,
      moderated_at: null,
      moderated_by: null,
    })
    if (status === 'approved') await bumpContentVersion(trx)
    return newId
  })
  return { id, status, articleId, articlePath: articlePath(article.section_slug, article.id, article.slug) }
}

// —— Reading ——

function toPublic(row: queries.PublicCommentRow): PublicComment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    depth: row.depth,
    name: row.author_name,
    url: row.author_url,
    body: row.body,
    isStaff: row.is_staff === 1,
    createdAt: new Date(row.created_at),
  }
}

/** The number shown next to an article: approved comments only. */
export async function countApprovedComments(db: Db, articleId: number): Promise<number> {
  return queries.countApproved(db, articleId)
}

export interface CommentThreads {
  total: number
  /** Top-level threads, oldest first; replies nested (depth ≤ maxDepth), oldest first. */
  threads: CommentNode[]
}

/** Every approved comment of an article as threads. A reply whose parent is not shown joins the top level. */
export async function getCommentThreads(db: Db, articleId: number): Promise<CommentThreads> {
  const rows = await queries.listApproved(db, articleId)
  const nodes = new Map<number, CommentNode>()
  const threads: CommentNode[] = []
  for (const row of rows) {
    const node: CommentNode = { comment: toPublic(row), replies: [] }
    nodes.set(row.id, node)
    const parent = row.parent_id !== null ? nodes.get(row.parent_id) : undefined
    if (parent) parent.replies.push(node)
    else threads.push(node)
  }
  return { total: rows.length, threads }
}

/** The page (1-based) of the thread holding comment `id`, or undefined when it is not shown. */
export function pageOfComment(threads: CommentNode[], id: number, perPage: number): number | undefined {
  const holds = (node: CommentNode): boolean => node.comment.id === id || node.replies.some(holds)
  const index = threads.findIndex(holds)
  return index < 0 ? undefined : Math.floor(index / perPage) + 1
}

/** Approved comments, flat and oldest first, for the public API. */
export async function listApprovedComments(db: Db, articleId: number, page: { limit: number; offset: number }): Promise<PublicComment[]> {
  return (await queries.listApprovedPage(db, articleId, page.limit, page.offset)).map(toPublic)
}

/** An approved comment, as readers see it. */
export async function findPublic(db: Db, id: number): Promise<PublicComment | undefined> {
  const row = await queries.findPublicById(db, id)
  return row && row.status === 'approved' ? toPublic(row) : undefined
}

/** The reader's own held comments (ids from their signed cookie). */
export async function listOwnPending(db: Db, articleId: number, ids: number[]): Promise<PublicComment[]> {
  return (await queries.listPendingByIds(db, articleId, ids)).map(toPublic)
}

/** Where a published comment is shown: the article page, or a later comments page, at its anchor. */
export async function locateComment(db: Db, id: number): Promise<string | undefined> {
  const row = await queries.findPublicById(db, id)
  if (!row || row.status !== 'approved') return undefined
  const article = await queries.findArticleForComments(db, row.article_id)
  if (!article) return undefined
  const settings = await getCommentSettings(db)
  const { threads } = await getCommentThreads(db, row.article_id)
  const page = pageOfComment(threads, id, settings.perPage) ?? 1
  const base = page === 1 ? articlePath(article.section_slug, article.id, article.slug) : commentsPagePath(article.id, page)
  return `${base}#comment-${id}`
}

export const commentsPagePath = (articleId: number, page: number) => `/comments/${articleId}?page=${page}`

// —— Reports ——

export const REPORT_REASONS = {
  spam: 'إعلان أو رسالة مزعجة',
  abuse: 'إساءة أو خطاب كراهية',
  personal: 'معلومات شخصية عن أحد',
  other: 'سبب آخر',
} as const
export type ReportReason = keyof typeof REPORT_REASONS

/** A reader's report: stored with its reason; enough reports put the comment back in the queue. */
export async function reportComment(
  db: Db,
  commentId: number,
  input: { reason?: unknown; details?: unknown },
  ctx: { ip: string; now: Date },
): Promise<{ articlePath: string; held: boolean }> {
  const row = await queries.findPublicById(db, commentId)
  if (!row || row.status !== 'approved') throw new NotFound('comment_not_found')
  const reason = typeof input.reason === 'string' && input.reason in REPORT_REASONS ? (input.reason as ReportReason) : 'other'
  const rawDetails = typeof input.details === 'string' ? input.details : ''
  if (isMalformed(rawDetails)) throw new Invalid('invalid_text', 'reason')
  const details = cleanText(rawDetails, { multiline: true })
  if (charLength(details) > 1000) throw new Invalid('field_too_long', 'reason')
  const settings = await getCommentSettings(db)
  const nowIso = ctx.now.toISOString()
  const held = await inTransaction(db, async (trx) => {
    if (settings.floodSeconds > 0) {
      const cutoff = new Date(ctx.now.getTime() - settings.floodSeconds * 1000).toISOString()
      if (!(await queries.claimThrottle(trx, `report:${ctx.ip}:${commentId}`, nowIso, cutoff))) throw new TooManyRequests(settings.floodSeconds)
    }
    const count = await queries.insertReport(trx, commentId, details ? `${reason}: ${details}` : reason, ctx.ip.slice(0, 64), nowIso)
    if (count >= settings.reportsToHold) {
      await queries.setStatus(trx, commentId, { status: 'pending', previousStatus: 'approved', reason: `${count} reports`, now: nowIso, accountId: null })
      await bumpContentVersion(trx)
      return true
    }
    return false
  })
  const article = await queries.findArticleForComments(db, row.article_id)
  if (!article) throw new NotFound('comment_not_found')
  return { articlePath: articlePath(article.section_slug, article.id, article.slug), held }
}

// —— Moderation ——

export type ModerationAction = 'approve' | 'spam' | 'trash' | 'restore' | 'pending'
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'trash', 'restore', 'pending']

function toModerated(row: queries.ModerationRow, reports: { reason: string; created_at: string }[]): ModeratedComment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    depth: row.depth,
    name: row.author_name,
    email: row.author_email,
    url: row.author_url,
    ip: row.author_ip,
    body: row.body,
    isStaff: row.is_staff === 1,
    status: row.status,
    statusReason: row.status_reason,
    reportCount: row.report_count,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    articleTitle: row.article_title,
    articlePath: articlePath(row.section_slug, row.article_id, row.article_slug),
    reports: reports.map((r) => ({ reason: r.reason, createdAt: new Date(r.created_at) })),
  }
}

/** The moderation queue: by status, or reported comments; newest first except the pending queue. */
export async function listForModeration(
  db: Db,
  filter: queries.ModerationFilter,
  page: { limit: number; offset: number },
): Promise<{ comments: ModeratedComment[]; total: number }> {
  const [rows, total] = await Promise.all([queries.listForModeration(db, filter, page.limit, page.offset), queries.countForModeration(db, filter)])
  const reports = await queries.reportsOf(db, rows.map((r) => r.id))
  return { comments: rows.map((r) => toModerated(r, reports.filter((x) => x.comment_id === r.id))), total }
}

export const countCommentsByStatus = (db: Db) => queries.countByStatus(db)

export async function getCommentForModeration(db: Db, id: number): Promise<ModeratedComment> {
  const row = await queries.findForModeration(db, id)
  if (!row) throw new NotFound('comment_not_found')
  return toModerated(row, await queries.reportsOf(db, [id]))
}

/** approve / spam / trash / restore (to the status before spam or trash) / pending. Bumps the content version. */
export async function moderateComment(
  db: Db,
  id: number,
  action: ModerationAction,
  ctx: { accountId: number | null; reason?: string; now: Date },
): Promise<{ id: number; status: CommentStatus }> {
  return inTransaction(db, async (trx) => {
    const row = await queries.findForModeration(trx, id)
    if (!row) throw new NotFound('comment_not_found')
    const now = ctx.now.toISOString()
    let status: CommentStatus
    let previous: CommentStatus | null = row.previous_status
    if (action === 'approve') status = 'approved'
    else if (action === 'pending') status = 'pending'
    else if (action === 'spam' || action === 'trash') {
      status = action
      if (row.status !== 'spam' && row.status !== 'trash') previous = row.status
    } else {
      status = row.status === 'spam' || row.status === 'trash' ? (previous ?? 'pending') : row.status
      previous = null
    }
    const reason = cleanText(ctx.reason ?? '', { multiline: false }).slice(0, 500)
    await queries.setStatus(trx, id, { status, previousStatus: previous, reason: reason || action, now, accountId: ctx.accountId })
    if (action === 'approve') await queries.resolveReports(trx, id, now)
    await bumpContentVersion(trx)
    return { id, status }
  })
}

/** Opens or closes comments on one article (the article's own switch). */
export async function setCommentsOpen(db: Db, articleId: number, open: boolean): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await queries.setArticleCommentsOpen(trx, articleId, open))) throw new NotFound('article_not_found')
    await bumpContentVersion(trx)
  })
}

/** A moderator's edit of name, email, website or text: the same checks as a reader's comment. */
export async function editComment(db: Db, id: number, input: CommentInput, ctx: { now: Date }): Promise<void> {
  const settings = await getCommentSettings(db)
  const clean = validateComment({ ...input, parentId: undefined }, settings)
  await inTransaction(db, async (trx) => {
    const row = await queries.findForModeration(trx, id)
    if (!row) throw new NotFound('comment_not_found')
    await queries.updateContent(trx, id, {
      author_name: clean.name,
      author_email: clean.email,
      author_url: clean.url,
      body: clean.body,
      body_hash: sha256(matchingForm(clean.body)),
      commenter_key: commenterKey(clean.name, clean.email),
      updated_at: ctx.now.toISOString(),
    })
    await bumpContentVersion(trx)
  })
}

/** A staff reply to comment `parentId`, published at once and marked as the newsroom's. */
export async function replyAsStaff(
  db: Db,
  parentId: number,
  body: unknown,
  staff: { accountId: number; name: string; email: string },
  now: Date,
): Promise<SubmitResult> {
  const parent = await queries.findParent(db, parentId)
  if (!parent) throw new NotFound('comment_not_found')
  if (parent.status !== 'approved') await moderateComment(db, parentId, 'approve', { accountId: staff.accountId, reason: 'approved with a staff reply', now })
  return submitComment(db, parent.article_id, { body, parentId }, { ip: '', userAgent: '', now, staff })
}
