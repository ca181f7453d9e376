import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { sendError } from './error-handler.js'

/** Longer addresses than any page of ours needs are refused (414) before routing parses them. */
export const MAX_URL_LENGTH = 4096
const TOO_LONG_PATH = '/__nashra/uri-too-long'

/** Router options: no parameter can exceed the URL limit, so Fastify's own 414 (not Arabic) never fires. */
export const requestLimitOptions: Pick<FastifyServerOptions, 'rewriteUrl' | 'frameworkErrors'> & { maxParamLength: number } = {
  maxParamLength: MAX_URL_LENGTH,
  rewriteUrl: (req) => (req.url && req.url.length > MAX_URL_LENGTH ? TOO_LONG_PATH : (req.url ?? '/')),
  // Malformed percent-encoding in the path: a 400 page of ours rather than Fastify's default.
  frameworkErrors: (_error, request, reply) => sendError(request, reply, 400, 'bad_request', 'address'),
}

export function installRequestLimits(app: FastifyInstance): void {
  app.all(TOO_LONG_PATH, async (request, reply) => sendError(request, reply, 414, 'bad_request', 'address'))
}
