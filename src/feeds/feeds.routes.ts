import { join } from 'node:path'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFound, type Rendered, type Routes, SlugParams } from '../http/index.js'
import { renderJsonFeed } from './feed-json.js'
import { renderAtom, renderRss } from './feed-xml.js'
import * as service from './feeds.service.js'
import { renderOpenSearch } from './opensearch-xml.js'
import { renderNewsSitemap, renderSitemapIndex, renderUrlSet } from './sitemap-xml.js'

export const TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  opensearch: 'application/opensearchdescription+xml; charset=utf-8',
}

// Any text: a page number that is not one (or past the last) is a 404 for a sitemap, not a 400.
const SitemapParams = Type.Object({ page: Type.String() })

/** Feeds, sitemaps and the OpenSearch description: cached and revalidated like reader pages. */
export const feedRoutes: Routes = async (app) => {
  const { db, config, pageCache } = app
  const baseUrl = config.baseUrl.href.replace(/\/$/, '')
  const ctx: service.FeedContext = { db, baseUrl, mediaDir: join(config.dataDir, 'media'), timeZone: config.timeZone }

  // Nothing here reads cookies or the query string: one cache entry per path, whatever is appended.
  const cached = (request: FastifyRequest, reply: FastifyReply, type: string, render: () => Promise<Rendered>) =>
    pageCache.serve(request, reply, `feed ${request.url.split('?')[0]}`, render, { type })

  // Each feed in three formats: the site's at /feed.xml, /atom.xml, /feed.json; a listing's under
  // its own address (/section/<slug>/feed.xml, /tag/<slug>/atom.xml, /author/<slug>/feed.json…).
  const FORMATS = [
    { file: 'feed.xml', type: TYPES.rss, render: renderRss },
    { file: 'atom.xml', type: TYPES.atom, render: renderAtom },
    { file: 'feed.json', type: TYPES.json, render: renderJsonFeed },
  ]
  for (const format of FORMATS) {
    app.get(`/${format.file}`, (request, reply) =>
      cached(request, reply, format.type, async () => {
        const channel = await service.getFeedChannel(ctx, { now: new Date() })
        return { body: format.render(channel, `${baseUrl}/${format.file}`), surrogateKeys: channel.surrogateKeys }
      }),
    )
    for (const kind of ['section', 'tag', 'author'] as const) {
      app.get(`/${kind}/:slug/${format.file}`, { schema: { params: SlugParams } }, (request, reply) =>
        cached(request, reply, format.type, async () => {
          const channel = await service.getFeedChannel(ctx, { of: { kind, slug: request.params.slug }, now: new Date() })
          return { body: format.render(channel, `${channel.homeUrl}/${format.file}`), surrogateKeys: channel.surrogateKeys }
        }),
      )
    }
  }

  app.get('/sitemap.xml', (request, reply) => cached(request, reply, TYPES.xml, async () => renderSitemapIndex(await service.getSitemapIndex(ctx))))
  app.get('/sitemaps/pages.xml', (request, reply) => cached(request, reply, TYPES.xml, async () => renderUrlSet(await service.getPagesSitemap(ctx))))
  app.get('/sitemaps/articles-:page.xml', { schema: { params: SitemapParams } }, (request, reply) => {
    if (!/^[1-9][0-9]{0,5}$/.test(request.params.page)) throw new NotFound('not_found')
    return cached(request, reply, TYPES.xml, async () => renderUrlSet(await service.getArticleSitemap(ctx, Number(request.params.page))))
  })
  app.get('/news-sitemap.xml', (request, reply) =>
    cached(request, reply, TYPES.xml, async () => {
      const news = await service.getNewsSitemap(ctx, new Date())
      return renderNewsSitemap(news.publicationName, news.entries)
    }),
  )

  app.get('/opensearch.xml', (request, reply) =>
    cached(request, reply, TYPES.opensearch, async () => {
      const settings = await service.settingsOf(ctx)
      return renderOpenSearch({ siteName: settings.name, tagline: settings.tagline, baseUrl })
    }),
  )
}
