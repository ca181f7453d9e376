import type { FastifyRequest } from 'fastify'
import { slugFrom } from '../articles/index.js'
import { IdParam, pageCount, type Routes } from '../http/index.js'
import { createPerson, deletePerson, getPersonEntry, listPersonEntries, updatePerson, type PersonFields } from '../people/index.js'
import { CsrfOnlyBody, DoneQuery, doneNotice, FormBody, formValues, ListQuery, newsroomCsrf, refuseForm, staffOnly, verifyNewsroomCsrf, type FormProblem } from '../staff/index.js'
import { articlesText } from './sections.page.js'
import { PEOPLE_NOTICES, peopleHref, PeoplePage, PersonEditPage } from './people.page.js'

const PER_PAGE = 50
const PersonBody = FormBody({ name: 1000, slug: 1000, jobTitle: 1000, bio: 20000 })

/** The form's fields as the people service takes them; the slug made from the name when none is typed. */
const personFields = (values: Record<string, string>): PersonFields => ({
  name: values.name ?? '',
  slug: slugFrom(values.slug, values.name ?? ''),
  title: values.jobTitle,
  bio: values.bio,
})

/** /newsroom/people: bylines, searched and paged; create, edit, delete someone with no article. */
export const newsroomPeopleRoutes: Routes = async (app) => {
  const { db } = app
  app.addHook('onRequest', staffOnly('people.manage'))
  app.addHook('preHandler', verifyNewsroomCsrf)
  const desk = (request: FastifyRequest) => ({ staff: request.staff!, csrf: newsroomCsrf(request) })

  const listPage = async (request: FastifyRequest, q: string, page: number, extra: { notice?: string; values?: Record<string, string>; problem?: FormProblem } = {}) => {
    const { people, total } = await listPersonEntries(db, { q, limit: PER_PAGE, offset: (page - 1) * PER_PAGE })
    return PeoplePage({ ...desk(request), people, total, q, page, pages: pageCount(total, PER_PAGE), ...extra })
  }

  app.get('/', { schema: { querystring: ListQuery } }, async (request, reply) =>
    reply.html(await listPage(request, (request.query.q ?? '').trim(), request.query.page ?? 1, { notice: doneNotice(PEOPLE_NOTICES, request.query.done) })),
  )

  app.post('/', { schema: { body: PersonBody } }, async (request, reply) => {
    const values = formValues(request.body)
    try {
      const person = await createPerson(db, personFields(values), new Date())
      return reply.redirect(`${peopleHref(person.name)}&done=created`, 303)
    } catch (err) {
      return refuseForm(reply, err, (problem) => listPage(request, '', 1, { values, problem }))
    }
  })

  app.get('/:id', { schema: { params: IdParam, querystring: DoneQuery } }, async (request, reply) => {
    const person = await getPersonEntry(db, request.params.id)
    return reply.html(PersonEditPage({ ...desk(request), person, notice: doneNotice(PEOPLE_NOTICES, request.query.done) }))
  })

  app.post('/:id', { schema: { params: IdParam, body: PersonBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      await updatePerson(db, id, personFields(values))
      return reply.redirect(`/newsroom/people/${id}?done=saved`, 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => PersonEditPage({ ...desk(request), person: await getPersonEntry(db, id), values, problem }))
    }
  })

  app.post('/:id/delete', { schema: { params: IdParam, body: CsrfOnlyBody } }, async (request, reply) => {
    const { id } = request.params
    try {
      await deletePerson(db, id)
      return reply.redirect('/newsroom/people?done=deleted', 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => {
        const person = await getPersonEntry(db, id)
        return PersonEditPage({ ...desk(request), person, deleteProblem: { ...problem, message: `يحمل اسمه ${articlesText(person.articleCount)}. ${problem.message}` } })
      })
    }
  })
}
