import {
  changeStatus,
  createDraft,
  getEditorialArticle,
  saveArticle,
  type EditorialArticle,
  type NewArticleFields,
  type Transition,
} from '../articles/index.js'
import type { Db } from '../db/index.js'
import { Forbidden, Invalid } from '../http/index.js'
import { can, type Staff } from '../staff/index.js'
import { assertCanEdit, assertCanMove, assertCanRead, assertCanSetFields } from './article-policy.js'
import { resolveArticleFields, type ArticleFieldsInput } from './article-input.js'

// What the editor page and the admin API both do with an article: the role checks of
// article-policy.ts, then the articles feature's editorial service.

const actor = (staff: Staff) => ({ id: staff.id, name: staff.name })

export interface StatusChange {
  status?: Transition
  publishAt?: Date | null
}

export async function readArticle(db: Db, staff: Staff, id: number): Promise<EditorialArticle> {
  const article = await getEditorialArticle(db, id)
  assertCanRead(staff, article)
  return article
}

/** A new article from a person or a script; any status but draft is applied after, or the draft is removed. */
export async function createFromDesk(db: Db, staff: Staff, input: ArticleFieldsInput, change: StatusChange, now: Date): Promise<EditorialArticle> {
  if (!can(staff.role, 'articles.create')) throw new Forbidden('forbidden')
  if (!input.title?.trim()) throw new Invalid('field_required', 'title')
  if (input.bodyHtml === undefined) throw new Invalid('field_required', 'bodyHtml')
  if (!input.section) throw new Invalid('field_required', 'section')
  assertCanSetFields(staff, { urgent: input.urgent, placement: input.placement })
  if (change.status && change.status !== 'draft' && change.status !== 'review' && !can(staff.role, 'articles.publish')) throw new Forbidden('forbidden', 'status')
  const resolve = resolveArticleFields(input, now)
  const created = await createDraft(db, async (trx) => (await resolve(trx)) as NewArticleFields, actor(staff), now)
  if (!change.status || change.status === 'draft') return created
  try {
    return await changeStatus(db, created.id, change.status, { by: actor(staff), publishAt: change.publishAt }, now)
  } catch (err) {
    // Asked to publish or schedule and refused (legal review, alt text, time): nothing stays behind.
    await db.deleteFrom('article').where('id', '=', created.id).execute()
    throw err
  }
}

/** Saves the fields given (with the version the person edited), then moves the status if asked. */
export async function updateFromDesk(
  db: Db,
  staff: Staff,
  id: number,
  input: ArticleFieldsInput,
  options: StatusChange & { version?: number; autosave?: boolean },
  now: Date,
): Promise<EditorialArticle> {
  let article = await readArticle(db, staff, id)
  const hasFields = Object.values(input).some((v) => v !== undefined)
  if (hasFields) {
    article = await saveArticle(
      db,
      id,
      resolveArticleFields(input, now),
      { version: options.version, by: actor(staff), kind: options.autosave ? 'autosave' : 'save', check: (current, changes) => assertCanEdit(staff, current, changes) },
      now,
    )
  }
  if (options.status && options.status !== article.status) {
    assertCanMove(staff, article, options.status)
    article = await changeStatus(db, id, options.status, { by: actor(staff), publishAt: options.publishAt, version: hasFields ? undefined : options.version }, now)
  } else if (options.status === 'scheduled' && options.publishAt && options.publishAt.getTime() !== article.publishAt?.getTime()) {
    // Rescheduling a scheduled article: back to review, then scheduled at the new time.
    assertCanMove(staff, article, 'scheduled')
    await changeStatus(db, id, 'unpublished', { by: actor(staff) }, now)
    article = await changeStatus(db, id, 'scheduled', { by: actor(staff), publishAt: options.publishAt }, now)
  }
  return article
}

export async function moveFromDesk(db: Db, staff: Staff, id: number, to: Transition, options: { version?: number; publishAt?: Date | null }, now: Date) {
  const article = await readArticle(db, staff, id)
  assertCanMove(staff, article, to)
  return changeStatus(db, id, to, { by: actor(staff), version: options.version, publishAt: options.publishAt }, now)
}
