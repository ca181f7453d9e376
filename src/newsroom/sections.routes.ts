import type { FastifyRequest } from 'fastify'
import { createSection, deleteSection, getSectionEntry, listSectionEntries, moveSection, updateSection, type SectionInput } from '../articles/index.js'
import { IdParam, type Routes } from '../http/index.js'
import { CsrfOnlyBody, DoneQuery, doneNotice, FormBody, formValues, MoveBody, newsroomCsrf, refuseForm, staffOnly, verifyNewsroomCsrf } from '../staff/index.js'
import { articlesText, SECTION_NOTICES, SectionEditPage, SectionsPage } from './sections.page.js'

const SectionBody = FormBody({ name: 1000, slug: 1000, description: 5000, onHome: 10, requiresLegalReview: 10 })

const sectionInput = (values: Record<string, string>): SectionInput => ({
  name: values.name ?? '',
  slug: values.slug,
  description: values.description,
  onHome: values.onHome === '1',
  requiresLegalReview: values.requiresLegalReview === '1',
})

/** /newsroom/sections: order, home page blocks, legal review by section; create, edit, delete an empty one. */
export const newsroomSectionRoutes: Routes = async (app) => {
  const { db } = app
  app.addHook('onRequest', staffOnly('taxonomy.manage'))
  app.addHook('preHandler', verifyNewsroomCsrf)
  const desk = (request: FastifyRequest) => ({ staff: request.staff!, csrf: newsroomCsrf(request) })

  app.get('/', { schema: { querystring: DoneQuery } }, async (request, reply) =>
    reply.html(SectionsPage({ ...desk(request), sections: await listSectionEntries(db), notice: doneNotice(SECTION_NOTICES, request.query.done) })),
  )

  app.post('/', { schema: { body: SectionBody } }, async (request, reply) => {
    const values = formValues(request.body)
    try {
      await createSection(db, sectionInput(values))
      return reply.redirect('/newsroom/sections?done=created', 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => SectionsPage({ ...desk(request), sections: await listSectionEntries(db), values, problem }))
    }
  })

  app.get('/:id', { schema: { params: IdParam, querystring: DoneQuery } }, async (request, reply) => {
    const section = await getSectionEntry(db, request.params.id)
    return reply.html(SectionEditPage({ ...desk(request), section, notice: doneNotice(SECTION_NOTICES, request.query.done) }))
  })

  app.post('/:id', { schema: { params: IdParam, body: SectionBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      await updateSection(db, id, sectionInput(values))
      return reply.redirect(`/newsroom/sections/${id}?done=saved`, 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => SectionEditPage({ ...desk(request), section: await getSectionEntry(db, id), values, problem }))
    }
  })

  app.post('/:id/move', { schema: { params: IdParam, body: MoveBody } }, async (request, reply) => {
    await moveSection(db, request.params.id, request.body.direction)
    return reply.redirect('/newsroom/sections?done=moved', 303)
  })

  app.post('/:id/delete', { schema: { params: IdParam, body: CsrfOnlyBody } }, async (request, reply) => {
    const { id } = request.params
    try {
      await deleteSection(db, id)
      return reply.redirect('/newsroom/sections?done=deleted', 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => {
        const section = await getSectionEntry(db, id)
        const counted = { ...problem, message: `في هذا القسم ${articlesText(section.articleCount)}. ${problem.message}` }
        return SectionEditPage({ ...desk(request), section, deleteProblem: counted })
      })
    }
  })
}
