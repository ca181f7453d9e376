import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Conflict, Forbidden, Invalid, MAX_ID, NotFound, TooManyRequests, type ErrorCode } from '../http/index.js'
import { articlePath, isVisibleToReaders } from '../articles/index.js'
import { isValidEmail } from '../staff/index.js'
import type { CommentNode, CommentStatus, PublicComment } from './comment.js'
import { getCommentSettings, type CommentSettings } from './comment-settings.js'
import { charLength, cleanText, countLinks, findListedWord, isMalformed, matchingForm, sha256 } from './comment-text.js'
import * as queries from './comments.queries.js'
import { statusReason } from './moderation-reason.js'

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
    else if (email && !isValidEmail(email)) errors.push({ field: 'email', code: 'invalid_email' })
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
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ID) errors.push({ field: 'parentId', code: 'comment_parent_invalid' })
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

/** "The same commenter": normalized name + lower-cased email, hashed. */
export const commenterKey = (name: string, email: string) => sha256(`${matchingForm(name)}\n${email.toLowerCase()}`)

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
  if (held) return { status: 'pending', reason: statusReason('word_list', held) }
  const links = countLinks(clean.body)
  if (links > settings.maxLinks) return { status: 'pending', reason: statusReason('links', links) }
  if (settings.autoApproveKnown && (await queries.hasApprovedFrom(db, commenterKey(clean.name, clean.email)))) {
    return { status: 'approved', reason: statusReason('known_commenter') }
  }
  if (settings.holdFirstTime) return { status: 'pending', reason: statusReason('first_comment') }
  return { status: 'approved', reason: '' }
}

/** Checks, applies the rules and stores a reader's (or a staff member's) comment. */
export async function submitComment(db: Db, articleId: number, input: CommentInput, ctx: SubmitContext): Promise<SubmitResult> {
  const article = await queries.findArticleForComments(db, articleId)
  if (!article || !isVisibleToReaders(article.status)) throw new NotFound('article_not_found')
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
  const { status, reason } = ctx.staff ? { status: 'approved' as const, reason: statusReason('staff_reply') } : await decideStatus(db, clean, settings)

  const id = await inTransaction(db, async (trx) => {
    if (await queries.findDuplicate(trx, articleId, bodyHash, emailLower, ctx.ip)) throw new Conflict('comment_duplicate', 'body')
    if (!ctx.staff && settings.floodSeconds > 0) {
      const cutoff = new Date(ctx.now.getTime() - settings.floodSeconds * 1000).toISOString()
      // Now and then, forget keys whose window has long passed (a cheap sweep, no scheduler needed).
      if (Math.random() < 0.01) await queries.pruneThrottle(trx, new Date(ctx.now.getTime() - Math.max(3600, settings.floodSeconds) * 1000).toISOString())
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

export function toPublic(row: queries.PublicCommentRow): PublicComment {
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
  return (await queries.listApproved(db, articleId, page)).map(toPublic)
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
