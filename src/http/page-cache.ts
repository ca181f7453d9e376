import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
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
  /** The response headers the full path sent with it (security headers included), for `answerRaw`. */
  headers?: Record<string, string>
}

// Per-response headers are never replayed from the cache.
const NOT_REPLAYED = new Set(['set-cookie', 'etag', 'content-length', 'content-encoding'])
const SKINS = new Set(['default', 'dark', 'auto'])

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
    entry.headers ??= replayableHeaders(reply)
    if (request.headers['if-none-match'] === etag) return reply.code(304).send()
    if (encoding !== 'identity') reply.header('content-encoding', encoding)
    return reply.send(encoded(entry, encoding))
  }

  /**
   * The hot path: answers a GET or HEAD for a fresh cached page straight from the Node server,
   * before Fastify routes it (measured: about twice the throughput of the full path). Returns false
   * to let the full path answer: unknown or stale page, a version check due, an unusual skin cookie.
   * The key must be the one `pageKey` builds (skin + URL).
   */
  answerRaw(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || this.ttlSeconds <= 0) return false
    const now = Date.now()
    if (now - this.versionCheckedAt >= 1000) return false
    const skin = skinFromCookieHeader(req.headers.cookie)
    if (skin === undefined) return false
    const entry = this.entries.get(`${skin} ${req.url}`)
    if (!entry?.headers || entry.version !== this.version || entry.expires <= now) return false
    const encoding = preferredEncoding(req.headers['accept-encoding'])
    const etag = encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding}"`
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...entry.headers, etag }).end()
      return true
    }
    const body = encoded(entry, encoding)
    const headers: Record<string, string | number> = { ...entry.headers, etag, 'content-length': body.length }
    if (encoding !== 'identity') headers['content-encoding'] = encoding
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
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

function replayableHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) headers[name] = String(value)
  }
  return headers
}

/** The skin part of the cache key from a raw Cookie header, as `skinOf` reads it; undefined when unsure. */
function skinFromCookieHeader(cookie: string | undefined): string | undefined {
  if (!cookie || !cookie.includes('skin=')) return 'auto'
  const match = /(?:^|;\s*)skin=([^;]*)/.exec(cookie)
  if (!match) return undefined // e.g. "oldskin=…": let the cookie parser decide
  const value = match[1].trim()
  return SKINS.has(value) ? value : undefined
}
