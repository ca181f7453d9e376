import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { requireSameOrigin } from '../http/csrf.js'
import { whyNotWritableCached } from '../db/writable.js'

const SkinBody = Type.Object({
  skin: Type.Union([Type.Literal('auto'), Type.Literal('default'), Type.Literal('dark')]),
  return: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** A same-site path to go back to, or the home page: never an open redirect. */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  return value
}

export const siteRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    // A database that cannot be written fails every comment and every newsroom save: not healthy.
    const why = await whyNotWritableCached(app.db)
    if (!why) return { ok: true }
    request.log.error({ why }, 'healthz: the database cannot be written')
    return reply.code(503).send({ ok: false, error: 'database_not_writable' })
  })

  app.get('/robots.txt', async (_request, reply) => {
    const base = app.config.baseUrl.href.replace(/\/$/, '')
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600')
    return `User-agent: *\nDisallow: /newsroom\nDisallow: /api/v1/admin\nDisallow: /search\nAllow: /\n\nSitemap: ${base}/sitemap.xml\nSitemap: ${base}/news-sitemap.xml\n`
  })

  // The skin selector works without JavaScript: the form posts here, we set the cookie and go back.
  app.post<{ Body: { skin: 'auto' | 'default' | 'dark'; return?: string } }>(
    '/preferences/skin',
    { schema: { body: SkinBody }, preHandler: requireSameOrigin },
    async (request, reply) => {
      const { skin } = request.body
      reply.setCookie('skin', skin, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: false, secure: app.config.baseUrl.protocol === 'https:' })
      return reply.redirect(safeReturnPath(request.body.return), 303)
    },
  )
}
