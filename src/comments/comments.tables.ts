import type { Generated } from 'kysely'

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash'

export interface CommentTable {
  id: Generated<number>
  article_id: number
  parent_id: number | null
  /** 1 for a top-level comment, 2–3 for replies. */
  depth: number
  author_name: string
  /** Never leaves the newsroom: no page, feed or public API answer selects it. */
  author_email: string
  author_url: string
  /** sha256 of the normalized name + lower-cased email: "the same commenter" for auto-approval. */
  commenter_key: string
  author_ip: string
  user_agent: string
  body: string
  /** sha256 of the normalized body, for duplicate detection. */
  body_hash: string
  status: CommentStatus
  /** The status before spam/trash, for restore. */
  previous_status: CommentStatus | null
  /** Why the rules held it, or why a moderator changed it. */
  status_reason: string
  is_staff: number
  account_id: number | null
  report_count: Generated<number>
  created_at: string
  updated_at: string
  moderated_at: string | null
  moderated_by: number | null
}

export interface CommentReportTable {
  id: Generated<number>
  comment_id: number
  reason: string
  reporter_ip: string
  created_at: string
  resolved_at: string | null
}

/** One row per flood key (address or email hash): when it last had a comment accepted. */
export interface CommentThrottleTable {
  key: string
  last_at: string
}
