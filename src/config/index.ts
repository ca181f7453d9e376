import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  host: string
  port: number
  dataDir: string
  databaseUrl: string
  baseUrl: URL
  demo: boolean
  secret: string
  /** Addresses whose X-Forwarded-For is believed (Fastify's trustProxy), or false. */
  trustProxy: string | false
  timeZone: string
  logLevel: LogLevel
  /** Seconds a rendered reader page stays in Nashra's own page cache. */
  pageCacheSeconds: number
  /** Bytes (in MiB) the page cache may hold, rendered pages and their compressed copies together. */
  pageCacheMegabytes: number
  /** Cache-Control of anonymous cacheable answers: browsers keep them `browserMaxAge` s, shared caches (CDN, Varnish) `sharedMaxAge` s. */
  browserMaxAge: number
  sharedMaxAge: number
  /** Whether the scheduler (publishing scheduled articles) runs in this process. */
  scheduler: boolean
  /** Whether article pages served count as views (most read); off behind an HTTP cache that serves them itself. */
  countViews: boolean
  /** Seconds between two writes of the article views counted in memory (most read). */
  viewsFlushSeconds: number
  /** Newsroom sign-in: session lifetime, idle timeout, failures allowed per 15 minutes, admin API writes per minute per token. */
  sessionHours: number
  sessionIdleMinutes: number
  loginMaxFailures: number
  adminRateLimit: number
  /** Worker threads computing first-time searches beside the HTTP thread (SQLite only); 0 computes them in it. */
  searchWorkers: number
}

export class ConfigError extends Error {
  constructor(readonly variable: string, value: string | undefined, why = 'invalid value') {
    super(`${variable}=${JSON.stringify(value)}: ${why}`)
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** Reads the environment once, at boot; every name has a working default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.NASHRA_DATA_DIR || 'data')
  const port = parseInteger('PORT', env.PORT, 3000, 0, 65535)
  const host = env.HOST || '127.0.0.1'
  const timeZone = env.NASHRA_TIMEZONE || 'Asia/Riyadh'
  if (!isTimeZone(timeZone)) throw new ConfigError('NASHRA_TIMEZONE', timeZone, 'unknown IANA time zone')
  const logLevel = (env.NASHRA_LOG_LEVEL || 'info') as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('NASHRA_LOG_LEVEL', env.NASHRA_LOG_LEVEL)
  const databaseUrl = env.DATABASE_URL || `file:${join(dataDir, 'nashra.db')}`
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', databaseUrl, 'expected file:/path or postgres://…')
  }
  return Object.freeze({
    host,
    port,
    dataDir,
    databaseUrl,
    baseUrl: parseBaseUrl(env.NASHRA_BASE_URL, port),
    demo: parseFlag('NASHRA_DEMO', env.NASHRA_DEMO, true),
    secret: env.NASHRA_SECRET || readOrCreateSecret(dataDir),
    trustProxy: parseTrustProxy(env.NASHRA_TRUST_PROXY),
    timeZone,
    logLevel,
    pageCacheSeconds: parseInteger('NASHRA_PAGE_CACHE_SECONDS', env.NASHRA_PAGE_CACHE_SECONDS, 60, 0, 86400),
    pageCacheMegabytes: parseInteger('NASHRA_PAGE_CACHE_MB', env.NASHRA_PAGE_CACHE_MB, 64, 1, 65536),
    browserMaxAge: parseInteger('NASHRA_BROWSER_MAX_AGE', env.NASHRA_BROWSER_MAX_AGE, 30, 0, 86400),
    // At most 3 h: with five times that stale, a cached comment form stays within its day (FORM_TOKEN_MAX_AGE_MS).
    sharedMaxAge: parseInteger('NASHRA_SHARED_MAX_AGE', env.NASHRA_SHARED_MAX_AGE, 60, 0, 10_800),
    scheduler: parseFlag('NASHRA_SCHEDULER', env.NASHRA_SCHEDULER, true),
    countViews: parseFlag('NASHRA_COUNT_VIEWS', env.NASHRA_COUNT_VIEWS, true),
    viewsFlushSeconds: parseInteger('NASHRA_VIEWS_FLUSH_SECONDS', env.NASHRA_VIEWS_FLUSH_SECONDS, 15, 1, 3600),
    sessionHours: parseInteger('NASHRA_SESSION_HOURS', env.NASHRA_SESSION_HOURS, 12, 1, 24 * 90),
    sessionIdleMinutes: parseInteger('NASHRA_SESSION_IDLE_MINUTES', env.NASHRA_SESSION_IDLE_MINUTES, 120, 1, 24 * 60 * 90),
    loginMaxFailures: parseInteger('NASHRA_LOGIN_MAX_FAILURES', env.NASHRA_LOGIN_MAX_FAILURES, 5, 1, 1000),
    adminRateLimit: parseInteger('NASHRA_ADMIN_RATE_LIMIT', env.NASHRA_ADMIN_RATE_LIMIT, 300, 1, 1_000_000),
    // One per core, up to four: a search is several milliseconds of CPU, and the HTTP thread stays free.
    searchWorkers: parseInteger('NASHRA_SEARCH_WORKERS', env.NASHRA_SEARCH_WORKERS, availableParallelism() > 1 ? Math.min(4, availableParallelism()) : 0, 0, 64),
  })
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, raw, `expected an integer from ${min} to ${max}`)
  return value
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback
  if (raw === '1' || raw === 'true') return true
  if (raw === '0' || raw === 'false') return false
  throw new ConfigError(name, raw, 'expected 1 or 0')
}

function parseBaseUrl(raw: string | undefined, port: number): URL {
  const value = raw || `http://127.0.0.1:${port}`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError('NASHRA_BASE_URL', raw, 'not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('NASHRA_BASE_URL', raw, 'expected http(s)')
  url.pathname = url.pathname.replace(/\/+$/, '')
  return url
}

function parseTrustProxy(raw: string | undefined): string | false {
  if (!raw || raw === '0') return false
  if (raw === '1') return '127.0.0.1,::1'
  return raw
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The secret signs cookies; generated once into the data dir so restarts keep sessions. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true, mode: 0o711 }) // see prepareDataDir in src/server.ts
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}
export { eventLoopBusySampler, forkAtLowestCpuPriority, runAtLowestCpuPriority } from './cpu-priority.js'
