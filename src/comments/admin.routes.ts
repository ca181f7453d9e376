import { Type } from '@sinclair/typebox'
import { Id, IdParam, PageLimitQuery, type Routes } from '../http/index.js'
import { adminApi } from '../staff/index.js'
import type { ModeratedComment } from './comment.js'
import * as moderation from './moderation.service.js'
import * as service from './comments.service.js'

const StatusQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('spam'), Type.Literal('trash')])),
    reported: Type.Optional(Type.Boolean()),
    articleId: Type.Optional(Id),
    ...PageLimitQuery(200).properties,
  },
  { additionalProperties: false },
)
const ActionParams = Type.Object({
  id: Id,
  action: Type.Union([Type.Literal('approve'), Type.Literal('spam'), Type.Literal('trash'), Type.Literal('restore')]),
})
const ReasonBody = Type.Union([Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }), Type.Null()])
const EditBody = Type.Object({
  name: Type.String({ maxLength: 10000 }),
  email: Type.String({ maxLength: 10000 }),
  url: Type.Optional(Type.String({ maxLength: 10000 })),
  body: Type.String({ maxLength: 100000 }),
})
const ReplyBody = Type.Object({ body: Type.String({ maxLength: 100000 }) })

/** The brief's shape, plus what a moderator needs to decide (website, reports, why it was held). */
function commentJson(c: ModeratedComment) {
  return {
    id: c.id,
    articleId: c.articleId,
    parentId: c.parentId,
    name: c.name,
    email: c.email,
    url: c.url || null,
    body: c.body,
    status: c.status,
    statusReason: c.statusReason,
    isStaff: c.isStaff,
    reportCount: c.reportCount,
    reports: c.reports.map((r) => ({ reason: r.reason, createdAt: r.createdAt.toISOString() })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

/** /api/v1/admin/comments: the moderation queue for scripts (Bearer token, comments.moderate). */
export const commentAdminRoutes: Routes = async (app) => {
  const { db } = app
  app.addHook('onRequest', adminApi('comments.moderate'))

  app.get('/', { schema: { summary: 'طابور الإشراف على التعليقات (مع البريد)', querystring: StatusQuery } }, async (request) => {
    const { status, reported, articleId, page = 1, limit = 50 } = request.query
    const { comments, total } = await moderation.listForModeration(db, { status: reported ? undefined : (status ?? 'pending'), reported, articleId }, { limit, offset: (page - 1) * limit })
    return { comments: comments.map(commentJson), total, page }
  })

  app.get('/:id', { schema: { summary: 'تعليق واحد للإشراف', params: IdParam } }, async (request) => commentJson(await moderation.getCommentForModeration(db, request.params.id)))

  app.post(
    '/:id/:action',
    { schema: { summary: 'قبول تعليق أو عدّه مزعجاً أو حذفه أو استعادته', params: ActionParams, body: ReasonBody } },
    async (request) => moderation.moderateComment(db, request.params.id, request.params.action, { accountId: request.staff?.id ?? null, reason: request.body?.reason, now: new Date() }),
  )

  app.patch(
    '/:id',
    { schema: { summary: 'تحرير تعليق', params: IdParam, body: EditBody } },
    async (request) => {
      await moderation.editComment(db, request.params.id, request.body, { now: new Date() })
      return commentJson(await moderation.getCommentForModeration(db, request.params.id))
    },
  )

  app.post('/:id/replies', { schema: { summary: 'رد المحرر على تعليق', params: IdParam, body: ReplyBody } }, async (request, reply) => {
    const staff = request.staff!
    const result = await moderation.replyAsStaff(db, request.params.id, request.body.body, { accountId: staff.id, name: staff.name, email: staff.email }, new Date())
    return reply.code(201).send({ id: result.id, status: result.status })
  })
}
