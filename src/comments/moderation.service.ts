// Moderators' side of comments: reports from readers, the queue, status changes, edits, staff replies.
import { articlePath } from '../articles/index.js'
import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Invalid, NotFound, TooManyRequests } from '../http/index.js'
import type { CommentStatus, ModeratedComment } from './comment.js'
import { getCommentSettings } from './comment-settings.js'
import { charLength, cleanText, isMalformed, matchingForm, sha256 } from './comment-text.js'
import * as queries from './comments.queries.js'
import { commenterKey, submitComment, toPublic, validateComment, type CommentInput, type SubmitResult } from './comments.service.js'
import { isReportReason, reportReason, statusReason, type StatusReasonCode } from './moderation-reason.js'

// —— Reports ——

/** A reader's report: stored with its reason; enough reports put the comment back in the queue. */
export async function reportComment(
  db: Db,
  commentId: number,
  input: { reason?: unknown; details?: unknown },
  ctx: { ip: string; now: Date },
): Promise<{ articlePath: string; held: boolean }> {
  const row = await queries.findPublicById(db, commentId)
  if (!row || row.status !== 'approved') throw new NotFound('comment_not_found')
  const reason = isReportReason(input.reason) ? input.reason : 'other'
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
    const count = await queries.insertReport(trx, commentId, reportReason(reason, details), ctx.ip.slice(0, 64), nowIso)
    if (count >= settings.reportsToHold) {
      await queries.setStatus(trx, commentId, { status: 'pending', previousStatus: 'approved', reason: statusReason('reports', count), now: nowIso, accountId: null })
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
    ...toPublic(row),
    email: row.author_email,
    ip: row.author_ip,
    status: row.status,
    statusReason: row.status_reason,
    reportCount: row.report_count,
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

/**
 * approve / spam / trash / restore (to the status before spam or trash) / pending. Bumps the content version.
 * `reason` is a moderator's own words; `reasonCode` one of ours (default: the action).
 */
export async function moderateComment(
  db: Db,
  id: number,
  action: ModerationAction,
  ctx: { accountId: number | null; reason?: string; reasonCode?: StatusReasonCode; now: Date },
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
    const words = cleanText(ctx.reason ?? '', { multiline: false }).slice(0, 500)
    const reason = words ? statusReason('note', words) : statusReason(ctx.reasonCode ?? action)
    await queries.setStatus(trx, id, { status, previousStatus: previous, reason, now, accountId: ctx.accountId })
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
  if (parent.status !== 'approved') await moderateComment(db, parentId, 'approve', { accountId: staff.accountId, reasonCode: 'approved_with_staff_reply', now })
  return submitComment(db, parent.article_id, { body, parentId }, { ip: '', userAgent: '', now, staff })
}
