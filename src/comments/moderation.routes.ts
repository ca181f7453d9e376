import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { AppError, Id, IdParam, Invalid, messageFor, NotFound, Page, plainInteger, replyStatusOf, type Routes } from '../http/index.js'
import { newsroomCsrf, staffOnly, verifyNewsroomCsrf, type Staff } from '../staff/index.js'
import { formatter } from '../views/index.js'
import { getCommentSettings, saveCommentSettings, type CommentSettings } from './comment-settings.js'
import { CommentSettingsPage, NUMBER_SETTINGS } from './settings.page.js'
import { cleanText } from './comment-text.js'
import { fieldErrorText } from './comment-views.js'
import * as moderation from './moderation.service.js'
import * as service from './comments.service.js'
import { EditCommentPage, ModerationPage, QUEUE_LABELS, type QueueView } from './moderation.page.js'

const PER_PAGE = 50
const QueueQuery = Type.Object({
  status: Type.Optional(Type.Union((Object.keys(QUEUE_LABELS) as QueueView[]).map((v) => Type.Literal(v)))),
  page: Page(),
  done: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
})
// `?done=` after a save: any value says it was saved.
const SettingsQuery = Type.Object({ done: Type.Optional(Type.Unknown()) })
const ActionParams = Type.Object({
  id: Id,
  action: Type.Union([Type.Literal('approve'), Type.Literal('spam'), Type.Literal('trash'), Type.Literal('restore')]),
})

type Fields = Record<string, unknown>
const fieldsOf = (body: unknown): Fields => (body && typeof body === 'object' ? (body as Fields) : {})
const str = (v: unknown) => (typeof v === 'string' ? v : '')
/** Only our own queue URLs are followed back. */
const safeBack = (v: unknown) => (typeof v === 'string' && /^\/newsroom\/comments(\?[\w=&-]*)?$/.test(v) ? v : '/newsroom/comments')
const withDone = (back: string, n: number) => `${back}${back.includes('?') ? '&' : '?'}done=${n}`

/** /newsroom/comments: the moderation queue, actions one by one or in bulk, edit and staff replies. */
export const commentModerationRoutes: Routes = async (app) => {
  const { db, config } = app
  app.addHook('onRequest', staffOnly('comments.moderate'))
  app.addHook('preHandler', verifyNewsroomCsrf)
  const format = formatter({ locale: 'ar', digits: 'latn', timeZone: config.timeZone })

  app.get('/', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const view = request.query.status ?? 'pending'
    const page = request.query.page ?? 1
    const filter = view === 'reported' ? { reported: true } : { status: view }
    const [{ comments, total }, byStatus, reported] = await Promise.all([
      moderation.listForModeration(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      moderation.countCommentsByStatus(db),
      moderation.listForModeration(db, { reported: true }, { limit: 1, offset: 0 }),
    ])
    const counts: Record<QueueView, number> = {
      pending: byStatus.pending ?? 0,
      approved: byStatus.approved ?? 0,
      spam: byStatus.spam ?? 0,
      trash: byStatus.trash ?? 0,
      reported: reported.total,
    }
    const done = request.query.done
    return reply.html(
      ModerationPage({
        staff: request.staff!,
        csrf: newsroomCsrf(request),
        format,
        view,
        comments,
        counts,
        page,
        pages: Math.max(1, Math.ceil(total / PER_PAGE)),
        notice: done !== undefined ? `تم تحديث ${format.number(done)} من التعليقات.` : undefined,
      }) as string,
    )
  })

  app.get('/settings', { schema: { querystring: SettingsQuery } }, async (request, reply) => {
    const settings = await getCommentSettings(db)
    const notice = request.query.done ? 'حُفظت الإعدادات.' : undefined
    return reply.html(CommentSettingsPage({ staff: request.staff!, csrf: newsroomCsrf(request), settings, notice }) as string)
  })

  app.post('/settings', async (request, reply) => {
    const fields = fieldsOf(request.body)
    const changes: Partial<CommentSettings> = { holdFirstTime: fields.holdFirstTime === '1', autoApproveKnown: fields.autoApproveKnown === '1' }
    for (const s of NUMBER_SETTINGS) {
      const n = plainInteger(fields[s.key])
      if (n === undefined || n < s.min || n > s.max) {
        const settings = { ...(await getCommentSettings(db)), ...changes }
        const error = `«${s.label}»: أدخل عدداً صحيحاً من ${s.min} إلى ${s.max}.`
        return replyStatusOf(reply, new Invalid('invalid_parameter', s.key)).html(CommentSettingsPage({ staff: request.staff!, csrf: newsroomCsrf(request), settings, error }) as string)
      }
      ;(changes as Record<string, unknown>)[s.key] = n
    }
    const words = (v: unknown) => [...new Set(str(v).split('\n').map((w) => cleanText(w, { multiline: false })).filter(Boolean))].slice(0, 1000)
    changes.holdWords = words(fields.holdWords)
    changes.rejectWords = words(fields.rejectWords)
    await saveCommentSettings(db, changes)
    return reply.redirect('/newsroom/comments/settings?done=1', 303)
  })

  app.post('/article', async (request, reply) => {
    const fields = fieldsOf(request.body)
    const id = plainInteger(fields.articleId)
    if (id === undefined || id < 1) throw new NotFound('article_not_found')
    await moderation.setCommentsOpen(db, id, fields.open === '1')
    return reply.redirect('/newsroom/comments/settings?done=1', 303)
  })

  app.post('/bulk', async (request, reply) => {
    const fields = fieldsOf(request.body)
    const action = str(fields.action)
    const raw = fields.ids
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(plainInteger).filter((n): n is number => n !== undefined && n > 0)
    if (!['approve', 'spam', 'trash', 'restore'].includes(action)) return reply.redirect(safeBack(fields.back), 303)
    const now = new Date()
    for (const id of ids.slice(0, 500)) {
      await moderation.moderateComment(db, id, action as moderation.ModerationAction, { accountId: request.staff!.id, reason: str(fields.reason), now })
    }
    return reply.redirect(withDone(safeBack(fields.back), ids.length), 303)
  })

  app.get('/:id/edit', { schema: { params: IdParam } }, async (request, reply) => {
    const c = await moderation.getCommentForModeration(db, request.params.id)
    return reply.html(EditCommentPage({ staff: request.staff!, csrf: newsroomCsrf(request), c }) as string)
  })

  app.post('/:id/edit', { schema: { params: IdParam } }, async (request, reply) => {
    const fields = fieldsOf(request.body)
    try {
      await moderation.editComment(db, request.params.id, fields, { now: new Date() })
      return reply.redirect(withDone('/newsroom/comments?status=' + (await moderation.getCommentForModeration(db, request.params.id)).status, 1), 303)
    } catch (err) {
      return answerFormError(reply, err, request.params.id, request.staff!, newsroomCsrf(request), fields)
    }
  })

  app.post('/:id/reply', { schema: { params: IdParam } }, async (request, reply) => {
    const staff = request.staff!
    try {
      await moderation.replyAsStaff(db, request.params.id, fieldsOf(request.body).body, { accountId: staff.id, name: staff.name, email: staff.email }, new Date())
      return reply.redirect(withDone('/newsroom/comments?status=approved', 1), 303)
    } catch (err) {
      return answerFormError(reply, err, request.params.id, staff, newsroomCsrf(request))
    }
  })

  app.post('/:id/:action', { schema: { params: ActionParams } }, async (request, reply) => {
    const fields = fieldsOf(request.body)
    await moderation.moderateComment(db, request.params.id, request.params.action, { accountId: request.staff!.id, reason: str(fields.reason), now: new Date() })
    return reply.redirect(withDone(safeBack(fields.back), 1), 303)
  })

  async function answerFormError(reply: FastifyReply, err: unknown, id: number, staff: Staff, csrf: string, fields?: Fields) {
    if (!(err instanceof AppError) || err.code === 'comment_not_found') throw err
    const c = await moderation.getCommentForModeration(db, id)
    const error = err instanceof service.CommentInputError ? err.errors.map((e) => fieldErrorText(format, e)).join(' ') : messageFor(err.code, err.field)
    const values = fields ? { name: str(fields.name), email: str(fields.email), url: str(fields.url), body: str(fields.body) } : undefined
    return replyStatusOf(reply, err).html(EditCommentPage({ staff, csrf, c, values, error }) as string)
  }
}
