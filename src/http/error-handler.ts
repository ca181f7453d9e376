import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, Conflict, Forbidden, Invalid, NotFound, TooManyRequests, Unauthorized, type ErrorCode } from './errors.js'
import { BareErrorPage, ErrorPage } from './error.page.js'
import { messageFor } from './messages.js'
import { drainRequest } from './drain-request.js'
import { loadChrome } from './page-chrome.js'
import { findRedirect } from './redirects.js'

/** The HTTP status of a typed error: the one table from src/http/errors.ts to HTTP. */
export function statusOf(err: AppError): number {
  if (err instanceof NotFound) return 404
  if (err instanceof Unauthorized) return 401
  if (err instanceof Forbidden) return 403
  if (err instanceof Conflict) return 409
  if (err instanceof TooManyRequests) return 429
  if (err instanceof Invalid) return 400
  return 500
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  408: 'request_timeout',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
}

/** The field a Fastify schema error is about: `/limit` → limit, a missing property → its name. */
function fieldOfValidation(err: FastifyError): string | undefined {
  const first = err.validation?.[0]
  if (!first) return undefined
  const missing = (first.params as { missingProperty?: string })?.missingProperty
  const path = first.instancePath.replace(/^\//, '').split('/')[0]
  return missing ?? (path || undefined)
}

interface Described {
  status: number
  code: ErrorCode
  field?: string
}

function describe(err: FastifyError | AppError): Described {
  if (err instanceof AppError) return { status: statusOf(err), code: err.code, field: err.field }
  if (err.validation) return { status: 400, code: 'invalid_parameter', field: fieldOfValidation(err) }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500
  return { status, code: CODE_BY_STATUS[status] ?? (status < 500 ? 'bad_request' : 'internal') }
}

// originalUrl: an address refused before routing (request-limits.ts) is rewritten, yet keeps its part of the site.
export const isApiRequest = (request: FastifyRequest) => (request.originalUrl ?? request.url).startsWith('/api/')

/**
 * Whether the client wants JSON rather than a page: everything under /api does, and elsewhere an
 * Accept header that prefers application/json to text/html (higher q; on a tie, listed first).
 * A wildcard or no Accept at all is a browser or a crawler: HTML. The one rule for errors and for answers alike.
 */
export function wantsJson(request: FastifyRequest): boolean {
  if (isApiRequest(request)) return true
  const accept = request.headers.accept
  if (!accept) return false
  const json = acceptWeight(accept, 'application/json')
  const html = acceptWeight(accept, 'text/html')
  if (json.q === 0) return false
  return json.q > html.q || (json.q === html.q && json.index < html.index)
}

/** A media type's `q` in an Accept header (0 when absent) and where it is listed (for ties). */
function acceptWeight(accept: string, type: string): { q: number; index: number } {
  const ranges = accept.toLowerCase().split(',')
  for (const [index, range] of ranges.entries()) {
    const [name, ...params] = range.split(';').map((part) => part.trim())
    if (name !== type) continue
    const q = params.find((p) => p.startsWith('q='))
    const weight = q ? Number(q.slice(2)) : 1
    return { q: Number.isFinite(weight) && weight >= 0 && weight <= 1 ? weight : 0, index }
  }
  return { q: 0, index: Infinity }
}

/** The JSON error every client gets: `{ error: { code, message, field? } }`, plus what a feature adds (`more`). */
export function errorBody(code: ErrorCode, field?: string, more: Record<string, unknown> = {}) {
  return { error: { code, message: messageFor(code, field), ...(field ? { field } : {}), ...more } }
}

/** Puts a typed error's status (and Retry-After, for 429) on `reply`; the body is the caller's. */
export function replyStatusOf(reply: FastifyReply, err: AppError): FastifyReply {
  if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds))
  return reply.status(statusOf(err))
}

/** The only place errors become responses: JSON when the client wants it (wantsJson), an Arabic page elsewhere. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError | AppError, request, reply) => {
    const { status, code, field } = describe(err)
    if (status >= 500) request.log.error({ err }, 'unhandled error')
    if (err instanceof AppError) replyStatusOf(reply, err)
    return sendError(request, reply, status, code, field)
  })
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404, 'not_found'))
}

/** An error response: `errorBody` to a client that wants JSON, else the Arabic error page; never cached. */
export async function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, field?: string) {
  // A body left unread (too large, or refused before parsing) is read first: see drain-request.ts.
  if (!(await drainRequest(request.raw))) reply.header('connection', 'close')
  // Not found, or a path whose percent-encoding is broken (WordPress cuts Arabic slugs inside a character).
  if (status === 404 || (status === 400 && field === 'address')) {
    const movedTo = await oldAddressTarget(request)
    if (movedTo) return reply.header('cache-control', 'public, max-age=3600').redirect(movedTo, 301)
  }
  reply.status(status).header('cache-control', 'no-store')
  if (wantsJson(request)) return reply.send(errorBody(code, field))
  try {
    const chrome = await loadChrome(request)
    return reply.type('text/html; charset=utf-8').send(ErrorPage({ chrome, status, code, field }) as string)
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page failed to render')
    return reply.type('text/html; charset=utf-8').send(BareErrorPage({ status, code }) as string)
  }
}

/** An old address (an imported site's permalink) that now lives elsewhere: reader pages only, never the API. */
async function oldAddressTarget(request: FastifyRequest): Promise<string | undefined> {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiRequest(request) || !request.server.db) return undefined
  try {
    return await findRedirect(request.server.db, request.originalUrl ?? request.url)
  } catch (err) {
    request.log.warn({ err }, 'redirect lookup failed')
    return undefined // the 404 page still answers
  }
}
