import type { FastifyInstance } from 'fastify'
import { inlineAsset } from '../views/index.js'

// Every page and asset comes from this host: fonts, scripts, styles and images included. The only
// inline code allowed is the reader pages' first-paint CSS and script, each by the hash of its
// exact text (src/views/inline-assets.ts, computed once at start-up; docs/decisions/024).
const csp = () => [
  "default-src 'self'",
  `script-src 'self' ${inlineAsset('early.js').source}`,
  `style-src 'self' ${inlineAsset('site.css').source}`,
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
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
})

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
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(fixed)
  })
}
