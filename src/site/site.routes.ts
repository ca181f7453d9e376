import { Type } from '@sinclair/typebox'
import { requireSameOrigin, type Routes, safeLocalPath } from '../http/index.js'
import { whyNotWritableCached } from '../db/index.js'
import { SKIN_CHOICES } from '../views/index.js'
import { APP_ICON_SIZES, faviconIco, iconPng, webManifest } from './site-icons.js'
import { getSiteSettings } from './site-settings.js'

const SkinBody = Type.Object({
  skin: Type.Union(SKIN_CHOICES.map((skin) => Type.Literal(skin))),
  // Any value: one that is not a path of this site goes home (safeLocalPath) rather than losing the choice to a 400.
  return: Type.Optional(Type.Unknown()),
})

export const siteRoutes: Routes = async (app) => {
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

  // Icons and the manifest: browsers ask for these fixed paths, so they are cached for a day, not a year.
  app.get('/favicon.ico', async (_request, reply) => {
    reply.type('image/x-icon').header('cache-control', 'public, max-age=86400')
    return faviconIco()
  })
  for (const size of APP_ICON_SIZES) {
    app.get(`/icon-${size}.png`, async (_request, reply) => {
      reply.type('image/png').header('cache-control', 'public, max-age=86400')
      return iconPng(size)
    })
  }
  app.get('/manifest.webmanifest', async (_request, reply) => {
    const settings = await getSiteSettings(app.db)
    reply.type('application/manifest+json; charset=utf-8').header('cache-control', 'public, max-age=3600')
    return JSON.stringify(webManifest(settings))
  })

  // The skin selector works without JavaScript: the form posts here, we set the cookie and go back.
  app.post(
    '/preferences/skin',
    { schema: { body: SkinBody }, preHandler: requireSameOrigin },
    async (request, reply) => {
      const { skin } = request.body
      reply.setCookie('skin', skin, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: false, secure: app.config.baseUrl.protocol === 'https:' })
      return reply.redirect(safeLocalPath(request.body.return, '/'), 303)
    },
  )
}
