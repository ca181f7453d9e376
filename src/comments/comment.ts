import type { CommentStatus } from './comments.tables.js'

export type { CommentStatus }
export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'spam', 'trash']

/** An approved comment as readers see it: no email, no address. */
export interface PublicComment {
  id: number
  articleId: number
  parentId: number | null
  depth: number
  name: string
  url: string
  body: string
  isStaff: boolean
  createdAt: Date
}

/** A comment as moderators see it. */
export interface ModeratedComment extends PublicComment {
  email: string
  ip: string
  status: CommentStatus
  statusReason: string
  reportCount: number
  articleTitle: string
  articlePath: string
  updatedAt: Date
  reports: { reason: string; createdAt: Date }[]
}

/** A thread node on a comments page: a comment and its (approved) replies, oldest first. */
export interface CommentNode {
  comment: PublicComment
  replies: CommentNode[]
}

/** Arabic wording of a comment count for each plural form (Intl.PluralRules 'ar'). */
export const COMMENT_COUNT_FORMS: Record<Intl.LDMLPluralRule, string> = {
  zero: 'لا تعليقات بعد',
  one: 'تعليق واحد',
  two: 'تعليقان',
  few: '{n} تعليقات',
  many: '{n} تعليقاً',
  other: '{n} تعليق',
}

/** Where a comment is: its anchor on the article page or on a later comments page. */
export function commentAnchor(id: number) {
  return `comment-${id}`
}
