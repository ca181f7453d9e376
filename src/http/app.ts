import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import Fastify, { LogController, type FastifyReply } from 'fastify'
import { articleApiRoutes, articleRoutes } from '../articles/index.js'
import { commentAdminRoutes, commentApiRoutes, commentModerationRoutes, commentRoutes } from '../comments/index.js'
import type { Config } from '../config/index.js'
import type { Db } from '../db/index.js'
import { feedRoutes } from '../feeds/index.js'
import { newsroomRoutes } from '../newsroom/index.js'
import { peopleRoutes } from '../people/index.js'
import { searchRoutes } from '../search/index.js'
import { siteRoutes } from '../site/index.js'
import { PUBLIC_DIR } from '../views/assets.js'
import { installErrorHandler } from './error-handler.js'
import { declaredParams, PageCache } from './page-cache.js'
import { installRequestLimits, PARSER_MAX_HEADER_BYTES, requestLimitOptions } from './request-limits.js'
import { installSecurityHeaders } from './security-headers.js'
import { validatorCompiler } from './validation.js'

const FONT_DIRS = ['noto-naskh-arabic', 'noto-kufi-arabic'].map((name) =>
  fileURLToPath(new URL(`../../../node_modules/@fontsource/${name}/files/`, import.meta.url)),
)

/** Builds the whole application; server.ts listens, tests inject. This file is the site map. */
export async function buildApp(config: Config, db: Db) {
  const pageCache = new PageCache(db, config.pageCacheSeconds, config.pageCacheMegabytes * 1024 * 1024)
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
  app.decorateReply('html', function (this: FastifyReply, body: string) {
    return this.type('text/html; charset=utf-8').send(body)
  })

  installSecurityHeaders(app, config.baseUrl)
  installRequestLimits(app)
  installErrorHandler(app)
  await app.register(fastifyCookie, { secret: config.secret })
  await app.register(fastifyFormbody)
  // Not global: only routes that ask (admin API writes, via adminApi()) are limited.
  await app.register(fastifyRateLimit, { global: false })

  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', immutable: true, maxAge: '365d', index: false })
  await app.register(fastifyStatic, { root: FONT_DIRS, prefix: '/fonts/', decorateReply: false, immutable: true, maxAge: '365d', index: false })
  await app.register(fastifyStatic, { root: join(config.dataDir, 'media'), prefix: '/media/', decorateReply: false, maxAge: '30d', index: false })

  await app.register(siteRoutes)
  await app.register(articleApiRoutes, { prefix: '/api/v1' })
  await app.register(peopleRoutes)
  await app.register(commentApiRoutes, { prefix: '/api/v1' })
  await app.register(commentRoutes)
  await app.register(commentAdminRoutes, { prefix: '/api/v1/admin/comments' })
  await app.register(commentModerationRoutes, { prefix: '/newsroom/comments' })
  await app.register(newsroomRoutes, { prefix: '/newsroom' })
  await app.register(feedRoutes)
  await app.register(searchRoutes)
  // The article route (/:section/:id/:slug) is the catch-all of reader pages: registered last.
  await app.register(articleRoutes)
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
