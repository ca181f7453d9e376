import type { FastifyInstance } from 'fastify'
import { inlineAsset, inlineStyle, PAGE_STYLES } from '../views/index.js'

// Every page and asset comes from this host: fonts, scripts, styles and images included. The only
// inline code allowed is the reader pages' first-paint CSS (one cut of it per kind of page, decision
// 036) and script, each by the hash of its exact text (src/views/inline-assets.ts, computed once at
// start-up; docs/decisions/024).
const csp = () => [
  "default-src 'self'",
  `script-src 'self' ${inlineAsset('early.js').source}`,
  `style-src 'self' ${PAGE_STYLES.map((kind) => inlineStyle(kind).source).join(' ')}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ')

const headers = (): Record<string, string> => ({
  'content-security-policy': csp(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
})

/**
 * The newsroom's pages (signed-in staff, drafts, the comment queue) also cut every tie with a window
 * of another origin that opened them or that they open. The public reader pages do not send it:
 * they hold nothing a reader is signed in to, and Chromium moves a page that sends it out of the
 * blank tab it was opened from into a new process, which Lighthouse counts as 50–140 ms of blocking
 * time on a phone (docs/decisions/031).
 */
const STAFF_ONLY = { 'cross-origin-opener-policy': 'same-origin' }
const isStaffUrl = (url: string) => url === '/newsroom' || url.startsWith('/newsroom/') || url.startsWith('/newsroom?')

// Only when the public address is https: over plain http a browser ignores it, and a site reached
// both ways (a test server, a LAN address) must not pin itself to https by accident.
const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * The same fixed security headers on every response (set once, no per-request work); the page
 * cache replays them on its hot path. @fastify/helmet would send much the same set, with more
 * per-request work and HSTS whatever the protocol.
 */
export function installSecurityHeaders(app: FastifyInstance, publicUrl: URL): void {
  const fixed = publicUrl.protocol === 'https:' ? { ...headers(), 'strict-transport-security': HSTS } : headers()
  const staff = { ...fixed, ...STAFF_ONLY }
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(isStaffUrl(request.url) ? staff : fixed)
  })
}
