import type { IncomingMessage } from 'node:http'
import { BlockList, isIPv6 } from 'node:net'

// Views of article pages, counted where the pages are served (docs/decisions/017): in memory only,
// taken out in batches by the most-read service. Runs on every cached page hit, so every check is
// a header lookup or a Map lookup; addresses are kept in memory for a dedupe window and never stored.

/** Views per newsroom day ('YYYY-MM-DD') and article. */
export type ViewBatch = Map<string, Map<number, number>>

export interface ViewCounterOptions {
  /** The newsroom's zone (NASHRA_TIMEZONE): a view counts on the newsroom's day. */
  timeZone: string
  /** Config's trustProxy: proxies whose X-Forwarded-For names the reader's address. */
  trustProxy: string | false
  /** A reader seen again on an article within this (to twice this) is not counted again. */
  windowMs?: number
  /** Views of one article counted per address per window, whatever the User-Agent (shared NATs). */
  maxPerAddress?: number
  /** Dedupe entries held per window; beyond them the window turns early (memory stays bounded). */
  maxKeys?: number
}

// Crawlers, link previews, monitors and HTTP libraries. A browser's UA starts with "Mozilla/".
const NOT_A_READER = /bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|whatsapp|telegram|skype|discord|slack|curl|wget|python|java\/|okhttp|go-http|httpclient|axios|node-fetch|undici|libwww|headless|lighthouse|pingdom|uptime|monitor|scanner|feed|rss/i

/** Whether a request is someone reading the page: a GET from a browser, not a prefetch or prerender. */
export function isReaderView(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  if (req.method !== 'GET') return false
  const h = req.headers
  // Chromium: Sec-Purpose: prefetch[;prerender]; older Chrome and Safari: Purpose; Firefox: X-Moz.
  if (h['sec-purpose'] !== undefined || h.purpose !== undefined || h['x-moz'] !== undefined || h['x-purpose'] !== undefined) return false
  const ua = h['user-agent']
  return ua !== undefined && ua.startsWith('Mozilla/') && !NOT_A_READER.test(ua)
}

export class ViewCounter {
  private pending: ViewBatch = new Map()
  private pendingViews = 0
  /** Dedupe: "id addr ua-hash" → 1 and "id addr" → views counted, this window and the one before. */
  private seen = new Map<string, number>()
  private seenBefore = new Map<string, number>()
  private windowEnds = 0
  private dayCache = { minute: -1, day: '' }
  private readonly dayFormat: Intl.DateTimeFormat
  private readonly trusted?: BlockList
  private readonly windowMs: number
  private readonly maxPerAddress: number
  private readonly maxKeys: number

  constructor(options: ViewCounterOptions) {
    this.dayFormat = newsroomDayFormat(options.timeZone)
    this.trusted = options.trustProxy ? blockListOf(options.trustProxy) : undefined
    this.windowMs = options.windowMs ?? 10 * 60_000
    this.maxPerAddress = options.maxPerAddress ?? 20
    this.maxKeys = options.maxKeys ?? 100_000
  }

  /** Views waiting to be written. */
  get waiting(): number {
    return this.pendingViews
  }

  /** Counts a view of `articleId` if `req` is a reader's and not a repeat; true when counted. */
  count(articleId: number, req: IncomingMessage, now = Date.now()): boolean {
    if (!isReaderView(req)) return false
    if (now >= this.windowEnds || this.seen.size >= this.maxKeys) this.turnWindow(now)
    const address = this.addressOf(req)
    const client = `${articleId} ${address} ${hash(req.headers['user-agent']!)}`
    if (this.seen.has(client) || this.seenBefore.has(client)) return false
    const perAddress = `${articleId} ${address}`
    const before = (this.seen.get(perAddress) ?? 0) + (this.seenBefore.get(perAddress) ?? 0)
    if (before >= this.maxPerAddress) return false
    this.seen.set(client, 1)
    this.seen.set(perAddress, (this.seen.get(perAddress) ?? 0) + 1)
    this.add(this.dayOf(now), articleId, 1)
    return true
  }

  /** Everything counted so far, emptying the buffer. */
  take(): ViewBatch {
    const batch = this.pending
    this.pending = new Map()
    this.pendingViews = 0
    return batch
  }

  /** Puts a batch back (its write failed): it goes out with the next one. */
  putBack(batch: ViewBatch): void {
    for (const [day, views] of batch) for (const [id, n] of views) this.add(day, id, n)
  }

  /** The newsroom's day at `now`, as 'YYYY-MM-DD'; worked out once a minute (zones move by whole minutes). */
  dayOf(now: number): string {
    const minute = Math.floor(now / 60_000)
    if (minute !== this.dayCache.minute) this.dayCache = { minute, day: this.dayFormat.format(now) }
    return this.dayCache.day
  }

  private add(day: string, articleId: number, n: number) {
    let views = this.pending.get(day)
    if (!views) this.pending.set(day, (views = new Map()))
    views.set(articleId, (views.get(articleId) ?? 0) + n)
    this.pendingViews += n
  }

  private turnWindow(now: number) {
    this.seenBefore = this.seen
    this.seen = new Map()
    this.windowEnds = now + this.windowMs
  }

  /** The reader's address: the socket's, or from X-Forwarded-For when it came through a trusted proxy. */
  private addressOf(req: IncomingMessage): string {
    const peer = req.socket.remoteAddress ?? ''
    const forwarded = req.headers['x-forwarded-for']
    if (!this.trusted || !forwarded || !isTrusted(this.trusted, peer)) return peer
    // Right to left, past our own proxies: the first address they did not add is the reader's.
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',')
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i].trim()
      if (i === 0 || !isTrusted(this.trusted, hop)) return hop
    }
    return peer
  }
}

/** 'YYYY-MM-DD' in `timeZone` (the en-CA calendar writes dates that way). */
export function newsroomDayFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
}

/** 32-bit FNV-1a of a string: the User-Agent in a dedupe key, short. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function blockListOf(trustProxy: string): BlockList {
  const list = new BlockList()
  for (const entry of trustProxy.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split('/')
    const type = isIPv6(address) ? 'ipv6' : 'ipv4'
    try {
      if (prefix === undefined) list.addAddress(address, type)
      else list.addSubnet(address, Number(prefix), type)
    } catch {
      // Not an address (Fastify also takes names such as "loopback"): that proxy's readers share one key.
    }
  }
  return list
}

function isTrusted(list: BlockList, address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  try {
    return isIPv6(v4) ? list.check(v4, 'ipv6') : list.check(v4, 'ipv4')
  } catch {
    return false
  }
}
