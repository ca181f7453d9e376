import { type Insertable, sql } from 'kysely'
import { type Db, Precompiled } from '../db/index.js'
import type { CommentStatus, CommentTable } from './comments.tables.js'

// Public columns only: no email, address or user agent ever leaves through these.
const PUBLIC_COLUMNS = [
  'comment.id',
  'comment.article_id',
  'comment.parent_id',
  'comment.depth',
  'comment.author_name',
  'comment.author_url',
  'comment.body',
  'comment.is_staff',
  'comment.created_at',
] as const

const approvedOf = (db: Db, articleId: number) =>
  db
    .selectFrom('comment')
    .select(PUBLIC_COLUMNS)
    .where('comment.article_id', '=', articleId)
    .where('comment.status', '=', 'approved')
    .orderBy('comment.created_at')
    .orderBy('comment.id')

// Every uncached article page reads its comments: compiled once.
const allApprovedOf = new Precompiled(approvedOf)

/** Approved comments of an article, oldest first; a page of them when `page` is given (the API). */
export function listApproved(db: Db, articleId: number, page?: { limit: number; offset: number }) {
  if (!page) return allApprovedOf.execute(db, articleId)
  return approvedOf(db, articleId).limit(page.limit).offset(page.offset).execute()
}

export type PublicCommentRow = Awaited<ReturnType<typeof listApproved>>[number]

export async function countApproved(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('comment')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function findPublicById(db: Db, id: number) {
  return db.selectFrom('comment').select([...PUBLIC_COLUMNS, 'comment.status']).where('comment.id', '=', id).executeTakeFirst()
}

/** What a reply needs to know about its parent. */
export function findParent(db: Db, id: number) {
  return db.selectFrom('comment').select(['id', 'article_id', 'parent_id', 'depth', 'status']).where('id', '=', id).executeTakeFirst()
}

/** The article fields the comment rules need, whatever its status. */
export function findArticleForComments(db: Db, id: number) {
  return db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .select(['article.id', 'article.slug', 'article.title', 'article.status', 'article.comments_open', 'article.published_at', 'section.slug as section_slug'])
    .where('article.id', '=', id)
    .executeTakeFirst()
}

export async function hasApprovedFrom(db: Db, commenterKey: string): Promise<boolean> {
  const row = await db.selectFrom('comment').select('id').where('commenter_key', '=', commenterKey).where('status', '=', 'approved').limit(1).executeTakeFirst()
  return row !== undefined
}

export async function findDuplicate(db: Db, articleId: number, bodyHash: string, emailLower: string, ip: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('comment')
    .select('id')
    .where('article_id', '=', articleId)
    .where('body_hash', '=', bodyHash)
    .where((eb) => eb.or([eb(sql<string>`lower(author_email)`, '=', emailLower), ...(ip ? [eb('author_ip', '=', ip)] : [])]))
    .limit(1)
    .executeTakeFirst()
  return row?.id
}

/**
 * Claims the flood slot of `key` when its last accepted comment is older than `cutoff`:
 * one atomic upsert, so two simultaneous requests cannot both pass. Returns false when throttled.
 */
export async function claimThrottle(db: Db, key: string, now: string, cutoff: string): Promise<boolean> {
  const row = await db
    .insertInto('comment_throttle')
    .values({ key, last_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ last_at: now }).where('comment_throttle.last_at', '<=', cutoff))
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

/** Flood rows past their window mean nothing any more. */
export async function pruneThrottle(db: Db, before: string): Promise<void> {
  await db.deleteFrom('comment_throttle').where('last_at', '<', before).execute()
}

export function throttleLastAt(db: Db, key: string) {
  return db.selectFrom('comment_throttle').select('last_at').where('key', '=', key).executeTakeFirst()
}

export async function insertComment(db: Db, values: Insertable<CommentTable>): Promise<number> {
  const row = await db.insertInto('comment').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

// —— Moderation ——

const MODERATION_COLUMNS = [
  'comment.id',
  'comment.article_id',
  'comment.parent_id',
  'comment.depth',
  'comment.author_name',
  'comment.author_email',
  'comment.author_url',
  'comment.author_ip',
  'comment.body',
  'comment.is_staff',
  'comment.status',
  'comment.status_reason',
  'comment.report_count',
  'comment.created_at',
  'comment.updated_at',
  'article.title as article_title',
  'article.slug as article_slug',
  'section.slug as section_slug',
] as const

export interface ModerationFilter {
  status?: CommentStatus
  reported?: boolean
  articleId?: number
}

function moderationBase(db: Db, filter: ModerationFilter) {
  let q = db.selectFrom('comment').innerJoin('article', 'article.id', 'comment.article_id').innerJoin('section', 'section.id', 'article.section_id')
  if (filter.status) q = q.where('comment.status', '=', filter.status)
  if (filter.reported) q = q.where('comment.report_count', '>', 0).where('comment.status', 'in', ['approved', 'pending'])
  if (filter.articleId) q = q.where('comment.article_id', '=', filter.articleId)
  return q
}

export function listForModeration(db: Db, filter: ModerationFilter, limit: number, offset: number) {
  return moderationBase(db, filter)
    .select(MODERATION_COLUMNS)
    .orderBy('comment.created_at', filter.status === 'pending' ? 'asc' : 'desc')
    .orderBy('comment.id', filter.status === 'pending' ? 'asc' : 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

export type ModerationRow = Awaited<ReturnType<typeof listForModeration>>[number]

export async function countForModeration(db: Db, filter: ModerationFilter): Promise<number> {
  const row = await moderationBase(db, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('comment').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

export function findForModeration(db: Db, id: number) {
  return moderationBase(db, {}).select(MODERATION_COLUMNS).select('comment.previous_status').where('comment.id', '=', id).executeTakeFirst()
}

export function reportsOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('comment_report')
    .select(['comment_id', 'reason', 'created_at'])
    .where('comment_id', 'in', ids)
    .where('resolved_at', 'is', null)
    .orderBy('created_at')
    .execute()
}

export async function setStatus(
  db: Db,
  id: number,
  change: { status: CommentStatus; previousStatus: CommentStatus | null; reason: string; now: string; accountId: number | null },
): Promise<void> {
  await db
    .updateTable('comment')
    .set({
      status: change.status,
      previous_status: change.previousStatus,
      status_reason: change.reason,
      updated_at: change.now,
      moderated_at: change.now,
      moderated_by: change.accountId,
    })
    .where('id', '=', id)
    .execute()
}

export async function resolveReports(db: Db, commentId: number, now: string): Promise<void> {
  await db.updateTable('comment_report').set({ resolved_at: now }).where('comment_id', '=', commentId).where('resolved_at', 'is', null).execute()
  await db.updateTable('comment').set({ report_count: 0 }).where('id', '=', commentId).execute()
}

export async function updateContent(
  db: Db,
  id: number,
  values: { author_name: string; author_email: string; author_url: string; body: string; body_hash: string; commenter_key: string; updated_at: string },
): Promise<void> {
  await db.updateTable('comment').set(values).where('id', '=', id).execute()
}

export async function insertReport(db: Db, commentId: number, reason: string, ip: string, now: string): Promise<number> {
  await db.insertInto('comment_report').values({ comment_id: commentId, reason, reporter_ip: ip, created_at: now, resolved_at: null }).execute()
  const row = await db
    .updateTable('comment')
    .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
    .where('id', '=', commentId)
    .returning('report_count')
    .executeTakeFirstOrThrow()
  return row.report_count
}

/** Pending comments among `ids` (the reader's own, from their signed cookie). */
export function listPendingByIds(db: Db, articleId: number, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('comment')
    .select(PUBLIC_COLUMNS)
    .where('comment.id', 'in', ids)
    .where('comment.article_id', '=', articleId)
    .where('comment.status', '=', 'pending')
    .orderBy('comment.id')
    .execute()
}

/** The article's comments switch; false when there is no such article. */
export async function setArticleCommentsOpen(db: Db, articleId: number, open: boolean): Promise<boolean> {
  const result = await db.updateTable('article').set({ comments_open: open ? 1 : 0 }).where('id', '=', articleId).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
