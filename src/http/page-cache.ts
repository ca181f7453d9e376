import { createHash } from 'node:crypto'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { readContentVersion } from '../db/content-version.js'
import type { Db } from '../db/index.js'

interface Entry {
  body: Buffer
  etag: string
  version: string
  expires: number
  /** Compressed copies, made on the first request that accepts them and kept with the entry. */
  br?: Buffer
  gzip?: Buffer
}

type Encoding = 'br' | 'gzip' | 'identity'

function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity'
  if (/\bbr\b/.test(acceptEncoding)) return 'br'
  if (/\bgzip\b/.test(acceptEncoding)) return 'gzip'
  return 'identity'
}

/** The bytes of an entry in an encoding; compressed once per rendered page, not once per request. */
function encoded(entry: Entry, encoding: Encoding): Buffer {
  if (encoding === 'br') return (entry.br ??= brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }))
  if (encoding === 'gzip') return (entry.gzip ??= gzipSync(entry.body, { level: 6 }))
  return entry.body
}

/**
 * Rendered anonymous reader pages, keyed by URL + skin (the brief's caching decision).
 * An entry is good until its TTL passes or the content version changes; the version is read
 * from the database at most once a second, so writes from other processes invalidate it too.
 */
export class PageCache {
  private entries = new Map<string, Entry>()
  private version = ''
  private versionCheckedAt = 0

  constructor(
    private readonly db: Db,
    private readonly ttlSeconds: number,
    private readonly maxEntries = 5000,
  ) {}

  private async currentVersion(now: number): Promise<string> {
    if (now - this.versionCheckedAt >= 1000) {
      this.versionCheckedAt = now
      this.version = await readContentVersion(this.db)
    }
    return this.version
  }

  /** Forgets every page at once (after a write in this process). */
  invalidate(): void {
    this.entries.clear()
    this.versionCheckedAt = 0
  }

  /**
   * Answers from the cache, or renders, stores and answers; 304 when the reader has it already.
   * `options.type` serves other documents (feeds, sitemaps); those don't vary by skin, so no `Vary: Cookie`.
   */
  async serve(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<string>,
    options: { type?: string } = {},
  ): Promise<FastifyReply> {
    const now = Date.now()
    const version = await this.currentVersion(now)
    let entry = this.ttlSeconds > 0 ? this.entries.get(key) : undefined
    if (!entry || entry.version !== version || entry.expires <= now) {
      const body = Buffer.from(await render())
      entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, version, expires: now + this.ttlSeconds * 1000 }
      this.store(key, entry)
    }
    const encoding = preferredEncoding(request.headers['accept-encoding'])
    // Each encoding is its own representation, so it gets its own validator.
    const etag = encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding}"`
    reply.header('etag', etag)
    reply.header('cache-control', `public, max-age=${this.ttlSeconds}, stale-while-revalidate=${this.ttlSeconds * 5}`)
    reply.header('vary', options.type === undefined ? 'Accept-Encoding, Cookie' : 'Accept-Encoding')
    reply.type(options.type ?? 'text/html; charset=utf-8')
    if (request.headers['if-none-match'] === etag) return reply.code(304).send()
    if (encoding !== 'identity') reply.header('content-encoding', encoding)
    return reply.send(encoded(entry, encoding))
  }

  private store(key: string, entry: Entry) {
    if (this.ttlSeconds <= 0) return
    this.entries.delete(key)
    this.entries.set(key, entry)
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
  }
}
