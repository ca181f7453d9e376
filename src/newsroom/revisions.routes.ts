import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import {
  compareRevisions,
  listRevisions,
  listSections,
  restoreRevision,
  StaleVersion,
  wordDiff,
  type EditableFields,
  type FieldChange,
} from '../articles/index.js'
import type { Db } from '../db/index.js'
import { Id, IdParam, NotFound, replyStatusOf, type Routes } from '../http/index.js'
import { newsroomCsrf } from '../staff/index.js'
import { assertCanEdit, canEdit } from './article-policy.js'
import { deskPages } from './desk-errors.js'
import { FIELD_LABELS, versionOf } from './desk-form.js'
import * as queries from './desk.queries.js'
import { readArticle } from './desk.service.js'
import { RestorePage, RevisionsPage, type FieldDiff } from './revisions.page.js'

const CompareQuery = Type.Object({ from: Type.Optional(Id), to: Type.Optional(Id) })
const RevisionParams = Type.Object({ id: Id, rev: Id })
const RestoreBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), version: Type.Optional(Type.String({ maxLength: 20 })) })

// A revision stores ids: the diff names what they stand for.
const ID_LABELS: Partial<Record<keyof EditableFields, string>> = {
  sectionId: FIELD_LABELS.section,
  tagIds: FIELD_LABELS.tags,
  authorIds: FIELD_LABELS.authors,
  imageId: FIELD_LABELS.featuredImage,
}
const PLACEMENTS: Record<string, string> = { '': 'بلا', lead: 'الخبر الرئيسي', top: 'من أبرز الأخبار' }
const ids = (shown: string) => shown.split('، ').map(Number).filter((n) => Number.isInteger(n) && n > 0)

/** Field changes as people read them: Arabic field names, names for ids, a word diff for every field. */
async function readableChanges(db: Db, changes: FieldChange[]): Promise<FieldDiff[]> {
  const wanted = (field: keyof EditableFields) => changes.filter((c) => c.field === field).flatMap((c) => [...ids(c.before), ...ids(c.after)])
  const [sections, tags, people] = await Promise.all([
    changes.some((c) => c.field === 'sectionId') ? listSections(db) : [],
    queries.tagsByIds(db, wanted('tagIds')),
    queries.peopleByIds(db, wanted('authorIds')),
  ])
  const names = (rows: { id: number; name: string }[], shown: string) => ids(shown).map((id) => rows.find((r) => r.id === id)?.name ?? `#${id}`).join('، ')
  const words = (c: FieldChange, shown: string): string => {
    switch (c.field) {
      case 'sectionId':
        return names(sections, shown)
      case 'tagIds':
        return names(tags, shown)
      case 'authorIds':
        return names(people, shown)
      case 'imageId':
        return shown ? `صورة رقم ${shown}` : 'بلا صورة'
      case 'placement':
        return PLACEMENTS[shown] ?? shown
      default:
        return shown
    }
  }
  return changes.map((c) => ({
    label: ID_LABELS[c.field] ?? FIELD_LABELS[c.field] ?? c.field,
    parts: c.parts ?? wordDiff(words(c, c.before), words(c, c.after)),
  }))
}

/** /newsroom/articles/:id/revisions: the list, a comparison of any two, and restore with a confirmation. */
export const revisionRoutes: Routes = async (app) => {
  const { db } = app
  const format = deskPages(app, 'articles.create')

  app.get('/:id/revisions', { schema: { params: IdParam, querystring: CompareQuery } }, async (request, reply) => {
    const staff = request.staff!
    const article = await readArticle(db, staff, request.params.id)
    const revisions = await listRevisions(db, article.id)
    // Default: the newest against the one before it; any two otherwise, older first.
    let from = request.query.from ?? revisions[1]?.id
    let to = request.query.to ?? revisions[0]?.id
    if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from]
    let comparison
    if (from !== undefined && to !== undefined && from !== to) {
      const compared = await compareRevisions(db, article.id, from, to)
      comparison = { from: compared.from, to: compared.to, changes: await readableChanges(db, compared.changes) }
    }
    return reply.html(RevisionsPage({ staff, csrf: newsroomCsrf(request), format, article, revisions, comparison, canRestore: canEdit(staff, article) }) as string)
  })

  /** The confirmation page: what the article would become. */
  async function restorePage(request: FastifyRequest, id: number, rev: number, error?: string) {
    const staff = request.staff!
    const article = await readArticle(db, staff, id)
    assertCanEdit(staff, article, {})
    const revisions = await listRevisions(db, id)
    const revision = revisions.find((r) => r.id === rev)
    if (!revision) throw new NotFound('revision_not_found')
    const { changes } = await compareRevisions(db, id, revisions[0]!.id, rev)
    return RestorePage({ staff, csrf: newsroomCsrf(request), format, article, revision, changes: await readableChanges(db, changes), error }) as string
  }

  app.get('/:id/revisions/:rev/restore', { schema: { params: RevisionParams } }, async (request, reply) =>
    reply.html(await restorePage(request, request.params.id, request.params.rev)),
  )

  app.post('/:id/revisions/:rev/restore', { schema: { params: RevisionParams, body: RestoreBody } }, async (request, reply) => {
    const staff = request.staff!
    const { id, rev } = request.params
    const article = await readArticle(db, staff, id)
    assertCanEdit(staff, article, {})
    try {
      const check = (current: typeof article, changes: Partial<EditableFields>) => assertCanEdit(staff, current, changes)
      await restoreRevision(db, id, rev, { by: { id: staff.id, name: staff.name }, version: versionOf(request.body.version ?? ''), check }, new Date())
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err
      const error = 'حُفظت المقالة بعد أن فتحت هذه الصفحة، فلم تُستعد النسخة. راجع التغييرات من جديد ثم أكّد الاستعادة.'
      return replyStatusOf(reply, err).html(await restorePage(request, id, rev, error))
    }
    return reply.redirect(`/newsroom/articles/${id}/edit?done=restored`, 303)
  })
}
