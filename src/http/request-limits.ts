import type { FastifyInstance } from 'fastify'
import { sendError } from './error-handler.js'

/** Longer addresses than any page of ours needs are refused before routing (414), never parsed. */
export const MAX_URL_LENGTH = 4096

export function installRequestLimits(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) return sendError(request, reply, 414, 'bad_request', 'url')
  })
}
