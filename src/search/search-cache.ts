// Answers to repeated searches: newsroom traffic asks the same few queries over and over (a
// story in the news, a name). Entries are keyed by the normalized query, filters, sort and page,
// and belong to the content version they were computed under: any content write anywhere (this
// process, the CLI, another node) bumps the version, and the next lookup starts afresh. Reading
// the version is one primary-key lookup per request, so no write is ever served stale.
// A short TTL bounds the recency boost's drift ("today" moves on).
import { LRUCache } from 'lru-cache'
import { type Db, readContentVersion } from '../db/index.js'

export class ResultCache<T> {
  // lru-cache keeps recency and the TTL; a hand-written Map did the same before.
  private readonly entries: LRUCache<string, Promise<T>>
  private version = ''

  constructor(
    private readonly db: Db,
    options: { maxEntries: number; ttlMs: number },
  ) {
    this.entries = new LRUCache<string, Promise<T>>({ max: options.maxEntries, ttl: options.ttlMs })
  }

  /**
   * The cached answer for `key` under the current content version, or `compute()`'s (stored;
   * concurrent requests for the same key share one computation; a failure is not kept).
   */
  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await readContentVersion(this.db)
    if (version !== this.version) {
      this.entries.clear()
      this.version = version
    }
    const cached = this.entries.get(key)
    if (cached) return cached
    const value = compute()
    this.entries.set(key, value)
    value.catch(() => {
      if (this.entries.peek(key) === value) this.entries.delete(key)
    })
    return value
  }

  get size(): number {
    return this.entries.size
  }
}

/** A query as the cache keys it: outer and repeated spaces make no difference to the answer. */
export function normalizedQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ')
}
