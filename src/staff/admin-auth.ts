import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Config } from '../config/index.js'
import { Forbidden, TooManyRequests, Unauthorized } from '../http/index.js'
import { can, type Permission } from './roles.js'
import { findStaffByToken, sha256 } from './tokens.service.js'

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,200})[ \t]*$/i

type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>
// One limiter (one counter store) per app, shared by every admin route: the limit is per token, not per route.
const limiters = new WeakMap<Config, Limiter>()
const tokenKeys = new WeakMap<FastifyRequest, string>()

function writeLimiter(request: FastifyRequest): Limiter {
  const { config } = request.server
  let limiter = limiters.get(config)
  if (!limiter) {
    limiter = request.server.rateLimit({
      max: config.adminRateLimit,
      timeWindow: 60_000,
      keyGenerator: (req) => tokenKeys.get(req) ?? req.ip,
      errorResponseBuilder: (_req, context) => new TooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
    }) as Limiter
    limiters.set(config, limiter)
  }
  return limiter
}

/**
 * Hook for /api/v1/admin/* routes: `Authorization: Bearer <token>` (from `nashra token add`).
 * Missing or unknown token → 401; a role without `permission` → 403; writes are rate-limited
 * per token (NASHRA_ADMIN_RATE_LIMIT a minute). Sets request.staff.
 */
export function adminApi(permission: Permission): onRequestAsyncHookHandler {
  return async function adminApiHook(request, reply) {
    reply.header('cache-control', 'no-store')
    const match = BEARER.exec(String(request.headers.authorization ?? ''))
    if (!match) {
      reply.header('www-authenticate', 'Bearer realm="nashra"')
      throw new Unauthorized('unauthorized')
    }
    const staff = await findStaffByToken(request.server.db, match[1], new Date())
    if (!staff) {
      reply.header('www-authenticate', 'Bearer realm="nashra", error="invalid_token"')
      throw new Unauthorized('unauthorized')
    }
    request.staff = staff
    if (!can(staff.role, permission)) throw new Forbidden('forbidden')
    if (!READ_METHODS.has(request.method)) {
      tokenKeys.set(request, `admin-token:${sha256(match[1])}`)
      await writeLimiter(request)(request, reply)
    }
  }
}
