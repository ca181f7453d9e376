import type { FastifyReply, FastifyRequest } from 'fastify'
import { Forbidden } from './errors.js'

/**
 * Public forms are checked by origin, not by token, so cached pages need no per-reader token
 * (the brief's decision). Browsers send Sec-Fetch-Site and Origin on every cross-site POST.
 */
export async function requireSameOrigin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const site = request.headers['sec-fetch-site']
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new Forbidden('csrf')
  const origin = request.headers.origin
  if (typeof origin === 'string' && origin !== 'null') {
    let host: string
    try {
      host = new URL(origin).host
    } catch {
      throw new Forbidden('csrf')
    }
    const allowed = new Set([request.headers.host, request.server.config.baseUrl.host])
    if (!allowed.has(host)) throw new Forbidden('csrf')
  } else if (origin === 'null') {
    throw new Forbidden('csrf')
  }
}
