import type { EditableFields, EditorialArticle, Transition } from '../articles/index.js'
import { Forbidden } from '../http/index.js'
import { can, type Staff } from '../staff/index.js'

// Who may do what to an article, on top of the role's permissions (src/staff/roles.ts). The
// capability matrix in docs/newsroom.md is this file in a table; newsroom tests cover each cell.

/** Fields only a role that publishes may change: they decide what readers see and where. */
const PUBLISHING_FIELDS = ['urgent', 'placement'] as const satisfies readonly (keyof EditableFields)[]

/** May this person open the article in the newsroom (read it)? */
export function canRead(staff: Staff, article: Pick<EditorialArticle, 'createdBy' | 'status' | 'legal'>): boolean {
  if (can(staff.role, 'articles.edit')) return true
  if (can(staff.role, 'articles.legal') && article.legal.required) return true
  return can(staff.role, 'articles.create') && article.createdBy?.id === staff.id
}

/** May this person change the article's fields? A writer: their own, while a draft or in review. */
export function canEdit(staff: Staff, article: Pick<EditorialArticle, 'createdBy' | 'status'>): boolean {
  if (can(staff.role, 'articles.edit')) return true
  return can(staff.role, 'articles.create') && article.createdBy?.id === staff.id && (article.status === 'draft' || article.status === 'review')
}

export function assertCanRead(staff: Staff, article: EditorialArticle): void {
  if (!canRead(staff, article)) throw new Forbidden('forbidden')
}

/** Refuses an edit this person may not make; names the field when a field is the reason. */
export function assertCanEdit(staff: Staff, article: EditorialArticle, changes: Partial<EditableFields>): void {
  if (!canEdit(staff, article)) throw new Forbidden('forbidden')
  assertCanSetFields(staff, changes, article)
}

/** A writer may not set the urgent flag or the home page placement, nor lift a legal review requirement. */
export function assertCanSetFields(staff: Staff, changes: Partial<EditableFields>, current?: EditableFields): void {
  if (can(staff.role, 'articles.publish')) return
  for (const field of PUBLISHING_FIELDS) {
    const wanted = changes[field]
    if (wanted === undefined) continue
    const now = current ? current[field] : field === 'urgent' ? false : null
    if (wanted !== now) throw new Forbidden('forbidden', field)
  }
  if (changes.requiresLegalReview === false && current?.requiresLegalReview) throw new Forbidden('forbidden', 'requiresLegalReview')
}

/** Submitting for review (and taking it back) is a writer's; the rest needs articles.publish. */
export function canMove(staff: Staff, article: Pick<EditorialArticle, 'createdBy' | 'status'>, to: Transition): boolean {
  if (to === 'review' || to === 'draft') return canEdit(staff, article)
  return can(staff.role, 'articles.publish')
}

export function assertCanMove(staff: Staff, article: EditorialArticle, to: Transition): void {
  if (!canMove(staff, article, to)) throw new Forbidden('forbidden', 'status')
}
