import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import type { ErrorCode } from './errors.js'
import { BareErrorPage } from './error.page.js'
import { messageFor } from './messages.js'
import { sendError } from './error-handler.js'

/** Longer addresses than any page of ours needs are refused (414) before routing parses them. */
export const MAX_URL_LENGTH = 4096
/** Request line and headers together, as Node's own default limit. */
export const MAX_HEADER_BYTES = 16 * 1024
/**
 * Node's parser is given room above MAX_HEADER_BYTES so that an oversized request still reaches
 * routing, where its address is known and the 431 takes the shape of its part of the site.
 */
export const PARSER_MAX_HEADER_BYTES = 64 * 1024
const TOO_LONG_PATH = '/__nashra/uri-too-long'
const HEADERS_TOO_LARGE_PATH = '/__nashra/headers-too-large'

/** The bytes of a request's head as sent: request line, each header line, the blank line. */
function headBytes(req: IncomingMessage): number {
  let bytes = (req.method?.length ?? 0) + (req.url?.length ?? 0) + 12
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) bytes += raw[i].length + raw[i + 1].length + 4
  return bytes + 2
}

function rewriteUrl(req: IncomingMessage): string {
  if (req.url && req.url.length > MAX_URL_LENGTH) return TOO_LONG_PATH
  if (headBytes(req) > MAX_HEADER_BYTES) return HEADERS_TOO_LARGE_PATH
  return req.url ?? '/'
}

/** Router options: no parameter can exceed the URL limit, so Fastify's own 414 (not Arabic) never fires. */
export const requestLimitOptions: Pick<FastifyServerOptions, 'rewriteUrl' | 'frameworkErrors' | 'clientErrorHandler'> & { maxParamLength: number } = {
  maxParamLength: MAX_URL_LENGTH,
  rewriteUrl,
  // Malformed percent-encoding in the path: a 400 page of ours rather than Fastify's default.
  frameworkErrors: (_error, request, reply) => sendError(request, reply, 400, 'bad_request', 'address'),
  clientErrorHandler: answerClientError,
}

export function installRequestLimits(app: FastifyInstance): void {
  app.all(TOO_LONG_PATH, async (request, reply) => sendError(request, reply, 414, 'uri_too_long', 'address'))
  app.all(HEADERS_TOO_LARGE_PATH, async (request, reply) => sendError(request, reply, 431, 'headers_too_large'))
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }
const answered = new WeakSet<Socket>()

/**
 * Errors Node's HTTP parser meets before any request exists (a head past PARSER_MAX_HEADER_BYTES,
 * a malformed request, a timeout), with an Arabic message: an HTML page when the address read from
 * what arrived is a reader's, else the API's JSON (past 64 KiB a head is a program's, not a
 * browser's, and the request line may be gone from the buffer). The socket then closes once the
 * client has stopped sending, or after a second, so the answer is not lost to a reset.
 */
function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return
  answered.add(socket)
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const code: ErrorCode = status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'bad_request'
  const path = requestedPath(err)
  const api = path === undefined || path.startsWith('/api/')
  const body = Buffer.from(api ? JSON.stringify({ error: { code, message: messageFor(code) } }) : (BareErrorPage({ status, code }) as string))
  const type = api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8'
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`)
  const timer = setTimeout(() => socket.destroy(), 1000)
  timer.unref()
  socket.once('close', () => clearTimeout(timer))
  socket.once('end', () => socket.destroy())
  socket.resume()
}

/** The path of a request whose head failed to parse, when its request line is in the data that failed. */
function requestedPath(err: Error): string | undefined {
  const raw = (err as { rawPacket?: unknown }).rawPacket
  const line = raw instanceof Buffer ? raw.subarray(0, MAX_URL_LENGTH + 32).toString('latin1') : undefined
  return line ? /^[A-Z]+ (\S+) HTTP\//.exec(line)?.[1] : undefined
}
