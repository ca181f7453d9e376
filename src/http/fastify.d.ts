import type { Config } from '../config/index.js'
import type { Db } from '../db/index.js'
import type { PageCache } from './page-cache.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
    pageCache: PageCache
  }
  interface FastifyReply {
    /** Sends an HTML string (already a whole document). */
    html(body: string): FastifyReply
  }
}
