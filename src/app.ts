import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import { fastifyKitaHtml } from '@kitajs/fastify-html-plugin'
import Fastify, { LogController } from 'fastify'
import { articleApiRoutes, articleRoutes, correctionRoutes, listenToArticleWrites, MostRead, mostReadApiRoutes, previewRoutes, shareCardRoutes } from './articles/index.js'
import { countApprovedComments, commentAdminRoutes, commentApiRoutes, commentModerationRoutes, commentRoutes } from './comments/index.js'
import type { Config } from './config/index.js'
import type { Db } from './db/index.js'
import { feedRoutes } from './feeds/index.js'
import { mediaApiRoutes, mediaLibraryRoutes } from './media/index.js'
import { newsroomRoutes } from './staff/index.js'
import {
  articleAdminRoutes,
  articleDeskRoutes,
  editorAssetRoutes,
  editorAssets,
  legalRoutes,
  newsroomHomeRoutes,
  revisionRoutes,
  newsroomAccountRoutes,
  newsroomMastheadRoutes,
  newsroomPeopleRoutes,
  newsroomSectionRoutes,
  newsroomSettingsRoutes,
  newsroomTagRoutes,
} from './newsroom/index.js'
import { peopleRoutes } from './people/index.js'
import { keepIndexOnArticleWrite, searchRoutes } from './search/index.js'
import { siteRoutes } from './site/index.js'
import { FONTS_DIR, PUBLIC_DIR } from './views/index.js'
import { articlePageRenderers } from './article-page.js'
import { sharedChrome, siteChromeLoader } from './page-chrome.js'
import { declaredParams, installErrorHandler, installOpenApi, installReadApiCors, installRequestLimits, installSecurityHeaders, keepNextTickShapesAlive, PageCache, PARSER_MAX_HEADER_BYTES, requestLimitOptions, validatorCompiler } from './http/index.js'

// The reader site's subset, content-hashed fonts (scripts/build-fonts.mjs), then the full files of
// @fontsource that the newsroom's styles name.
const FONT_DIRS = [
  FONTS_DIR,
  ...['noto-naskh-arabic', 'noto-kufi-arabic'].map((name) =>
    // dist/src/app.js → the project's node_modules (two levels up since app.ts moved out of http/).
    fileURLToPath(new URL(`../../node_modules/@fontsource/${name}/files/`, import.meta.url)),
  ),
]

/** Joins features that follow each other's events; every process that writes content calls it (buildApp, the CLI). */
export function connectFeatures(): void {
  listenToArticleWrites(keepIndexOnArticleWrite)
}

/** Builds the whole application; server.ts listens, tests inject. This file is the site map. */
export async function buildApp(config: Config, db: Db) {
  keepNextTickShapesAlive() // `nashra serve` has done it first thing (bin/nashra.js); this is for other embedders
  connectFeatures()
  // Views are counted where article pages are served, cached or not (docs/decisions/022).
  const mostRead = new MostRead(db, { timeZone: config.timeZone, trustProxy: config.trustProxy })
  const pageCache = new PageCache(db, config.pageCacheSeconds, config.pageCacheMegabytes * 1024 * 1024, { browser: config.browserMaxAge, shared: config.sharedMaxAge }, config.countViews ? (id, req) => mostRead.count(id, req) : undefined)
  const app = Fastify({
    // Fresh cached reader pages are answered before routing (PageCache.answerRaw); the rest goes to Fastify.
    serverFactory: (handler) =>
      createServer({ maxHeaderSize: PARSER_MAX_HEADER_BYTES }, (req, res) => pageCache.answerRaw(req, res) || handler(req, res)),
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: requestLimitOptions.maxParamLength, ignoreTrailingSlash: true },
    rewriteUrl: requestLimitOptions.rewriteUrl,
    frameworkErrors: requestLimitOptions.frameworkErrors,
    clientErrorHandler: requestLimitOptions.clientErrorHandler,
    bodyLimit: 1024 * 1024,
    // One log line per request costs more than rendering a cached page; keep them for debug.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  })
  // Bodies keep their JSON types; numbers in the address are plain decimal digits (validation.ts).
  app.setValidatorCompiler(validatorCompiler)
  // The page cache's hot path keys pages before routing: it learns here which parameters any page may read.
  app.addHook('onRoute', (route) => pageCache.declareParams(declaredParams(route.schema?.querystring)))
  app.decorate('db', db)
  app.decorate('config', config)
  app.decorate('pageCache', pageCache)
  // The site's chrome (settings, navigation, masthead, ticker, latest stories) is read once per content version, not per render.
  const chrome = sharedChrome(db, config)
  const { renderArticlePage, renderArticlePreview } = articlePageRenderers(chrome)
  app.decorate('loadChrome', siteChromeLoader(chrome))
  app.decorate('mostRead', mostRead)
  mostRead.start(config.viewsFlushSeconds * 1000, (err) => app.log.error({ err }, 'writing view counts failed'))
  app.addHook('onClose', () => mostRead.stop().catch((err) => app.log.error({ err }, 'writing view counts at shutdown failed')))

  installSecurityHeaders(app, config.baseUrl)
  installRequestLimits(app)
  installErrorHandler(app)
  installReadApiCors(app)
  // Before every route: the OpenAPI document is made from the routes registered after it.
  await installOpenApi(app, config.baseUrl)
  await app.register(fastifyCookie, { secret: config.secret })
  await app.register(fastifyFormbody)
  // reply.html(page): type and length set. Our pages write their own <!doctype html>, so the plugin adds none.
  await app.register(fastifyKitaHtml, { autoDoctype: false })
  // Not global: only routes that ask (admin API writes, via adminApi()) are limited.
  await app.register(fastifyRateLimit, { global: false })

  // The build keeps .br and .gz beside each text file; the answer depends on Accept-Encoding, so say so to caches.
  const varyOnEncoding = (res: { setHeader(name: string, value: string): void }) => res.setHeader('Vary', 'Accept-Encoding')
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', immutable: true, maxAge: '365d', index: false, preCompressed: true, setHeaders: varyOnEncoding })
  await app.register(fastifyStatic, { root: FONT_DIRS, prefix: '/fonts/', decorateReply: false, immutable: true, maxAge: '365d', index: false })
  // A media file's name is random and written once ('wx' in src/media/media.service.ts: never overwritten,
  // an edit changes words, not bytes), so a URL always means the same bytes: immutable like the assets.
  await app.register(fastifyStatic, { root: join(config.dataDir, 'media'), prefix: '/media/', decorateReply: false, immutable: true, maxAge: '365d', index: false })

  await app.register(siteRoutes)
  await app.register(articleApiRoutes, { prefix: '/api/v1', countComments: countApprovedComments })
  await app.register(mostReadApiRoutes, { prefix: '/api/v1' })
  await app.register(peopleRoutes)
  await app.register(commentApiRoutes, { prefix: '/api/v1' })
  await app.register(commentRoutes, { renderArticlePage })
  await app.register(commentAdminRoutes, { prefix: '/api/v1/admin/comments' })
  await app.register(articleAdminRoutes, { prefix: '/api/v1/admin/articles' })
  await app.register(commentModerationRoutes, { prefix: '/newsroom/comments' })
  await app.register(newsroomSectionRoutes, { prefix: '/newsroom/sections' })
  await app.register(newsroomTagRoutes, { prefix: '/newsroom/tags' })
  await app.register(newsroomPeopleRoutes, { prefix: '/newsroom/people' })
  await app.register(newsroomMastheadRoutes, { prefix: '/newsroom/masthead' })
  await app.register(newsroomSettingsRoutes, { prefix: '/newsroom/settings' })
  await app.register(newsroomAccountRoutes, { prefix: '/newsroom/accounts' })
  await app.register(newsroomRoutes, { prefix: '/newsroom' })
  // Each takes multipart uploads itself: no other route parses them.
  await app.register(mediaApiRoutes, { prefix: '/api/v1/admin/media' })
  await app.register(mediaLibraryRoutes, { prefix: '/newsroom' })
  await app.register(newsroomHomeRoutes, { prefix: '/newsroom' })
  await app.register(articleDeskRoutes, { prefix: '/newsroom/articles', editorAssets })
  await app.register(revisionRoutes, { prefix: '/newsroom/articles' })
  await app.register(legalRoutes, { prefix: '/newsroom/legal' })
  await app.register(editorAssetRoutes)
  await app.register(feedRoutes)
  await app.register(searchRoutes)
  await app.register(correctionRoutes)
  await app.register(previewRoutes, { renderArticlePreview })
  await app.register(shareCardRoutes)
  // The article route (/:section/:id/:slug) is the catch-all of reader pages: registered last.
  await app.register(articleRoutes, { renderArticlePage })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
