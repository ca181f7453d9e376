import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { decideLegalReview, listDeskArticles, listSections, listWorkflowEvents, type EditorialArticle } from '../articles/index.js'
import { AppError, IdParam, Invalid, Page, pageCount, replyStatusOf, type Routes } from '../http/index.js'
import { newsroomCsrf } from '../staff/index.js'
import { articleRelations } from './article-input.js'
import { refusalOf } from './articles.routes.js'
import { deskPages } from './desk-errors.js'
import { readArticle } from './desk.service.js'
import { LegalQueuePage, LegalReviewPage } from './legal.page.js'

const PER_PAGE = 25
const QueueQuery = Type.Object({ page: Page(), done: Type.Optional(Type.String({ maxLength: 20 })) })
const DecisionBody = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  decision: Type.Optional(Type.String({ maxLength: 20 })),
  note: Type.Optional(Type.String({ maxLength: 16000 })),
})
const DONE = new Map([
  ['approved', 'وُوفق على المقالة؛ يستطيع المحررون نشرها أو جدولتها.'],
  ['returned', 'أُعيدت المقالة إلى كاتبها مع ملاحظتك.'],
])

/** /newsroom/legal: the legal reviewer's queue, each article read-only with approve / return-with-note. */
export const legalRoutes: Routes = async (app) => {
  const { db } = app
  const format = deskPages(app, 'articles.legal')

  app.get('/', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1
    const { articles, total } = await listDeskArticles(db, { legalPending: true }, { page, limit: PER_PAGE })
    const notice = request.query.done ? DONE.get(request.query.done) : undefined
    return reply.html(LegalQueuePage({ staff: request.staff!, csrf: newsroomCsrf(request), format, articles, total, page, pages: pageCount(total, PER_PAGE), notice }) as string)
  })

  async function reviewPage(request: FastifyRequest, article: EditorialArticle, extra: { note?: string; error?: { field?: string; message: string } } = {}) {
    const [sections, { authors }, events] = await Promise.all([listSections(db), articleRelations(db, article), listWorkflowEvents(db, article.id)])
    const sectionName = sections.find((s) => s.id === article.sectionId)?.name ?? article.sectionSlug
    return LegalReviewPage({ staff: request.staff!, csrf: newsroomCsrf(request), format, article, sectionName, authors: authors.map((a) => a.name), events, ...extra }) as string
  }

  app.get('/:id', { schema: { params: IdParam } }, async (request, reply) => reply.html(await reviewPage(request, await readArticle(db, request.staff!, request.params.id))))

  app.post('/:id', { schema: { params: IdParam, body: DecisionBody } }, async (request, reply) => {
    const staff = request.staff!
    const article = await readArticle(db, staff, request.params.id)
    const note = (request.body.note ?? '').replace(/\r\n?/g, '\n')
    const approve = request.body.decision === 'approve'
    try {
      if (!approve && request.body.decision !== 'return') throw new Invalid('field_required', 'decision')
      await decideLegalReview(db, article.id, { approve, note }, { id: staff.id, name: staff.name }, new Date())
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'article_not_found') throw err
      const fresh = await readArticle(db, staff, article.id)
      return replyStatusOf(reply, err).html(await reviewPage(request, fresh, { note, error: refusalOf(err) }))
    }
    return reply.redirect(`/newsroom/legal?done=${approve ? 'approved' : 'returned'}`, 303)
  })
}
