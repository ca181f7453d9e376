import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { formText, Id, IdParam, Invalid, type Routes } from '../http/index.js'
import {
  changePassword,
  createAccount,
  createApiToken,
  CsrfOnlyBody,
  DoneQuery,
  doneNotice,
  endSessionsOf,
  FormBody,
  formValues,
  getAccount,
  listAccounts,
  listApiTokens,
  newsroomCsrf,
  refuseForm,
  revokeApiToken,
  revokeApiTokens,
  setAccountDisabled,
  setAccountRole,
  staffOnly,
  verifyNewsroomCsrf,
  type FormProblem,
} from '../staff/index.js'
import { formatter } from '../views/index.js'
import { ACCOUNT_NOTICES, AccountPage, AccountsPage, type AccountForm } from './accounts.page.js'

const NewAccountBody = FormBody({ email: 1000, name: 1000, role: 50, password: 2000 })
const RoleBody = FormBody({ role: 50 })
const DisabledBody = FormBody({ disabled: 10 })
const PasswordBody = FormBody({ password: 2000 })
const TokenBody = FormBody({ label: 1000 })
const TokenParams = Type.Object({ id: Id, tokenId: Id })

/** /newsroom/accounts (users.manage): accounts, roles, disabling, passwords and API tokens. */
export const newsroomAccountRoutes: Routes = async (app) => {
  const { db, config } = app
  app.addHook('onRequest', staffOnly('users.manage'))
  app.addHook('preHandler', verifyNewsroomCsrf)
  const format = formatter({ locale: 'ar', digits: 'latn', timeZone: config.timeZone })
  const desk = (request: FastifyRequest) => ({ staff: request.staff!, csrf: newsroomCsrf(request) })

  const accountPage = async (request: FastifyRequest, id: number, extra: { notice?: string; form?: AccountForm; values?: Record<string, string>; problem?: FormProblem; newToken?: string } = {}) => {
    const [account, tokens] = await Promise.all([getAccount(db, id), listApiTokens(db, id)])
    return AccountPage({ ...desk(request), account, tokens, format, ...extra })
  }
  /** The account page again, the refused form marked (what was typed stays, passwords aside). */
  const refuse = (request: FastifyRequest, id: number, form: AccountForm, values: Record<string, string>) => (problem: FormProblem) =>
    accountPage(request, id, { form, values, problem })

  app.get('/', { schema: { querystring: DoneQuery } }, async (request, reply) =>
    reply.html(AccountsPage({ ...desk(request), accounts: await listAccounts(db), notice: doneNotice(ACCOUNT_NOTICES, request.query.done) })),
  )

  app.post('/', { schema: { body: NewAccountBody } }, async (request, reply) => {
    const { password = '', ...values } = formValues(request.body)
    try {
      await createAccount(db, { email: values.email ?? '', name: values.name ?? '', role: values.role ?? '', password }, new Date())
      return reply.redirect('/newsroom/accounts?done=created', 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => AccountsPage({ ...desk(request), accounts: await listAccounts(db), values, problem }))
    }
  })

  app.get('/:id', { schema: { params: IdParam, querystring: DoneQuery } }, async (request, reply) =>
    reply.html(await accountPage(request, request.params.id, { notice: doneNotice(ACCOUNT_NOTICES, request.query.done) })),
  )

  app.post('/:id/role', { schema: { params: IdParam, body: RoleBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      await setAccountRole(db, id, values.role ?? '', new Date(), request.staff!.id)
      return reply.redirect(`/newsroom/accounts/${id}?done=role`, 303)
    } catch (err) {
      return refuseForm(reply, err, refuse(request, id, 'role', values))
    }
  })

  app.post('/:id/disabled', { schema: { params: IdParam, body: DisabledBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      if (values.disabled !== '1' && values.disabled !== '0') throw new Invalid('invalid_parameter', 'disabled')
      const disabled = values.disabled === '1'
      await getAccount(db, id)
      await setAccountDisabled(db, id, disabled, new Date(), request.staff!.id)
      if (disabled) await endSessionsOf(db, id)
      return reply.redirect(`/newsroom/accounts/${id}?done=${disabled ? 'disabled' : 'enabled'}`, 303)
    } catch (err) {
      return refuseForm(reply, err, refuse(request, id, 'disabled', values))
    }
  })

  app.post('/:id/password', { schema: { params: IdParam, body: PasswordBody } }, async (request, reply) => {
    const { id } = request.params
    try {
      await getAccount(db, id)
      await changePassword(db, id, formValues(request.body).password ?? '', new Date())
      // Whoever knew the old password is signed out everywhere (the admin too, when it is their own).
      await endSessionsOf(db, id)
      return reply.redirect(`/newsroom/accounts/${id}?done=password`, 303)
    } catch (err) {
      return refuseForm(reply, err, refuse(request, id, 'password', {}))
    }
  })

  app.post('/:id/tokens', { schema: { params: IdParam, body: TokenBody } }, async (request, reply) => {
    const { id } = request.params
    const values = formValues(request.body)
    try {
      const account = await getAccount(db, id)
      const { token } = await createApiToken(db, { email: account.email, label: formText(values.label, 'label', { max: 100 }) }, new Date())
      // Answered here, not after a redirect: the token is never stored in the clear, so it can only be shown now.
      return reply.code(201).html(await accountPage(request, id, { newToken: token }))
    } catch (err) {
      return refuseForm(reply, err, refuse(request, id, 'token', values))
    }
  })

  app.post('/:id/tokens/revoke', { schema: { params: IdParam, body: CsrfOnlyBody } }, async (request, reply) => {
    const { id } = request.params
    await getAccount(db, id)
    await revokeApiTokens(db, id)
    return reply.redirect(`/newsroom/accounts/${id}?done=revoked`, 303)
  })

  app.post('/:id/tokens/:tokenId/revoke', { schema: { params: TokenParams, body: CsrfOnlyBody } }, async (request, reply) => {
    const { id, tokenId } = request.params
    await getAccount(db, id)
    await revokeApiToken(db, id, tokenId)
    return reply.redirect(`/newsroom/accounts/${id}?done=revoked`, 303)
  })
}
