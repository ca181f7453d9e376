import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { test } from 'node:test'
import { isReaderView, ViewCounter } from './view-counter.js'

const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'
const OTHER_BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1'
const NOON = Date.parse('2026-03-01T09:00:00Z') // 12:00 in Riyadh

function req(headers: Record<string, string> = {}, options: { method?: string; address?: string } = {}): IncomingMessage {
  return { method: options.method ?? 'GET', headers: { 'user-agent': BROWSER, ...headers }, socket: { remoteAddress: options.address ?? '203.0.113.7' } } as unknown as IncomingMessage
}

const counter = (options: Partial<ConstructorParameters<typeof ViewCounter>[0]> = {}) => new ViewCounter({ timeZone: 'Asia/Riyadh', trustProxy: false, ...options })

/** The batch as plain data: { day: { id: views } }. */
const plain = (c: ViewCounter) => Object.fromEntries([...c.take()].map(([day, views]) => [day, Object.fromEntries(views)]))

test('browsers reading count; crawlers, link previews, scripts, prefetches, prerenders and HEAD do not', () => {
  assert.equal(isReaderView(req()), true)
  for (const ua of [
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
    'facebookexternalhit/1.1',
    'WhatsApp/2.23.20.0',
    'TelegramBot (like TwitterBot)',
    'curl/8.5.0',
    'python-requests/2.31',
  ]) {
    assert.equal(isReaderView(req({ 'user-agent': ua })), false, ua)
  }
  assert.equal(isReaderView({ method: 'GET', headers: {} } as IncomingMessage), false, 'no User-Agent')
  assert.equal(isReaderView(req({ 'sec-purpose': 'prefetch' })), false)
  assert.equal(isReaderView(req({ 'sec-purpose': 'prefetch;prerender' })), false)
  assert.equal(isReaderView(req({ purpose: 'prefetch' })), false)
  assert.equal(isReaderView(req({ 'x-moz': 'prefetch' })), false)
  assert.equal(isReaderView(req({}, { method: 'HEAD' })), false)
})

test('a reader reloading a page is one view; other readers and other articles count apart', () => {
  const c = counter()
  assert.equal(c.count(1, req(), NOON), true)
  assert.equal(c.count(1, req(), NOON + 1000), false)
  assert.equal(c.count(1, req({ 'user-agent': OTHER_BROWSER }), NOON + 2000), true, 'another browser behind the same address')
  assert.equal(c.count(1, req({}, { address: '198.51.100.9' }), NOON + 3000), true)
  assert.equal(c.count(2, req(), NOON + 4000), true)
  assert.equal(c.waiting, 4)
  assert.deepEqual(plain(c), { '2026-03-01': { 1: 3, 2: 1 } })
  assert.equal(c.waiting, 0)
  assert.deepEqual(plain(c), {}, 'take empties the buffer')
})

test('the dedupe window: the same reader counts again after one to two windows, not before', () => {
  const c = counter({ windowMs: 60_000 })
  assert.equal(c.count(1, req(), NOON), true)
  assert.equal(c.count(1, req(), NOON + 59_000), false)
  assert.equal(c.count(1, req(), NOON + 61_000), false, 'still in the previous window')
  assert.equal(c.count(1, req(), NOON + 125_000), true)
})

test('one address cannot inflate an article by changing its User-Agent: a cap per address per window', () => {
  const c = counter({ maxPerAddress: 3 })
  const counted = Array.from({ length: 50 }, (_, i) => c.count(7, req({ 'user-agent': `${BROWSER} v${i}` }), NOON + i)).filter(Boolean).length
  assert.equal(counted, 3)
  assert.equal(c.count(8, req(), NOON + 100), true, 'other articles are not affected')
})

test('memory stays bounded: the window turns early when it holds maxKeys entries', () => {
  const c = counter({ maxKeys: 100, windowMs: 3_600_000 })
  for (let i = 0; i < 1000; i++) c.count(i, req(), NOON + i)
  type Window = { readers: Set<number>; perAddress: Map<number, number> }
  const internals = c as unknown as { seen: Window; seenBefore: Window }
  for (const w of [internals.seen, internals.seenBefore]) assert.ok(w.readers.size <= 100 && w.perAddress.size <= 100)
  assert.equal(c.waiting, 1000)
})

test("views count on the newsroom's day: the boundary is midnight in NASHRA_TIMEZONE, not UTC", () => {
  const riyadh = counter()
  riyadh.count(1, req(), Date.parse('2026-03-01T20:59:59Z')) // 23:59:59 in Riyadh
  riyadh.count(1, req({}, { address: '198.51.100.1' }), Date.parse('2026-03-01T21:00:00Z')) // 00:00 on 2 March
  riyadh.count(1, req({}, { address: '198.51.100.2' }), Date.parse('2026-03-01T23:30:00Z')) // still 1 March in UTC
  assert.deepEqual(plain(riyadh), { '2026-03-01': { 1: 1 }, '2026-03-02': { 1: 2 } })

  const newYork = counter({ timeZone: 'America/New_York' })
  newYork.count(1, req(), Date.parse('2026-03-02T04:59:00Z')) // 23:59 on 1 March (EST)
  newYork.count(1, req({}, { address: '198.51.100.1' }), Date.parse('2026-03-02T05:00:00Z'))
  assert.deepEqual(plain(newYork), { '2026-03-01': { 1: 1 }, '2026-03-02': { 1: 1 } })
})

test('a batch whose write failed is put back and goes out with the next', () => {
  const c = counter()
  c.count(1, req(), NOON)
  const failed = c.take()
  c.count(1, req({}, { address: '198.51.100.1' }), NOON + 1)
  c.putBack(failed)
  assert.deepEqual(plain(c), { '2026-03-01': { 1: 2 } })
})

test("behind a trusted proxy the reader's address comes from X-Forwarded-For; from anyone else it is ignored", () => {
  const c = counter({ trustProxy: '127.0.0.1,10.0.0.0/8' })
  const viaProxy = (forwarded: string) => req({ 'x-forwarded-for': forwarded }, { address: '127.0.0.1' })
  assert.equal(c.count(1, viaProxy('203.0.113.1'), NOON), true)
  assert.equal(c.count(1, viaProxy('203.0.113.2'), NOON), true, 'two readers behind one proxy')
  assert.equal(c.count(1, viaProxy('198.51.100.66, 203.0.113.2, 10.1.2.3'), NOON), false, 'a forged left part is not believed')
  const direct = (forwarded: string) => req({ 'x-forwarded-for': forwarded }, { address: '192.0.2.50' })
  assert.equal(c.count(2, direct('203.0.113.1'), NOON), true)
  assert.equal(c.count(2, direct('203.0.113.99'), NOON), false, 'an untrusted client cannot pose as many')
})
