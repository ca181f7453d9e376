import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { NotFound, type Routes } from '../http/index.js'
import type { Article } from './article.js'
import { getArticleByPreviewToken } from './articles.service.js'
import { PREVIEW_TOKEN } from './preview.js'

// Any text: a token that is not one is as unknown as a wrong one (404), not a 400.
const PreviewParams = Type.Object({ token: Type.String({ maxLength: 200 }) })

export interface PreviewRoutesOptions {
  /** The article page with the preview banner: the app composes it. */
  renderArticlePreview(request: FastifyRequest, article: Article): Promise<string>
}

/** `/preview/<token>`: the article of a preview link, whatever its status; never cached, indexed or referred onwards. */
export const previewRoutes: Routes<PreviewRoutesOptions> = async (app, options) => {
  app.get(
    '/preview/:token',
    {
      schema: { params: PreviewParams },
      // Before anything can fail: the 404 of a wrong token is private too.
      onRequest: async (_request, reply) => {
        reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex').header('referrer-policy', 'no-referrer')
      },
    },
    async (request, reply) => {
      if (!PREVIEW_TOKEN.test(request.params.token)) throw new NotFound('not_found')
      const article = await getArticleByPreviewToken(app.db, request.params.token)
      return reply.html(await options.renderArticlePreview(request, article))
    },
  )
}
