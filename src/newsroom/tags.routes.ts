import type { FastifyRequest } from 'fastify'
import { createTag, deleteTag, getTagEntry, listTagEntries, mergeTag, renameTag } from '../articles/index.js'
import { IdParam, pageCount, type Routes } from '../http/index.js'
import { CsrfOnlyBody, DoneQuery, doneNotice, FormBody, formValues, ListQuery, newsroomCsrf, refuseForm, staffOnly, verifyNewsroomCsrf } from '../staff/index.js'
import { TAG_NOTICES, TagEditPage, tagsHref, TagsPage } from './tags.page.js'

const PER_PAGE = 50
const TagBody = FormBody({ name: 1000, slug: 1000 })
const MergeBody = FormBody({ into: 1000 })

/** /newsroom/tags: search and page through tags; create, rename, merge one into another, delete. */
export const newsroomTagRoutes: Routes = async (app) => {
  const { db } = app
  app.addHook('onRequest', staffOnly('taxonomy.manage'))
  app.addHook('preHandler', verifyNewsroomCsrf)
  const desk = (request: FastifyRequest) => ({ staff: request.staff!, csrf: newsroomCsrf(request) })

  const listPage = async (request: FastifyRequest, q: string, page: number, extra: { notice?: string; values?: Record<string, string>; problem?: { field?: string; message: string } } = {}) => {
    const { tags, total } = await listTagEntries(db, { q, limit: PER_PAGE, offset: (page - 1) * PER_PAGE })
    return TagsPage({ ...desk(request), tags, total, q, page, pages: pageCount(total, PER_PAGE), ...extra })
  }

  app.get('/', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim()
    return reply.html(await listPage(request, q, request.query.page ?? 1, { notice: doneNotice(TAG_NOTICES, request.query.done) }))
  })

  app.post('/', { schema: { body: TagBody } }, async (request, reply) => {
    const values = formValues(request.body)
    try {
      const tag = await createTag(db, { name: values.name ?? '', slug: values.slug })
      return reply.redirect(`${tagsHref(tag.name)}&done=created`, 303)
    } catch (err) {
      return refuseForm(reply, err, (problem) => listPage(request, '', 1, { values, problem }))
    }
  })

  app.get('/:id', { schema: { params: IdParam, querystring: DoneQuery } }, async (request, reply) => {
    const tag = await getTagEntry(db, request.params.id)
    return reply.html(TagEditPage({ ...desk(request), tag, notice: doneNotice(TAG_NOTICES, request.query.done) }))
  })

  app.post('/:id', { schema: { params: IdParam, body: TagBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      await renameTag(db, id, { name: values.name ?? '', slug: values.slug })
      return reply.redirect(`/newsroom/tags/${id}?done=saved`, 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => TagEditPage({ ...desk(request), tag: await getTagEntry(db, id), form: 'rename', values, problem }))
    }
  })

  app.post('/:id/merge', { schema: { params: IdParam, body: MergeBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      const into = await mergeTag(db, id, values.into ?? '')
      return reply.redirect(`/newsroom/tags/${into.id}?done=merged`, 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => TagEditPage({ ...desk(request), tag: await getTagEntry(db, id), form: 'merge', values, problem }))
    }
  })

  app.post('/:id/delete', { schema: { params: IdParam, body: CsrfOnlyBody } }, async (request, reply) => {
    await deleteTag(db, request.params.id)
    return reply.redirect('/newsroom/tags?done=deleted', 303)
  })
}
