import type { FastifyRequest } from 'fastify'
import { IdParam, Invalid, plainInteger, type Routes } from '../http/index.js'
import { addToMasthead, listMasthead, listPersonEntries, moveInMasthead, removeFromMasthead, updateMastheadEntry } from '../people/index.js'
import { doneNotice, FormBody, formValues, ListQuery, MoveBody, newsroomCsrf, refuseForm, staffOnly, verifyNewsroomCsrf } from '../staff/index.js'
import { MASTHEAD_NOTICES, MastheadDeskPage, type MastheadRefusal } from './masthead.page.js'

const CANDIDATES = 20
const AddBody = FormBody({ personId: 20, jobTitle: 1000, q: 200 })
const EntryBody = FormBody({ jobTitle: 1000, inMastheadLine: 10 })

/** /newsroom/masthead: the masthead's people, order and titles, and who is in the header line. Reader pages follow at once (each write bumps the content version). */
export const newsroomMastheadRoutes: Routes = async (app) => {
  const { db } = app
  app.addHook('onRequest', staffOnly('masthead.manage'))
  app.addHook('preHandler', verifyNewsroomCsrf)

  const page = async (request: FastifyRequest, q: string, extra: { notice?: string; refusal?: MastheadRefusal } = {}) => {
    const [entries, found] = await Promise.all([listMasthead(db), q ? listPersonEntries(db, { q, limit: CANDIDATES, offset: 0 }) : undefined])
    return MastheadDeskPage({ staff: request.staff!, csrf: newsroomCsrf(request), entries, q, candidates: found?.people ?? [], ...extra })
  }

  app.get('/', { schema: { querystring: ListQuery } }, async (request, reply) =>
    reply.html(await page(request, (request.query.q ?? '').trim(), { notice: doneNotice(MASTHEAD_NOTICES, request.query.done) })),
  )

  app.post('/', { schema: { body: AddBody } }, async (request, reply) => {
    const values = formValues(request.body)
    const personId = plainInteger(values.personId) ?? 0
    try {
      if (personId < 1) throw new Invalid('invalid_parameter', 'personId')
      await addToMasthead(db, personId, values.jobTitle ?? '')
      return reply.redirect('/newsroom/masthead?done=added', 303)
    } catch (err) {
      return refuseForm(reply, err, (problem) => page(request, (values.q ?? '').trim(), { refusal: { form: 'add', personId, values, problem } }))
    }
  })

  app.post('/:id', { schema: { params: IdParam, body: EntryBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      await updateMastheadEntry(db, id, { title: values.jobTitle ?? '', inMastheadLine: values.inMastheadLine === '1' })
      return reply.redirect('/newsroom/masthead?done=saved', 303)
    } catch (err) {
      return refuseForm(reply, err, (problem) => page(request, '', { refusal: { form: 'entry', personId: id, values, problem } }))
    }
  })

  app.post('/:id/move', { schema: { params: IdParam, body: MoveBody } }, async (request, reply) => {
    await moveInMasthead(db, request.params.id, request.body.direction)
    return reply.redirect('/newsroom/masthead?done=moved', 303)
  })

  app.post('/:id/remove', { schema: { params: IdParam, body: EntryBody } }, async (request, reply) => {
    await removeFromMasthead(db, request.params.id)
    return reply.redirect('/newsroom/masthead?done=removed', 303)
  })
}
