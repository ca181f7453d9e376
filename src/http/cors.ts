import type { FastifyInstance } from 'fastify'

// The read API may be fetched from any site's pages (widgets, apps): GET and HEAD only, no
// credentials. Writes (comments) and the admin API get no CORS headers, so a browser on another
// origin cannot read their answers or send them JSON (its preflight is refused).

const READ_METHODS = new Set(['GET', 'HEAD'])
const PREFLIGHT = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD',
  'access-control-allow-headers': 'If-None-Match, If-Modified-Since, Accept, Accept-Language',
  'access-control-max-age': '86400',
}
const ON_READS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag, Last-Modified, Surrogate-Key' }

/** True for /api/v1 outside /api/v1/admin. */
const isReadApi = (url: string) => url.startsWith('/api/v1/') && !url.startsWith('/api/v1/admin/') && url !== '/api/v1/admin'

/** `Access-Control-Allow-Origin: *` on read API GETs (the page cache replays it), and its OPTIONS preflight. */
export function installReadApiCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (READ_METHODS.has(request.method) && isReadApi(request.url)) reply.headers(ON_READS)
  })
  app.options('/api/v1/*', { schema: { hide: true } as object }, async (request, reply) => {
    if (!isReadApi(request.url)) return reply.code(404).header('cache-control', 'no-store').send()
    // A preflight for a method other than GET/HEAD is answered without CORS headers: the browser refuses it.
    const method = String(request.headers['access-control-request-method'] ?? 'GET').toUpperCase()
    if (!READ_METHODS.has(method)) return reply.code(204).header('cache-control', 'no-store').send()
    return reply.code(204).headers(PREFLIGHT).header('vary', 'Access-Control-Request-Method').send()
  })
}
