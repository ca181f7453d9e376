import { Type, type Static } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import {
  addCorrection,
  compareRevisions,
  decideLegalReview,
  DESK_STATUSES,
  listDeskArticles,
  listRevisions,
  MAX_BODY_LENGTH,
  previewTokenOf,
  restoreRevision,
  StaleVersion,
  type EditorialArticle,
} from '../articles/index.js'
import { errorBody, Id, IdParam, Invalid, PageLimitQuery, type Routes } from '../http/index.js'
import { adminApi, type Staff } from '../staff/index.js'
import { assertCanEdit, assertCanRead } from './article-policy.js'
import { articleForApi, MAX_AUTHORS, MAX_SOURCES, MAX_TAGS, type ArticleFieldsInput } from './article-input.js'
import { createFromDesk, moveFromDesk, readArticle, updateFromDesk } from './desk.service.js'

const Text = (maxLength: number) => Type.String({ maxLength })
const Status = Type.Union([Type.Literal('draft'), Type.Literal('review'), Type.Literal('scheduled'), Type.Literal('published')])
const Source = Type.Object({ name: Text(300), url: Type.Optional(Type.Union([Text(2000), Type.Null()])) }, { additionalProperties: false })

const ArticleFields = {
  title: Type.Optional(Text(300)),
  slug: Type.Optional(Text(200)),
  summary: Type.Optional(Text(1000)),
  bodyHtml: Type.Optional(Text(MAX_BODY_LENGTH)),
  section: Type.Optional(Text(200)),
  tags: Type.Optional(Type.Array(Text(100), { maxItems: MAX_TAGS })),
  authors: Type.Optional(Type.Array(Text(200), { maxItems: MAX_AUTHORS })),
  sources: Type.Optional(Type.Array(Type.Union([Source, Text(300)]), { maxItems: MAX_SOURCES })),
  dateline: Type.Optional(Text(200)),
  urgent: Type.Optional(Type.Boolean()),
  featuredImage: Type.Optional(Type.Union([Id, Type.Null()])),
  requiresLegalReview: Type.Optional(Type.Boolean()),
  placement: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('top'), Type.Null()])),
  seoTitle: Type.Optional(Text(300)),
  seoDescription: Type.Optional(Text(500)),
  commentsOpen: Type.Optional(Type.Boolean()),
  status: Type.Optional(Status),
  publishAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
}
const CreateBody = Type.Object({ ...ArticleFields, title: Text(300), bodyHtml: Text(MAX_BODY_LENGTH), section: Text(200) }, { additionalProperties: false })
const UpdateBody = Type.Object({ ...ArticleFields, version: Type.Optional(Id) }, { additionalProperties: false })
const VersionBody = Type.Union([Type.Object({ version: Type.Optional(Id), publishAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }), Type.Null()])
const LegalBody = Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]), note: Type.Optional(Text(4000)) }, { additionalProperties: false })
const CorrectionBody = Type.Object(
  { kind: Type.Union([Type.Literal('correction'), Type.Literal('reply')]), body: Text(10000), party: Type.Optional(Text(1000)) },
  { additionalProperties: false },
)
const RevisionParams = Type.Object({ id: Id, rev: Id })
const CompareQuery = Type.Object({ from: Id, to: Id }, { additionalProperties: false })
const ListQuery = Type.Object(
  { status: Type.Optional(Type.Union(DESK_STATUSES.map((s) => Type.Literal(s)))), q: Type.Optional(Text(200)), ...PageLimitQuery(100).properties },
  { additionalProperties: false },
)

type Fields = Static<typeof UpdateBody>

function fieldsOf(body: Fields): ArticleFieldsInput {
  const { status: _status, publishAt: _publishAt, version: _version, sources, ...rest } = body
  return { ...rest, sources: sources?.map((s) => (typeof s === 'string' ? { name: s } : s)) }
}

function publishAtOf(value: string | null | undefined): Date | null | undefined {
  if (value === undefined || value === null) return value
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new Invalid('invalid_parameter', 'publishAt')
  return date
}

/** A stale version: 409 with the stored article, so the client can show what the other person saved. */
async function conflictReply(reply: FastifyReply, err: StaleVersion, baseUrl: URL | string, db: Parameters<typeof articleForApi>[0]) {
  return reply.status(409).send({ ...errorBody('conflict', 'version'), current: await articleForApi(db, err.current, baseUrl) })
}

/** /api/v1/admin/articles: the newsroom's article workflow for scripts (Bearer token; roles as in the newsroom). */
export const articleAdminRoutes: Routes = async (app) => {
  const { db, config } = app
  const json = (article: EditorialArticle) => articleForApi(db, article, config.baseUrl)
  const staffOf = (request: { staff?: Staff }) => request.staff!

  app.addHook('onRequest', adminApi('newsroom.access'))

  app.get('/', { schema: { summary: 'مقالات المكتب (حسب الدور)', querystring: ListQuery } }, async (request) => {
    const staff = staffOf(request)
    const { status, q, page = 1, limit = 20 } = request.query
    const mine = staff.role === 'writer' ? staff.id : undefined
    const legalOnly = staff.role === 'legal'
    const { articles, total } = await listDeskArticles(db, { status, q, createdBy: mine, legalPending: legalOnly || undefined }, { page, limit })
    return {
      articles: articles.map((a) => ({ id: a.id, title: a.title, url: new URL(a.path, config.baseUrl).href, status: a.status, version: a.version, section: a.section.slug, updatedAt: a.updatedAt.toISOString() })),
      page,
      total,
    }
  })

  app.post('/', { schema: { summary: 'إنشاء مقال', body: CreateBody } }, async (request, reply) => {
    const body = request.body
    const article = await createFromDesk(db, staffOf(request), fieldsOf(body), { status: body.status, publishAt: publishAtOf(body.publishAt) }, new Date())
    return reply.status(201).send(await json(article))
  })

  app.get('/:id', { schema: { summary: 'مقال بأي حالة، مع رقم نسخته', params: IdParam } }, async (request) => json(await readArticle(db, staffOf(request), request.params.id)))

  app.patch('/:id', { schema: { summary: 'تعديل مقال (version القديمة ← 409)', params: IdParam, body: UpdateBody } }, async (request, reply) => {
    const body = request.body
    try {
      const article = await updateFromDesk(db, staffOf(request), request.params.id, fieldsOf(body), { version: body.version, status: body.status, publishAt: publishAtOf(body.publishAt) }, new Date())
      return await json(article)
    } catch (err) {
      if (err instanceof StaleVersion) return conflictReply(reply, err, config.baseUrl, db)
      throw err
    }
  })

  for (const [action, to] of [['publish', 'published'], ['unpublish', 'unpublished'], ['submit', 'review'], ['schedule', 'scheduled']] as const) {
    app.post(`/:id/${action}`, { schema: { summary: `نقل المقال في سير العمل: ${action}`, params: IdParam, body: VersionBody } }, async (request, reply) => {
      try {
        const article = await moveFromDesk(db, staffOf(request), request.params.id, to, { version: request.body?.version, publishAt: publishAtOf(request.body?.publishAt) }, new Date())
        return await json(article)
      } catch (err) {
        if (err instanceof StaleVersion) return conflictReply(reply, err, config.baseUrl, db)
        throw err
      }
    })
  }

  app.post('/:id/legal', { onRequest: adminApi('articles.legal'), schema: { summary: 'قرار المراجعة القانونية (دور legal وحده)', params: IdParam, body: LegalBody } }, async (request) => {
    const staff = staffOf(request)
    const article = await decideLegalReview(db, request.params.id, { approve: request.body.decision === 'approve', note: request.body.note ?? '' }, { id: staff.id, name: staff.name }, new Date())
    return json(article)
  })

  app.get('/:id/revisions', { schema: { summary: 'نسخ المقال المحفوظة', params: IdParam } }, async (request) => {
    await readArticle(db, staffOf(request), request.params.id)
    const revisions = await listRevisions(db, request.params.id)
    return { revisions: revisions.map((r) => ({ id: r.id, version: r.version, kind: r.kind, createdAt: r.createdAt.toISOString(), user: r.user?.name ?? null })) }
  })

  app.get('/:id/revisions/compare', { schema: { summary: 'الفرق بين نسختين', params: IdParam, querystring: CompareQuery } }, async (request) => {
    await readArticle(db, staffOf(request), request.params.id)
    const { from, to, changes } = await compareRevisions(db, request.params.id, request.query.from, request.query.to)
    return { from: from.id, to: to.id, changes }
  })

  app.post('/:id/revisions/:rev/restore', { schema: { summary: 'استعادة نسخة سابقة', params: RevisionParams, body: VersionBody } }, async (request, reply) => {
    const staff = staffOf(request)
    const current = await readArticle(db, staff, request.params.id)
    assertCanEdit(staff, current, {})
    try {
      const article = await restoreRevision(db, request.params.id, request.params.rev, { by: { id: staff.id, name: staff.name }, version: request.body?.version }, new Date())
      return await json(article)
    } catch (err) {
      if (err instanceof StaleVersion) return conflictReply(reply, err, config.baseUrl, db)
      throw err
    }
  })

  app.post('/:id/corrections', { onRequest: adminApi('articles.correct'), schema: { summary: 'إضافة تصحيح أو حق رد', params: IdParam, body: CorrectionBody } }, async (request, reply) => {
    await readArticle(db, staffOf(request), request.params.id)
    const { id, createdAt } = await addCorrection(db, request.params.id, request.body, staffOf(request).id, new Date())
    return reply.status(201).send({ id, articleId: request.params.id, ...request.body, party: request.body.party ?? '', createdAt: createdAt.toISOString() })
  })

  app.post('/:id/preview', { schema: { summary: 'رابط معاينة قبل النشر', params: IdParam } }, async (request) => {
    const article = await readArticle(db, staffOf(request), request.params.id)
    assertCanRead(staffOf(request), article)
    const token = await previewTokenOf(db, article.id)
    return { url: new URL(`/preview/${token}`, config.baseUrl).href }
  })
}
