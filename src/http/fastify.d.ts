import type { Config } from '../config/index.js'
import type { Db } from '../db/index.js'
import type { FastifyRequest } from 'fastify'
import type { SiteChrome } from '../views/index.js'
import type { PageCache } from './page-cache.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
    pageCache: PageCache
    /** The reader pages' surroundings: supplied by the app, which knows the features (src/page-chrome.ts). */
    loadChrome(request: FastifyRequest, now: Date): Promise<SiteChrome>
  }
}
