import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { Forbidden, replyStatusOf, requireSameOrigin, Unauthorized, wantsJson } from '../http/index.js'
import { can, type Permission } from './roles.js'
import { type Staff } from './account.js'
import { ForbiddenPage } from './forbidden.page.js'
import { formToken, readSessionCookie, sameToken, sessionPolicy } from './session-cookie.js'
import { resumeSession } from './sessions.service.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Newsroom responses are personal: never stored by a browser or any cache. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'private, no-store')
  reply.header('x-robots-tag', 'noindex, nofollow')
}

/** Loads the session once per request (several hooks may ask); sets request.staff and request.staffSession. */
export async function loadStaff(request: FastifyRequest): Promise<Staff | undefined> {
  if (request.staff && request.staffSession) return request.staff
  const id = readSessionCookie(request)
  if (!id) return undefined
  const { db, config } = request.server
  const staff = await resumeSession(db, id, sessionPolicy(config), new Date())
  if (!staff) return undefined
  request.staff = staff
  request.staffSession = { csrfToken: formToken(config, 'session', id) }
  return staff
}

/** Where to send someone who must sign in first; GET pages come back to where they were. */
export function loginUrl(request: FastifyRequest): string {
  if (request.method !== 'GET') return '/newsroom/login'
  return `/newsroom/login?next=${encodeURIComponent(request.url)}`
}

/**
 * Hook for newsroom HTML routes: no session → 303 to the login form; a role without
 * `permission` → a 403 page. Use as onRequest (before the body is parsed) or preHandler.
 */
export function staffOnly(permission: Permission = 'newsroom.access'): onRequestAsyncHookHandler {
  return async function staffOnlyHook(request, reply) {
    noStore(reply)
    const staff = await loadStaff(request)
    if (!staff) {
      // A script gets the kit's JSON 401 (the error handler); a person is sent to sign in.
      if (wantsJson(request)) throw new Unauthorized('unauthorized')
      return reply.redirect(loginUrl(request), 303)
    }
    if (!can(staff.role, permission)) {
      if (wantsJson(request)) throw new Forbidden('forbidden')
      // The newsroom's own 403 page (its header, a way to sign out), not the reader site's.
      return replyStatusOf(reply, new Forbidden('forbidden')).html(ForbiddenPage({ staff, csrf: newsroomCsrf(request) }) as string)
    }
  }
}

/** The session-bound token for newsroom forms: put it in a hidden `_csrf` input (or an `X-CSRF-Token` header for fetch). */
export function newsroomCsrf(request: FastifyRequest): string {
  const token = request.staffSession?.csrfToken
  if (!token) throw new Error('newsroomCsrf() needs staffOnly() to run first')
  return token
}

/**
 * preHandler for every state-changing newsroom request: the Origin / Sec-Fetch-Site check
 * and the session-bound token (`_csrf` in the form body, or the `X-CSRF-Token` header).
 */
export async function verifyNewsroomCsrf(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return
  await requireSameOrigin(request, reply)
  const expected = request.staffSession?.csrfToken
  const body = request.body
  // A form, JSON or multipart field (the media plugins parse uploads into the body before preHandler hooks).
  const sent: unknown = (body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined) ?? request.headers['x-csrf-token']
  if (!expected || !sameToken(sent, expected)) throw new Forbidden('csrf')
}
