import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { getPublishedArticle, type Article } from '../articles/index.js'
import { AppError, cachedJson, errorBody, Id, IdParam, Invalid, ReadErrors, loadChrome, messageFor, NotFound, pageKey, PageLimitQuery, PageQuery, replyStatusOf, requireSameOrigin, type Routes, sendError, TooManyRequests, wantsJson } from '../http/index.js'
import { getSiteSettings } from '../site/index.js'
import { formatter, type Formatter } from '../views/index.js'
import { getCommentSettings } from './comment-settings.js'
import { cleanText } from './comment-text.js'
import { FORM_TOKEN_MAX_AGE_MS, formRenderedAt, formToken, heldIds, heldToken } from './comment-tokens.js'
import { CommentBody, commentCountText, fieldErrorText, type FormState, tooSoonMessage } from './comment-views.js'
import { CommentsPage } from './comments.page.js'
import { commentPageCount, renderCommentsSection, type SectionOptions } from './comment-section.js'
import * as moderation from './moderation.service.js'
import * as service from './comments.service.js'

const CommentListJson = Type.Object({
  articleId: Type.Integer(),
  total: Type.Integer(),
  page: Type.Integer(),
  comments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      parentId: Type.Union([Type.Integer(), Type.Null()]),
      name: Type.String(),
      url: Type.Union([Type.String(), Type.Null()]),
      body: Type.String(),
      isStaff: Type.Boolean(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
})

const CommentInputJson = Type.Object({
  name: Type.String({ description: 'الاسم (إلزامي)' }),
  email: Type.String({ format: 'email', description: 'البريد الإلكتروني (إلزامي، لا يُنشر أبداً)' }),
  url: Type.Optional(Type.String({ description: 'الموقع' })),
  body: Type.String({ description: 'نص التعليق (إلزامي)' }),
  parentId: Type.Optional(Type.Integer({ description: 'التعليق الذي يُرد عليه' })),
})

const HELD_COOKIE = 'nashra_held'
const COMMENTER_COOKIE = 'nashra_commenter'

const ArticleIdParams = Type.Object({ articleId: Id })
const ReplyParams = Type.Object({ articleId: Id, commentId: Id })
const CommentIdParams = Type.Object({ commentId: Id })
const MineQuery = Type.Object({ article: Id })

type Fields = Record<string, unknown>
const asFields = (body: unknown): Fields => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Fields) : {})
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The reader's own text back in the form, with only the characters we never show removed. */
function formStateOf(fields: Fields, err: AppError, format: Formatter): FormState {
  const values = {
    name: cleanText(str(fields.name), { multiline: false }),
    email: cleanText(str(fields.email), { multiline: false }),
    url: cleanText(str(fields.url), { multiline: false }),
    body: cleanText(str(fields.body), { multiline: true }),
    parentId: /^\d{1,10}$/.test(str(fields.parentId)) ? str(fields.parentId) : '',
    remember: fields.remember === '1' || fields.remember === 'on' || fields.remember === true,
  }
  if (err instanceof service.CommentInputError) return { values, errors: err.errors }
  let message = messageFor(err.code)
  if (err instanceof TooManyRequests) message = tooSoonMessage(format, err.retryAfterSeconds)
  return { values, errors: [], message }
}

export interface CommentRoutesOptions {
  /** The whole article page (the app composes it): a refused post comes back on it, private, with what was typed. */
  renderArticlePage(request: FastifyRequest, article: Article, comments: SectionOptions): Promise<string>
}

/** Reader comment pages and forms: POST /comments/:articleId, later pages, the no-JS reply page, reports. */
export const commentRoutes: Routes<CommentRoutesOptions> = async (app, options) => {
  const { db, pageCache, config } = app
  const secure = config.baseUrl.protocol === 'https:'

  // WHATWG decoding turns invalid UTF-8 into U+FFFD, which the checks then refuse by name (the default
  // parser keeps broken %-sequences as literal text). Encapsulated: only this plugin's routes use it.
  app.removeContentTypeParser('application/x-www-form-urlencoded')
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  app.post('/comments/:articleId', { schema: { params: ArticleIdParams } }, async (request, reply) => {
    const fields = asFields(request.body)
    const now = new Date()
    try {
      await requireSameOrigin(request, reply)
      if (str(fields.homepage).trim() !== '') throw new Invalid('comment_rejected')
      const settings = await getCommentSettings(db)
      const renderedAt = await formRenderedAt(db, fields.ts)
      if (!renderedAt) throw new Invalid('comment_rejected')
      if (now.getTime() - renderedAt.getTime() > FORM_TOKEN_MAX_AGE_MS) throw new Invalid('comment_form_expired')
      if (now.getTime() - renderedAt.getTime() < settings.minFillSeconds * 1000) throw new Invalid('comment_too_fast')
      const result = await service.submitComment(db, request.params.articleId, fields, { ip: request.ip, userAgent: str(request.headers['user-agent']), now })
      rememberCommenter(reply, fields)
      if (result.status === 'pending') {
        const held = [...str(request.cookies[HELD_COOKIE]).split(/[ ,]+/).filter(Boolean), await heldToken(db, result.id)].slice(-10)
        reply.setCookie(HELD_COOKIE, held.join(' '), { path: '/', sameSite: 'lax', secure, maxAge: 30 * 86400 })
      }
      const location = result.status === 'approved' ? ((await service.locateComment(db, result.id)) ?? `${result.articlePath}#comments`) : `${result.articlePath}#comment-held`
      reply.header('cache-control', 'private, no-store')
      if (wantsJson(request)) return reply.code(202).send(await submittedJson(result, location))
      return reply.redirect(location, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err instanceof NotFound) throw err
      return answerFailure(request, reply, request.params.articleId, fields, err)
    }
  })

  function rememberCommenter(reply: FastifyReply, fields: Fields) {
    const remember = fields.remember === '1' || fields.remember === 'on' || fields.remember === true
    if (!remember) {
      reply.clearCookie(COMMENTER_COOKIE, { path: '/' })
      return
    }
    const value = JSON.stringify({ name: cleanText(str(fields.name), { multiline: false }), email: cleanText(str(fields.email), { multiline: false }), url: cleanText(str(fields.url), { multiline: false }) })
    reply.setCookie(COMMENTER_COOKIE, value, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 86400 })
  }

  /** Dates and numbers as the site writes them, without building a whole page's chrome. */
  async function readerFormat() {
    const settings = await getSiteSettings(db, { timeZone: config.timeZone })
    return formatter({ locale: settings.locale, digits: settings.digits, timeZone: settings.timeZone })
  }

  async function submittedJson(result: service.SubmitResult, location: string) {
    const format = await readerFormat()
    const comment = result.status === 'pending' ? (await service.listOwnPending(db, result.articleId, [result.id]))[0] : await service.findPublic(db, result.id)
    const total = await service.countApprovedComments(db, result.articleId)
    return {
      status: result.status,
      id: result.id,
      location,
      message: result.status === 'pending' ? 'تعليقك بانتظار المراجعة. سيظهر للقرّاء بعد أن يوافق عليه المشرفون.' : 'نُشر تعليقك.',
      html: comment ? (CommentBody({ format, comment }) as string) : '',
      count: total,
      countText: commentCountText(format, total),
    }
  }

  /** A refused form: the article page again, private, with everything typed and each error by its field. */
  async function answerFailure(request: FastifyRequest, reply: FastifyReply, articleId: number, fields: Fields, err: AppError) {
    replyStatusOf(reply, err).header('cache-control', 'private, no-store')
    const format = await readerFormat()
    const form = formStateOf(fields, err, format)
    if (wantsJson(request)) {
      return reply.send(
        errorBody(err.code, err.field, {
          ...(form.message ? { message: form.message } : {}),
          fields: form.errors.map((e) => ({ field: e.field, code: e.code, message: fieldErrorText(format, e) })),
          // The in-page script sends this instead, or every retry would be refused the same way.
          ...(err.code === 'comment_form_expired' ? { formToken: await formToken(db, new Date()) } : {}),
        }),
      )
    }
    const article = await getPublishedArticle(db, articleId)
    return reply.html(await options.renderArticlePage(request, article, { form }))
  }

  // Later pages of an article's comments (page 1 is the article page itself).
  app.get(
    '/comments/:articleId',
    { schema: { params: ArticleIdParams, querystring: PageQuery } },
    async (request, reply) => {
      const article = await getPublishedArticle(db, request.params.articleId)
      const page = request.query.page ?? 1
      if (page === 1) return reply.redirect(`${article.path}#comments`, 301)
      if (page > (await commentPageCount(db, article.id))) throw new NotFound('not_found')
      return pageCache.serve(request, reply, pageKey(request), async () => {
        const chrome = await loadChrome(request)
        const section = await renderCommentsSection(db, article, chrome, { page })
        return CommentsPage({ chrome, article, path: `/comments/${article.id}?page=${page}`, heading: `التعليقات، الصفحة ${chrome.format.number(page)}`, section }) as string
      })
    },
  )

  // The reply form without JavaScript: the comment being answered, then the form.
  app.get('/comments/:articleId/reply/:commentId', { schema: { params: ReplyParams } }, async (request, reply) => {
    const article = await getPublishedArticle(db, request.params.articleId)
    const parent = await service.findPublic(db, request.params.commentId)
    if (!parent || parent.articleId !== article.id) throw new NotFound('comment_not_found')
    return pageCache.serve(request, reply, pageKey(request), async () => {
      const chrome = await loadChrome(request)
      const section = await renderCommentsSection(db, article, chrome, { replyTo: parent, page: 1 })
      return CommentsPage({ chrome, article, path: `/comments/${article.id}/reply/${parent.id}`, heading: 'الرد على تعليق', section }) as string
    })
  })

  app.post('/comments/report/:commentId', { schema: { params: CommentIdParams }, preHandler: requireSameOrigin }, async (request, reply) => {
    const fields = asFields(request.body)
    const { articlePath } = await moderation.reportComment(db, request.params.commentId, fields, { ip: request.ip, now: new Date() })
    reply.header('cache-control', 'private, no-store')
    if (wantsJson(request)) return reply.send({ ok: true, message: 'شكراً لك، وصل بلاغك إلى المشرفين.' })
    return reply.redirect(`${articlePath}#report-sent`, 303)
  })

  // The reader's own held comments, proven by their signed cookie: private, never cached.
  app.get('/comments/mine', { schema: { querystring: MineQuery } }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store')
    const ids = await heldIds(db, request.cookies[HELD_COOKIE])
    const comments = await service.listOwnPending(db, request.query.article, ids)
    if (comments.length === 0) return { comments: [] }
    const format = await readerFormat()
    return { comments: comments.map((c) => ({ id: c.id, parentId: c.parentId, html: CommentBody({ format, comment: c }) as string })) }
  })
}

/** The public comment API under /api/v1: approved comments only, never an email. */
export const commentApiRoutes: Routes = async (app) => {
  const { db } = app

  const listSchema = {
    summary: 'التعليقات المنشورة على مقال',
    description: 'Approved comments only, oldest first; never an email address.',
    tags: ['comments'],
    params: IdParam,
    querystring: PageLimitQuery(100),
    response: { 200: CommentListJson, ...ReadErrors },
  }
  app.get('/articles/:id/comments', { schema: listSchema }, async (request, reply) =>
    cachedJson(request, reply, async () => {
      const article = await getPublishedArticle(db, request.params.id)
      const { page = 1, limit = 50 } = request.query
      const [comments, total] = await Promise.all([
        service.listApprovedComments(db, article.id, { limit, offset: (page - 1) * limit }),
        service.countApprovedComments(db, article.id),
      ])
      const json = {
        articleId: article.id,
        total,
        page,
        comments: comments.map((c) => ({
          id: c.id,
          parentId: c.parentId,
          name: c.name,
          url: c.url || null,
          body: c.body,
          isStaff: c.isStaff,
          createdAt: c.createdAt.toISOString(),
        })),
      }
      // Comments show on the article's page too: one key purges both when one is approved.
      return { json, surrogateKeys: [`article-${article.id}`] }
    }),
  )

  // Scripted clients: JSON only (a cross-site HTML form cannot send it), every moderation and flood rule applies.
  const postSchema = {
    summary: 'إرسال تعليق (يُنشر بعد المراجعة)',
    description: 'JSON only; every moderation, spam and flood rule applies. 202 with the comment\'s status (pending, approved…).',
    tags: ['comments'],
    params: IdParam,
    // Checked by the service (Arabic messages naming the field), so described for the API's map only.
    documentedBody: CommentInputJson,
    response: { 202: Type.Object({ status: Type.String(), id: Type.Integer() }) },
  }
  app.post('/articles/:id/comments', { schema: postSchema }, async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (type !== 'application/json') return sendError(request, reply, 415, 'unsupported_media_type', 'content-type')
    const result = await service.submitComment(db, request.params.id, asFields(request.body), { ip: request.ip, userAgent: str(request.headers['user-agent']), now: new Date() })
    reply.code(202).header('cache-control', 'no-store')
    return { status: result.status, id: result.id }
  })
}
