import { join } from 'node:path'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFound, type Routes, SlugParams } from '../http/index.js'
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
  const cached = (request: FastifyRequest, reply: FastifyReply, type: string, render: () => Promise<string>) =>
    pageCache.serve(request, reply, `feed ${request.url.split('?')[0]}`, render, { type })

  app.get('/feed.xml', (request, reply) =>
    cached(request, reply, TYPES.rss, async () => renderRss(await service.getFeedChannel(ctx, { now: new Date() }), `${baseUrl}/feed.xml`)),
  )
  app.get('/atom.xml', (request, reply) =>
    cached(request, reply, TYPES.atom, async () => renderAtom(await service.getFeedChannel(ctx, { now: new Date() }), `${baseUrl}/atom.xml`)),
  )
  app.get('/feed.json', (request, reply) =>
    cached(request, reply, TYPES.json, async () => renderJsonFeed(await service.getFeedChannel(ctx, { now: new Date() }), `${baseUrl}/feed.json`)),
  )
  app.get('/section/:slug/feed.xml', { schema: { params: SlugParams } }, (request, reply) =>
    cached(request, reply, TYPES.rss, async () => {
      const channel = await service.getFeedChannel(ctx, { sectionSlug: request.params.slug, now: new Date() })
      return renderRss(channel, `${channel.homeUrl}/feed.xml`)
    }),
  )

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
