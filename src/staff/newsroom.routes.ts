import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError, Forbidden, NotFound, replyStatusOf, requireSameOrigin, type Routes, sendError, TooManyRequests, Unauthorized, wantsJson } from '../http/index.js'
import { verifyCredentials } from './accounts.service.js'
import { LoginPage } from './login.page.js'
import { NewsroomNotFoundPage } from './not-found.page.js'
import { claimLoginAttempt, releaseLoginAttempt, throttlePolicy } from './login-throttle.js'
import { safeNext } from './safe-next.js'
import {
  clearLoginCookie,
  clearSessionCookie,
  formToken,
  loginCookieName,
  readSessionCookie,
  sameToken,
  sessionPolicy,
  setLoginCookie,
  setSessionCookie,
} from './session-cookie.js'
import { endSession, startSession } from './sessions.service.js'
import { loadStaff, noStore, staffOnly, verifyNewsroomCsrf } from './staff-only.js'
import { throttledMessage } from './throttle-message.js'

// `next` may be anything: safeNext turns what is not a path of this site into the newsroom home, never a 400.
const LoginQuery = Type.Object({ next: Type.Optional(Type.Unknown()) })
const LoginBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 1024 }),
  next: Type.Optional(Type.Unknown()),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})

const FAILED = 'البريد الإلكتروني أو كلمة المرور غير صحيحة.'
const EXPIRED = 'انتهت صلاحية نموذج الدخول. أعد إدخال بياناتك وحاول مجدداً.'

/** /newsroom: sign-in and sign-out. The home (src/newsroom/home.routes.ts) and feature pages are their own plugins behind staffOnly(). */
export const newsroomRoutes: Routes = async (app) => {
  const { db, config } = app
  const policy = sessionPolicy(config)
  const throttle = throttlePolicy(config.loginMaxFailures)

  app.addHook('onRequest', async (_request, reply) => noStore(reply))

  /** The login form's token, bound to a pre-sign-in cookie (made when the browser has none). */
  const loginToken = (request: FastifyRequest, reply: FastifyReply): string => {
    let value = request.cookies?.[loginCookieName(config)]
    if (!value || !/^[A-Za-z0-9_-]{22,64}$/.test(value)) {
      value = randomBytes(24).toString('base64url')
      setLoginCookie(reply, config, value)
    }
    return formToken(config, 'login', value)
  }

  app.get('/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next)
    if (await loadStaff(request)) return reply.redirect(next, 303)
    return reply.html(LoginPage({ csrf: loginToken(request, reply), next }) as string)
  })

  app.post('/login', { schema: { body: LoginBody } }, async (request, reply) => {
    await requireSameOrigin(request, reply)
    const { email, password } = request.body
    const next = safeNext(request.body.next)
    // A refused sign-in is the form again, with the email kept; the kit gives each refusal its status.
    const form = (refusal: AppError, error: string) =>
      replyStatusOf(reply, refusal).html(LoginPage({ csrf: loginToken(request, reply), next, email, error }) as string)

    const cookie = request.cookies?.[loginCookieName(config)]
    if (!cookie || !sameToken(request.body._csrf, formToken(config, 'login', cookie))) return form(new Forbidden('csrf'), EXPIRED)

    const now = new Date()
    const attempt = { ip: request.ip, email }
    // Claimed before the password is checked, as a failure unless it succeeds.
    const wait = await claimLoginAttempt(db, attempt, throttle, now)
    if (wait > 0) {
      return form(new TooManyRequests(wait), throttledMessage(wait))
    }
    const staff = await verifyCredentials(db, email, password)
    if (!staff) {
      request.log.info({ ip: request.ip }, 'newsroom sign-in failed')
      return form(new Unauthorized('unauthorized'), FAILED)
    }
    await releaseLoginAttempt(db, attempt, now)
    const id = await startSession(
      db,
      { accountId: staff.id, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), replaces: readSessionCookie(request) },
      policy,
      now,
    )
    setSessionCookie(reply, config, id)
    clearLoginCookie(reply, config)
    request.log.info({ accountId: staff.id }, 'newsroom sign-in')
    return reply.redirect(next, 303)
  })

  app.post('/logout', { onRequest: staffOnly('newsroom.access'), preHandler: verifyNewsroomCsrf }, async (request, reply) => {
    const id = readSessionCookie(request)
    if (id) await endSession(db, id)
    clearSessionCookie(reply, config)
    return reply.redirect('/newsroom/login', 303)
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return sendError(request, reply, 404, 'not_found')
    const staff = await loadStaff(request)
    return replyStatusOf(reply, new NotFound('not_found')).html(NewsroomNotFoundPage({ staff, csrf: request.staffSession?.csrfToken }) as string)
  })
}
