import type { IncomingMessage } from 'node:http'
import { BlockList, isIPv6 } from 'node:net'

// Views of article pages, counted where the pages are served (docs/decisions/022): in memory only,
// taken out in batches by the most-read service. Runs on every cached page hit, so every check is
// a header lookup or a Map lookup; addresses are only hashed, held for a dedupe window, never written.

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

/** Whether a request may be someone reading the page: a GET, not a prefetch or prerender (the User-Agent aside). */
function isReaderRequest(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  const h = req.headers
  // Chromium: Sec-Purpose: prefetch[;prerender]; older Chrome and Safari: Purpose; Firefox: X-Moz.
  return req.method === 'GET' && h['sec-purpose'] === undefined && h.purpose === undefined && h['x-moz'] === undefined && h['x-purpose'] === undefined
}

/** Whether a User-Agent is a browser's. */
function isReaderAgent(ua: string): boolean {
  return ua.startsWith('Mozilla/') && !NOT_A_READER.test(ua)
}

/** Whether a request is someone reading the page: a GET from a browser, not a prefetch or prerender. */
export function isReaderView(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  const ua = req.headers['user-agent']
  return isReaderRequest(req) && ua !== undefined && isReaderAgent(ua)
}

// Few distinct User-Agents and proxy addresses make most of the traffic: what is worked out about
// one (a regex, a hash, a BlockList lookup: microseconds) is remembered, up to this many.
const REMEMBERED = 1000

export class ViewCounter {
  private pending: ViewBatch = new Map()
  private pendingViews = 0
  /**
   * Dedupe, this window and the one before: readers seen (article, address, User-Agent) and views
   * counted per (article, address). Keys are 30-bit hashes (small integers, the cheapest Map keys;
   * a rare collision loses one view), so no address is held as such either.
   */
  private seen = { readers: new Set<number>(), perAddress: new Map<number, number>() }
  private seenBefore = { readers: new Set<number>(), perAddress: new Map<number, number>() }
  private windowEnds = 0
  private dayCache = { minute: -1, day: '' }
  private readonly dayFormat: Intl.DateTimeFormat
  private readonly trusted?: BlockList
  private readonly windowMs: number
  private readonly maxPerAddress: number
  private readonly maxKeys: number
  private readonly agents = new Map<string, { reader: boolean; hash: number }>()
  private readonly trustedPeers = new Map<string, boolean>()

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
    const ua = req.headers['user-agent']
    if (ua === undefined || !isReaderRequest(req)) return false
    const agent = this.agentOf(ua)
    if (!agent.reader) return false
    if (now >= this.windowEnds || this.seen.readers.size >= this.maxKeys) this.turnWindow(now)
    const perAddress = mix(articleId, hash(this.addressOf(req)))
    const reader = mix(perAddress, agent.hash)
    const { readers, perAddress: counted } = this.seen
    if (readers.has(reader) || this.seenBefore.readers.has(reader)) return false
    const inWindow = counted.get(perAddress) ?? 0
    if (inWindow + (this.seenBefore.perAddress.get(perAddress) ?? 0) >= this.maxPerAddress) return false
    readers.add(reader)
    counted.set(perAddress, inWindow + 1)
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

  private agentOf(ua: string): { reader: boolean; hash: number } {
    let agent = this.agents.get(ua)
    if (!agent) {
      if (this.agents.size >= REMEMBERED) this.agents.clear()
      agent = { reader: isReaderAgent(ua), hash: hash(ua) }
      this.agents.set(ua, agent)
    }
    return agent
  }

  private isTrusted(address: string): boolean {
    let trusted = this.trustedPeers.get(address)
    if (trusted === undefined) {
      if (this.trustedPeers.size >= REMEMBERED) this.trustedPeers.clear()
      trusted = isTrusted(this.trusted!, address)
      this.trustedPeers.set(address, trusted)
    }
    return trusted
  }

  private turnWindow(now: number) {
    this.seenBefore = this.seen
    this.seen = { readers: new Set(), perAddress: new Map() }
    this.windowEnds = now + this.windowMs
  }

  /** The reader's address: the socket's, or from X-Forwarded-For when it came through a trusted proxy. */
  private addressOf(req: IncomingMessage): string {
    const peer = req.socket.remoteAddress ?? ''
    const forwarded = req.headers['x-forwarded-for']
    if (!this.trusted || !forwarded || !this.isTrusted(peer)) return peer
    // Right to left, past our own proxies: the first address they did not add is the reader's.
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',')
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i].trim()
      if (i === 0 || !this.isTrusted(hop)) return hop
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

/** Two numbers into one 30-bit integer (a small integer in V8: no allocation as a Map key). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0xc2b2ae35)
  h ^= h >>> 15
  return h & 0x3fffffff
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
