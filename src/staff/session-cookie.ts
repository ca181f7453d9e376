import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config/index.js'
import type { SessionPolicy } from './sessions.service.js'

// The cookie only goes to /newsroom: reader pages (cached, shared) never see it.
const COOKIE_PATH = '/newsroom'

const secure = (config: Config) => config.baseUrl.protocol === 'https:'

/** `__Secure-` makes browsers refuse the cookie unless it came over HTTPS. */
export const sessionCookieName = (config: Config) => (secure(config) ? '__Secure-nashra_session' : 'nashra_session')
export const loginCookieName = (config: Config) => (secure(config) ? '__Secure-nashra_login' : 'nashra_login')

export const sessionPolicy = (config: Config): SessionPolicy => ({
  ttlMs: config.sessionHours * 3600_000,
  idleMs: config.sessionIdleMinutes * 60_000,
})

export function readSessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies?.[sessionCookieName(request.server.config)] || undefined
}

export function setSessionCookie(reply: FastifyReply, config: Config, id: string): void {
  reply.setCookie(sessionCookieName(config), id, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(config),
    maxAge: config.sessionHours * 3600,
  })
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: secure(config) })
}

/** Pre-sign-in cookie behind the login form's token (login CSRF): random, an hour long. */
export function setLoginCookie(reply: FastifyReply, config: Config, value: string): void {
  reply.setCookie(loginCookieName(config), value, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(config),
    maxAge: 3600,
  })
}

export function clearLoginCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(loginCookieName(config), { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: secure(config) })
}

/** A token bound to `value` (a session id, a login cookie) by the site secret: forms carry it, the server recomputes it. */
export function formToken(config: Config, purpose: 'session' | 'login', value: string): string {
  return createHmac('sha256', config.secret).update(`nashra-csrf:${purpose}:${value}`).digest('base64url')
}

export function sameToken(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false
  const a = Buffer.from(sent)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
