import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { readContentVersion } from '../db/content-version.js'
import type { Db } from '../db/index.js'

interface Entry {
  body: Buffer
  etag: string
  version: string
  expires: number
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

  /** Answers from the cache, or renders, stores and answers; 304 when the reader has it already. */
  async serve(request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>): Promise<FastifyReply> {
    const now = Date.now()
    const version = await this.currentVersion(now)
    let entry = this.ttlSeconds > 0 ? this.entries.get(key) : undefined
    if (!entry || entry.version !== version || entry.expires <= now) {
      const body = Buffer.from(await render())
      entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, version, expires: now + this.ttlSeconds * 1000 }
      this.store(key, entry)
    }
    reply.header('etag', entry.etag)
    reply.header('cache-control', `public, max-age=${this.ttlSeconds}, stale-while-revalidate=${this.ttlSeconds * 5}`)
    reply.header('vary', 'Cookie')
    reply.type('text/html; charset=utf-8')
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send()
    return reply.send(entry.body)
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
