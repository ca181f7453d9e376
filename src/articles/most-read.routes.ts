import { Type } from '@sinclair/typebox'
import type { Routes } from '../http/index.js'
import { MOST_READ_PERIODS, type MostRead } from './most-read.service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Views counted as pages are served and the most-read lists (src/articles/most-read.service.ts). */
    mostRead: MostRead
  }
}

const MostReadQuery = Type.Object(
  { period: Type.Optional(Type.Union(MOST_READ_PERIODS.map((p) => Type.Literal(p)))) },
  { additionalProperties: false },
)

/** `GET /api/v1/most-read?period=day|week` → `{articles:[{id,title,url,views}]}` (the brief's shape). */
export const mostReadApiRoutes: Routes = async (app) => {
  const absolute = (path: string) => app.config.baseUrl.href.replace(/\/$/, '') + path

  app.get('/most-read', { schema: { querystring: MostReadQuery } }, async (request, reply) => {
    const lists = await app.mostRead.lists()
    // The lists change after each write of the views (NASHRA_VIEWS_FLUSH_SECONDS, 15 by default).
    reply.header('cache-control', 'public, max-age=15')
    return { articles: lists[request.query.period ?? 'day'].map((a) => ({ id: a.id, title: a.title, url: absolute(a.path), views: a.views })) }
  })
}
