// Comments brought from another system (WordPress): stored as they were moderated there, with no
// rules applied (they were applied when the comment was written), threads kept.
import type { Db } from '../db/index.js'
import type { CommentStatus } from './comment.js'
import { getCommentSettings } from './comment-settings.js'
import { cleanText, matchingForm, sha256 } from './comment-text.js'
import { commenterKey } from './comments.service.js'
import * as queries from './comments.queries.js'

export interface ImportedComment {
  articleId: number
  /** A comment imported before this one, on the same article. */
  parentId: number | null
  name: string
  /** Kept for moderation, never shown (as for every comment). */
  email: string
  url: string
  /** Plain text, paragraphs separated by blank lines. */
  body: string
  status: CommentStatus
  /** Written by the site's staff (a logged-in author there). */
  isStaff: boolean
  createdAt: Date
  ip?: string
}

/** Stores one imported comment; a reply deeper than the site's threads go joins its parent's level, as a new one would. */
export async function importComment(db: Db, comment: ImportedComment): Promise<number> {
  let parentId: number | null = null
  let depth = 1
  if (comment.parentId !== null) {
    const parent = await queries.findParent(db, comment.parentId)
    if (parent && parent.article_id === comment.articleId) {
      const { maxDepth } = await getCommentSettings(db)
      parentId = parent.depth >= maxDepth && parent.parent_id !== null ? parent.parent_id : parent.id
      depth = Math.min(parent.depth + 1, maxDepth)
    }
  }
  const name = cleanText(comment.name, { multiline: false }) || 'زائر'
  const body = cleanText(comment.body, { multiline: true })
  const email = comment.email.trim().toLowerCase()
  const at = comment.createdAt.toISOString()
  return queries.insertComment(db, {
    article_id: comment.articleId,
    parent_id: parentId,
    depth,
    author_name: name,
    author_email: email,
    author_url: comment.url.trim(),
    commenter_key: commenterKey(name, email),
    author_ip: comment.ip ?? '',
    user_agent: '',
    body,
    body_hash: sha256(matchingForm(body)),
    status: comment.status,
    previous_status: null,
    status_reason: 'import',
    is_staff: comment.isStaff ? 1 : 0,
    account_id: null,
    created_at: at,
    updated_at: at,
    moderated_at: comment.status === 'pending' ? null : at,
    moderated_by: null,
  })
}
