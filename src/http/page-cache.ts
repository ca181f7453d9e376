import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, brotliDecompress, brotliDecompressSync, constants as zlib, gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { LRUCache } from 'lru-cache'
import { eventLoopBusySampler } from '../config/index.js'
import { contentChanges, type Db, type PageVersions, readPageVersions } from '../db/index.js'
import { isSkinChoice, withReadableLinks } from '../views/index.js'

interface Entry {
  /**
   * The page as rendered. Dropped once a compressed copy is made (what browsers ask for), so an
   * entry costs about a fifth of its page and the cache holds five times the pages; made again
   * from a compressed copy for the rare request that takes none (`plainBody`).
   */
  body?: Buffer
  etag: string
  /** When these bytes were first rendered (ms, whole seconds): kept across re-renders that give the same ETag. */
  lastModified: number
  /** The same, as the Last-Modified header writes it. */
  lastModifiedHeader: string
  version: string
  /** The related lists' version it was rendered under, for a page that shows them (`showsRelatedLists`). */
  relatedVersion?: string
  expires: number
  /** Compressed copies, made on the first request that accepts them and kept with the entry. */
  br?: Buffer
  gzip?: Buffer
  /** Encodings whose copy is still the quick one made for the first request (own ETag), until `finishCompression`. */
  quick?: Encoding[]
  /** The response headers the full path sent with it (security headers included), for `answerRaw`. */
  headers?: Record<string, string>
  /** The hot path's response headers per encoding, made on the first hit (flat name, value list). */
  raw?: Partial<Record<Encoding, RawHeaders>>
  /** What the page shows, for a purge by an HTTP cache in front (`Surrogate-Key`). */
  surrogateKey?: string
  /** The article each serving of this page is a view of (most read). */
  viewOf?: number
  /** Requests the hot path answered from this entry: a popular page's quick copy is finished even under load. */
  hits: number
}

// Per-response headers are never replayed from the cache.
const NOT_REPLAYED = new Set(['set-cookie', 'etag', 'content-length', 'content-encoding'])

type Encoding = 'br' | 'gzip' | 'identity'
/** A quick copy to replace with a final one: the entry's key, the encoding, the ETag of the page it was made from. */
type Unfinished = { key: string; encoding: 'br' | 'gzip'; etag: string }
type RawHeaders = { etag: string; headers: (string | number)[] }

/** What an entry costs beyond its bytes (key, headers, bookkeeping): a rough constant. */
const ENTRY_OVERHEAD = 2048
const sizeOf = (e: Entry) => (e.body?.length ?? 0) + (e.br?.length ?? 0) + (e.gzip?.length ?? 0) + ENTRY_OVERHEAD

const noParams: ReadonlySet<string> = new Set()
const paramsBySchema = new WeakMap<object, ReadonlySet<string>>()

/** The query parameters a route's querystring schema declares (what its page can read). */
export function declaredParams(querystringSchema: unknown): ReadonlySet<string> {
  if (!querystringSchema || typeof querystringSchema !== 'object') return noParams
  let params = paramsBySchema.get(querystringSchema)
  if (!params) {
    params = new Set(Object.keys((querystringSchema as { properties?: object }).properties ?? {}))
    paramsBySchema.set(querystringSchema, params)
  }
  return params
}

/**
 * The cache key of a page: its scope (the skin), path and only the query parameters in `params`,
 * sorted and re-encoded. Anything else (utm_*, fbclid, gclid, a cache-buster) cannot change what
 * the page shows, so it must not make a new entry: links shared on social networks carry a
 * different one each time. Used by both paths, so they find the same entries.
 */
export function cacheKey(scope: string, url: string, params: ReadonlySet<string>): string {
  const mark = url.indexOf('?')
  // Most requests: the default skin, no query. The key is then the request's own URL string, whose
  // hash the Map keeps: a new `auto /…` string cost 0.6 µs a lookup (an article's address is 300+
  // characters to hash), a third of the hot path. A URL starts with `/`, a scope with a letter: no clash.
  if (mark === -1) return scope === DEFAULT_SCOPE ? url : `${scope} ${url}`
  const path = url.slice(0, mark)
  const scoped = (rest: string) => (scope === DEFAULT_SCOPE ? rest : `${scope} ${rest}`)
  if (params.size === 0) return scoped(path)
  const kept = [...new URLSearchParams(url.slice(mark + 1))].filter(([name]) => params.has(name))
  if (kept.length === 0) return scoped(path)
  // Stable: repeated values of one parameter keep their order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return scoped(`${path}?${new URLSearchParams(kept)}`)
}

/** The scope of most pages: the default skin's (`skinOf` when no cookie chose one). */
const DEFAULT_SCOPE = 'auto'

/** Server preference among equal q-values: the smallest bytes first. */
const BY_PREFERENCE: Encoding[] = ['br', 'gzip', 'identity']
let lastAcceptEncoding: string | undefined
let lastEncoding: Encoding = 'identity'

/**
 * The encoding to send, from Accept-Encoding with its q-values (RFC 9110 §12.5.3): q=0 refuses
 * an encoding, `*` stands for any not named, the highest q wins and br before gzip on a tie.
 * Identity competes only when named; it is what is left when nothing else is acceptable.
 */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity'
  // Browsers send the same header on every request: parse it once.
  if (acceptEncoding === lastAcceptEncoding) return lastEncoding
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim())
    if (name) weights.set(name, qValue(params))
  }
  const weightOf = (e: Encoding) => weights.get(e) ?? (e === 'identity' ? 0 : (weights.get('*') ?? 0))
  let best: Encoding = 'identity'
  let bestWeight = 0
  for (const encoding of BY_PREFERENCE) {
    const weight = weightOf(encoding)
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight]
  }
  lastAcceptEncoding = acceptEncoding
  lastEncoding = best
  return best
}

/** `q=0.8` among an element's parameters: 1 when absent, 0 when malformed (not acceptable). */
function qValue(params: string[]): number {
  for (const param of params) {
    const match = /^q\s*=\s*(.*)$/.exec(param)
    if (!match) continue
    return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(match[1]) ? Number(match[1]) : 0
  }
  return 1
}

/**
 * A conditional GET or HEAD the reader's copy answers (RFC 9110 §13.2.2): If-None-Match when
 * present (If-Modified-Since is then ignored), else If-Modified-Since against `lastModified`.
 */
export function notModified(headers: { 'if-none-match'?: string; 'if-modified-since'?: string }, etag: string, lastModified: number): boolean {
  const ifNoneMatch = headers['if-none-match']
  if (ifNoneMatch !== undefined) return noneMatchHits(ifNoneMatch, etag)
  const since = headers['if-modified-since']
  if (since === undefined) return false
  const date = Date.parse(since) // NaN for an invalid date: the header is then ignored
  return date >= lastModified
}

/**
 * If-None-Match (RFC 9110 §13.1.2) against the representation's ETag: `*` matches any existing
 * representation; otherwise a list of tags compared weakly (a `W/` prefix on either side ignored).
 */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag
  for (const tag of ifNoneMatch.split(',')) {
    const candidate = tag.trim()
    if ((candidate.startsWith('W/') ? candidate.slice(2) : candidate) === opaque) return true
  }
  return false
}

/**
 * How hard each copy of a page is compressed.
 * - `quick`: a page's first request, on every first render. Brotli 0 took 0.13 ms for an article
 *   page of the corpus, 18.0 KB, against 0.20–0.32 ms and 17.6 KB at brotli 1.
 * - `best`: the final copy, made in zlib's thread pool while the event loop is idle (`finishInOrder`).
 *   Brotli 11 took about 80 ms of a pool thread for an article page, 13.2 KB against 14.9 KB at
 *   brotli 5: with its headers (1.2 KB) the page then fits in TCP's first window of 14.6 KB, and a
 *   phone gets it one round trip sooner (Lighthouse's FCP 0.90–0.93 s against 1.02–1.07 s).
 * - `underLoad`: the final copy of the pages readers ask for most while they keep the server busy
 *   (`finishPopular`): brotli 5, 0.6 ms, so a quarter of a core finishes many pages.
 */
type Compression = 'quick' | 'underLoad' | 'best'
const BROTLI_QUALITY: Record<Compression, number> = { quick: 0, underLoad: 5, best: 11 }
const GZIP_LEVEL: Record<Compression, number> = { quick: 1, underLoad: 6, best: 9 }

function compress(body: Buffer, encoding: 'br' | 'gzip', compression: Compression): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, brotliOptions(body, compression))
  return gzipSync(body, { level: GZIP_LEVEL[compression] })
}

/** `compress` in zlib's thread pool: the same bytes, off the event loop. */
function compressAside(body: Buffer, encoding: 'br' | 'gzip', compression: Compression): Promise<Buffer> {
  if (encoding === 'br') return brotliCompressAsync(body, brotliOptions(body, compression))
  return gzipAsync(body, { level: GZIP_LEVEL[compression] })
}

const brotliOptions = (body: Buffer, compression: Compression) => ({
  params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY[compression], [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
})
const brotliCompressAsync = promisify(brotliCompress)
const brotliDecompressAsync = promisify(brotliDecompress)
const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)
/** While readers keep the server busy, a quick copy answered this many times is finished off the event loop (`finishPopular`). */
const POPULAR_HITS = 50

const utf8 = new TextEncoder()

/**
 * A page's UTF-8 bytes. TextEncoder is the faster encoder for Arabic text: 0.10 ms for a 70 KB
 * article page against 0.22 ms for Buffer.from, on every page rendered.
 */
function utf8Bytes(text: string): Buffer {
  const bytes = utf8.encode(text)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** The rendered page from an entry: its body, or what a compressed copy holds. */
function plainBody(entry: Entry): Buffer {
  if (entry.body) return entry.body
  if (entry.br) return brotliDecompressSync(entry.br)
  return gunzipSync(entry.gzip!)
}

/** `plainBody`, decompressed in zlib's thread pool. */
async function plainBodyAside(entry: Entry): Promise<Buffer> {
  if (entry.body) return entry.body
  if (entry.br) return brotliDecompressAsync(entry.br)
  return gunzipAsync(entry.gzip!)
}

/** Final copies: looked at this often, and made while the event loop was idle for about this long before it is looked at again. */
const FINISH_EVERY_MS = 250

/**
 * A page's document, alone or with the Surrogate-Keys naming what it shows (`article-12`, `home`…,
 * space-separated in the header, for a cache in front to purge by), or the canonical address it
 * lives at now (answered 301, not cached). `viewOf`: the article each serving of the page is a view of.
 */
export type Rendered = string | { body: string; surrogateKeys: string[]; viewOf?: number; showsRelatedLists?: boolean } | { movedTo: string }

/**
 * A page showing related lists, cached before new lists were stored, is rendered again by the
 * request that finds it at most once in this many milliseconds; requests meanwhile get the copy
 * held, and its TTL ends it as any other. The related process stores a whole corpus's lists at once
 * (decision 037). Rendering every cached article page again at its next request made a burst the
 * size of the cache: p99 3.8–11 ms in the 5 s window after the lists were stored, against
 * 1.2–1.8 ms (200 cached pages under a steady load of 950 requests a second). A render holds the
 * event loop 3–4 ms, and every request arriving meanwhile waits: one every 100 ms gave 3.8–4.1 ms,
 * one a second still 3.5–5.2 ms on a new server, none 1.1–1.9 ms. One in 10 s delays under one
 * request in a thousand; the TTL (60 s by default) does the rest.
 */
const RELATED_REFRESH_EVERY_MS = 10_000

/**
 * Each entry lives its TTL less up to this share, at random. Pages rendered together (after a
 * content change, or a warm-up) otherwise expire together and are rendered again in one burst:
 * p99 12.4 ms in the 5 s window where 200 cached article pages expired, against 1.2–1.8 ms.
 */
const EXPIRY_SPREAD = 0.25

/** Told of each request served a page rendered with `viewOf`, on both paths (200, 304, HEAD): it must stay cheap. */
export type ViewListener = (articleId: number, req: IncomingMessage) => void

/** How long anonymous cacheable answers may be kept: by the browser, and by shared caches (s-maxage). */
export interface HttpMaxAge {
  browser: number
  shared: number
}

/**
 * Cache-Control of an anonymous cacheable answer: a short browser lifetime, a shared cache's own
 * (s-maxage), served stale while one request revalidates, and for a day if Nashra is down.
 */
export function publicCacheControl({ browser, shared }: HttpMaxAge): string {
  return `public, max-age=${browser}, s-maxage=${shared}, stale-while-revalidate=${Math.max(shared, 30) * 5}, stale-if-error=86400`
}

/** JSON answers of the read API, served through the cache like pages. */
export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Rendered anonymous reader pages, keyed by skin + path + the query parameters the page reads
 * (`cacheKey`). An entry is good until its TTL passes (`EXPIRY_SPREAD`) or the content version changes; new related
 * lists alone leave it served while pages are rendered again one every `RELATED_REFRESH_EVERY_MS`. The version
 * is read from the database again as soon as this process bumps it (`contentChanges` moved), and
 * at most once a second otherwise, so writes from other processes invalidate it too. Bounded in
 * bytes (pages and their compressed copies), least recently used out first.
 */
export class PageCache {
  private readonly entries: LRUCache<string, Entry>
  /** Every query parameter some route declares: the hot path's key, before routing, keeps these. */
  private readonly knownParams = new Set<string>()
  private versions: PageVersions = { content: '', related: '' }
  private versionCheckedAt = 0
  /** When a page was last rendered again for new related lists. */
  private relatedRefreshedAt = 0
  /** At most one page rendered again for new related lists in this many milliseconds (tests change it). */
  relatedRefreshEveryMs = RELATED_REFRESH_EVERY_MS
  /** `contentChanges()` when the version was last read. */
  private changesSeen = -1
  /** The read of the versions under way, if any: requests meanwhile wait for it rather than trust the old one. */
  private reading?: Promise<PageVersions>
  /** Pages rendered since the start (a render is the expensive part the cache saves). */
  renders = 0
  private readonly cacheControl: string
  /** Quick copies to replace with final ones (key, encoding, the ETag of the page they were made from). */
  private readonly unfinished: Unfinished[] = []
  private finisher?: NodeJS.Timeout
  /** A final copy being made in zlib's thread pool (`finishInOrder`, `finishPopular`): one at a time. */
  private finishingAside = false
  private readonly wasBusy = eventLoopBusySampler()

  constructor(
    private readonly db: Db,
    private readonly ttlSeconds: number,
    maxBytes = 64 * 1024 * 1024,
    maxAge: HttpMaxAge = { browser: 30, shared: 60 },
    private readonly onView?: ViewListener,
  ) {
    this.entries = new LRUCache<string, Entry>({ maxSize: Math.max(maxBytes, 1), sizeCalculation: sizeOf })
    this.cacheControl = publicCacheControl(maxAge)
  }

  /** Bytes held: bodies, compressed copies and a per-entry overhead. */
  get bytes(): number {
    return this.entries.calculatedSize
  }

  /** Called for every route as it is added (buildApp's onRoute hook). */
  declareParams(params: ReadonlySet<string>): void {
    for (const name of params) this.knownParams.add(name)
  }

  /** True when the stored version must be read again: this process wrote since the last read, or a second passed (other processes). */
  private versionDue(now: number): boolean {
    return contentChanges() !== this.changesSeen || now - this.versionCheckedAt >= 1000
  }

  private async currentVersions(now: number): Promise<PageVersions> {
    if (!this.versionDue(now)) return this.reading ?? this.versions
    // Counted before the read: a bump during it moves the counter again, so the next request reads again.
    this.changesSeen = contentChanges()
    this.versionCheckedAt = now
    const reading = readPageVersions(this.db)
    this.reading = reading
    try {
      const versions = await reading
      if (this.reading === reading) this.versions = versions
      return versions
    } finally {
      if (this.reading === reading) this.reading = undefined
    }
  }

  /** An entry rendered before the related lists it shows were replaced: still served, rendered again when its turn comes. */
  private relatedOutdated(entry: Entry, versions: PageVersions): boolean {
    return entry.relatedVersion !== undefined && entry.relatedVersion !== versions.related
  }

  /** True when an outdated page may be rendered again now; `take` counts it done. */
  private relatedRefreshDue(now: number, take: boolean): boolean {
    if (now - this.relatedRefreshedAt < this.relatedRefreshEveryMs) return false
    if (take) this.relatedRefreshedAt = now
    return true
  }

  /**
   * Answers from the cache, or renders, stores and answers; 304 when the reader has it already.
   * `options.type` serves other documents (feeds, sitemaps); those don't vary by skin, so no `Vary: Cookie`.
   */
  async serve(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<Rendered>,
    options: { type?: string } = {},
  ): Promise<FastifyReply> {
    const now = Date.now()
    const versions = await this.currentVersions(now)
    let entry = this.ttlSeconds > 0 ? this.entries.get(key) : undefined
    if (!entry || entry.version !== versions.content || entry.expires <= now || (this.relatedOutdated(entry, versions) && this.relatedRefreshDue(now, true))) {
      const rendered = await render()
      if (typeof rendered !== 'string' && 'movedTo' in rendered) return reply.redirect(rendered.movedTo, 301)
      const text = typeof rendered === 'string' ? rendered : rendered.body
      // Reader pages only: feeds and sitemaps keep the encoded addresses their formats ask for.
      const body = utf8Bytes(options.type === undefined ? withReadableLinks(text) : text)
      const surrogateKey = typeof rendered === 'string' ? undefined : [...new Set(rendered.surrogateKeys)].join(' ')
      const viewOf = typeof rendered === 'string' ? undefined : rendered.viewOf
      const relatedVersion = typeof rendered !== 'string' && rendered.showsRelatedLists ? versions.related : undefined
      this.renders++
      // The ETag and Last-Modified are made here, once per render, never per request.
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
      const previous = this.entries.peek(key)
      // The same bytes again (a TTL's end on a page that did not change): the compressed copies made for them still serve.
      const same = previous?.etag === etag ? previous : undefined
      const lastModified = same ? same.lastModified : Math.floor(now / 1000) * 1000
      const copies = same?.br || same?.gzip ? { br: same.br, gzip: same.gzip, quick: same.quick } : { body }
      entry = { ...copies, etag, lastModified, lastModifiedHeader: new Date(lastModified).toUTCString(), version: versions.content, relatedVersion, expires: now + Math.round(this.ttlSeconds * 1000 * (1 - EXPIRY_SPREAD * Math.random())), surrogateKey, viewOf, hits: 0 }
      this.store(key, entry)
    }
    if (entry.viewOf !== undefined) this.onView?.(entry.viewOf, request.raw)
    if (entry.surrogateKey) reply.header('surrogate-key', entry.surrogateKey)
    reply.header('last-modified', entry.lastModifiedHeader)
    reply.header('cache-control', this.cacheControl)
    reply.header('vary', options.type === undefined ? 'Accept-Encoding, Cookie' : 'Accept-Encoding')
    reply.type(options.type ?? 'text/html; charset=utf-8')
    // Before `encoded`, which may store a new copy of the entry: the copy must carry them.
    entry.headers ??= replayableHeaders(reply)
    const encoding = preferredEncoding(request.headers['accept-encoding'])
    // The bytes first: a first request for an encoding makes the quick copy, which has its own ETag.
    const body = this.encoded(key, entry, encoding)
    const etag = etagOf(entry, encoding)
    reply.header('etag', etag)
    if (notModified(request.headers, etag, entry.lastModified)) return reply.code(304).send()
    if (encoding !== 'identity') reply.header('content-encoding', encoding)
    return reply.send(body)
  }

  /**
   * The hot path: answers a GET or HEAD for a fresh cached page straight from the Node server,
   * before Fastify routes it (measured: about twice the throughput of the full path). Returns false
   * to let the full path answer: unknown or stale page, a version read due or under way, an unusual skin cookie,
   * a page whose related lists were replaced when its turn to be rendered again has come.
   * The key is `cacheKey` over every declared parameter: a request with a parameter its own route
   * does not declare finds nothing here, and its route's key finds the entry on the full path.
   * (Sound because the key keeps only declared names: a hit means no other parameter mattered.)
   */
  answerRaw(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || this.ttlSeconds <= 0) return false
    const now = Date.now()
    if (this.reading || this.versionDue(now)) return false
    const skin = skinFromCookieHeader(req.headers.cookie)
    if (skin === undefined) return false
    const key = cacheKey(skin, req.url ?? '/', this.knownParams)
    const entry = this.entries.get(key)
    if (!entry?.headers || entry.version !== this.versions.content || entry.expires <= now) return false
    if (this.relatedOutdated(entry, this.versions) && this.relatedRefreshDue(now, false)) return false
    if (entry.viewOf !== undefined) this.onView?.(entry.viewOf, req)
    entry.hits++
    const encoding = preferredEncoding(req.headers['accept-encoding'])
    const body = this.encoded(key, entry, encoding)
    const { etag, headers } = rawHeaders(entry, encoding, body.length)
    if (notModified(req.headers, etag, entry.lastModified)) {
      res.writeHead(304, { ...entry.headers, etag }).end()
      return true
    }
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }

  private store(key: string, entry: Entry) {
    if (this.ttlSeconds <= 0) return
    this.entries.set(key, entry)
  }

  /** The bytes of an entry in an encoding; compressed once per rendered page, not once per request. */
  private encoded(key: string, entry: Entry, encoding: Encoding): Buffer {
    const cached = encoding === 'identity' ? entry.body : entry[encoding]
    if (cached) return cached
    const body = plainBody(entry)
    if (encoding === 'identity') {
      this.restore(key, entry, { body })
      return body
    }
    const bytes = compress(body, encoding, 'quick')
    // The plain body goes with the first compressed copy (see `Entry.body`).
    const stored = this.restore(key, entry, { [encoding]: bytes, body: undefined, quick: [...(entry.quick ?? []), encoding] })
    if (stored) {
      this.unfinished.push({ key, encoding, etag: entry.etag })
      this.finisher ??= setInterval(() => this.finishOnTick(), FINISH_EVERY_MS).unref()
    }
    return bytes
  }

  /**
   * Stores a changed copy of the entry still cached under `key` (so the cache counts its new size
   * and may evict others for it); false when it is no longer the cached one (evicted, re-rendered).
   */
  private restore(key: string, entry: Entry, change: Partial<Entry>): boolean {
    Object.assign(entry, change, { raw: undefined })
    if (this.entries.peek(key) !== entry) return false
    this.store(key, { ...entry })
    return true
  }

  /** Each tick: idle, the next final copies in order; busy, the most-read pages'. Both off the event loop. */
  private finishOnTick() {
    if (this.wasBusy()) void this.finishPopular()
    else void this.finishInOrder(FINISH_EVERY_MS)
  }

  /** Replaces every quick compressed copy with its final one now, on the event loop (tests); returns how many. */
  finishCompression(): number {
    let done = 0
    for (let item = this.unfinished.shift(); item; item = this.unfinished.shift()) {
      const entry = this.stillQuick(item)
      if (!entry) continue // re-rendered or evicted
      this.storeFinal(item, compress(plainBody(entry), item.encoding, 'best'))
      done++
    }
    this.stopFinisherWhenDone()
    return done
  }

  /**
   * While the event loop is idle: the final copies, first in first out, one at a time in zlib's
   * thread pool, for about `budgetMs` (the next tick looks at the event loop again). Returns how many.
   */
  private async finishInOrder(budgetMs: number): Promise<number> {
    if (this.finishingAside) return 0
    this.finishingAside = true
    const started = performance.now()
    let done = 0
    try {
      while (this.unfinished.length > 0 && performance.now() - started < budgetMs) {
        if (await this.finishAside(this.unfinished.shift()!, 'best')) done++
      }
    } finally {
      this.finishingAside = false
      this.stopFinisherWhenDone()
    }
    return done
  }

  /**
   * While readers keep the event loop busy the idle finisher never runs, and the pages they read
   * most would keep their quick copies for good (about 30 % more bytes: 18.4 KB against 14.1 KB for
   * an article as sent). So, under load, pages served at least `POPULAR_HITS` times are finished in
   * zlib's thread pool, off the event loop, the most asked for first, one at a time, each followed
   * by three times its own duration of rest: at most a quarter of a core, which a one-core server
   * shares with its readers. Returns how many final copies were stored.
   */
  async finishPopular(): Promise<number> {
    if (this.finishingAside) return 0
    this.finishingAside = true
    let done = 0
    try {
      for (let item = this.takeMostAsked(); item; item = this.takeMostAsked()) {
        const started = performance.now()
        if (await this.finishAside(item, 'underLoad')) done++
        // Unref'd: a rest between two final copies never keeps a closing process alive.
        await sleep((performance.now() - started) * 3, undefined, { ref: false })
      }
    } finally {
      this.finishingAside = false
    }
    return done
  }

  /** The unfinished page readers asked for most, once asked for `POPULAR_HITS` times, out of the queue. */
  private takeMostAsked(): Unfinished | undefined {
    let best = -1
    let bestHits = POPULAR_HITS - 1
    for (let i = 0; i < this.unfinished.length; i++) {
      const hits = this.entries.peek(this.unfinished[i].key)?.hits ?? 0
      if (hits > bestHits) [best, bestHits] = [i, hits]
    }
    if (best === -1) return undefined
    const [item] = this.unfinished.splice(best, 1)
    this.stopFinisherWhenDone()
    return item
  }

  private async finishAside(item: Unfinished, compression: Compression): Promise<boolean> {
    const entry = this.stillQuick(item)
    if (!entry) return false
    try {
      const bytes = await compressAside(await plainBodyAside(entry), item.encoding, compression)
      if (!this.stillQuick(item)) return false
      this.storeFinal(item, bytes)
      return true
    } catch {
      return false // the quick copy stays: a correct answer, only larger
    }
  }

  /** The entry an unfinished item names, while it still holds that quick copy (not re-rendered, not evicted). */
  private stillQuick({ key, encoding, etag }: Unfinished): Entry | undefined {
    const entry = this.entries.peek(key)
    return entry && entry.etag === etag && entry.quick?.includes(encoding) ? entry : undefined
  }

  /** Stores the final copy in place of the quick one; the caller checked `stillQuick`. */
  private storeFinal({ key, encoding }: Unfinished, bytes: Buffer): void {
    const entry = this.entries.peek(key)!
    this.store(key, { ...entry, [encoding]: bytes, quick: entry.quick!.filter((e) => e !== encoding), raw: undefined })
  }

  private stopFinisherWhenDone() {
    if (this.unfinished.length > 0 || !this.finisher) return
    clearInterval(this.finisher)
    this.finisher = undefined
  }
}

/** Each encoding is its own representation, so it gets its own validator (both paths use this). */
function etagOf(entry: Entry, encoding: Encoding): string {
  if (encoding === 'identity') return entry.etag
  // A quick copy's bytes differ from the final copy's: a strong validator of its own.
  return `${entry.etag.slice(0, -1)}-${encoding}${entry.quick?.includes(encoding) ? '1' : ''}"`
}

/** The hot path's ETag and 200 headers for an encoding, made once per copy (a flat list, as `writeHead` takes it). */
function rawHeaders(entry: Entry, encoding: Encoding, length: number): RawHeaders {
  const made = entry.raw?.[encoding]
  if (made) return made
  const etag = etagOf(entry, encoding)
  const headers: (string | number)[] = []
  for (const [name, value] of Object.entries(entry.headers!)) headers.push(name, value)
  headers.push('etag', etag, 'content-length', length)
  if (encoding !== 'identity') headers.push('content-encoding', encoding)
  entry.raw = { ...entry.raw, [encoding]: { etag, headers } }
  return { etag, headers }
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
  return isSkinChoice(value) ? value : undefined
}
