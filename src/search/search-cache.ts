// Answers to repeated searches: newsroom traffic asks the same few queries over and over (a
// story in the news, a name). Entries are keyed by the normalized query, filters, sort and page,
// and belong to the content version they were computed under: any content write anywhere (this
// process, the CLI, another node) bumps the version, and the next lookup starts afresh. Reading
// the version is one primary-key lookup per request, so no write is ever served stale.
// A short TTL bounds the recency boost's drift ("today" moves on).
import { type Db, readContentVersion } from '../db/index.js'

interface Entry<T> {
  value: Promise<T>
  version: string
  expires: number
}

export class ResultCache<T> {
  private entries = new Map<string, Entry<T>>()
  private version = ''

  constructor(
    private readonly db: Db,
    private readonly options: { maxEntries: number; ttlMs: number },
  ) {}

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
    const now = Date.now()
    const entry = this.entries.get(key)
    if (entry && entry.version === version && entry.expires > now) {
      this.entries.delete(key) // most recently used goes last
      this.entries.set(key, entry)
      return entry.value
    }
    const value = compute()
    const fresh = { value, version, expires: now + this.options.ttlMs }
    this.entries.delete(key)
    this.entries.set(key, fresh)
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key)
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
