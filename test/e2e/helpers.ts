// Shared plumbing of the browser tests: a real Nashra server on 127.0.0.1:0 over a temporary SQLite
// file (with the demo content), and Debian's Chromium driven by playwright-core.
//
//   describe('…', { skip: chromiumMissing }, () => {
//     let server: TestServer, browser: Browser
//     before(async () => { server = await startTestServer(); browser = await launchBrowser() })
//     after(async () => { await browser.close(); await server.close() })
//   })
//
// Inside a test, `startTestServer(t)` / `launchBrowser(t)` register their own clean-up on `t.after`;
// the reader-site suites open all three at once with `openReaderSite` / `closeReaderSite`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'
import { loadConfig, type Config } from '../../src/config/index.js'
import { migrateToLatest, openSqlite, type Db } from '../../src/db/index.js'
import { buildApp, type App } from '../../src/app.js'
import { seedDemoContent } from '../../src/demo/index.js'

export type { Browser, BrowserContext, Page }

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A skip reason when Chromium is absent (pass as `{ skip: chromiumMissing }`), else false. */
export const chromiumMissing: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `browser tests skipped: Chromium is not installed at ${CHROMIUM_PATH} (.ci/run installs Debian's chromium)`

/** Anything with `after` (a TestContext, or node:test's top-level `after` wrapped as `{ after }`). */
interface Cleanup {
  after: (fn: () => unknown) => void
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string
  app: App
  db: Db
  dataDir: string
  config: Config
  /** Stops the server, closes the database and removes the data dir (also registered on `t.after` when t is given). */
  close: () => Promise<void>
}

export interface StartOptions {
  /** Seed the demo content (default true), or run your own seeding function. */
  seed?: boolean | ((db: Db, dataDir: string) => Promise<unknown>)
  /** Extra environment variables for loadConfig (NASHRA_DATA_DIR and NASHRA_LOG_LEVEL are set for you). */
  env?: Record<string, string>
  /** Direct overrides of the loaded Config. */
  config?: Partial<Config>
}

/** Starts a real Nashra server on 127.0.0.1:0 over a fresh SQLite file in a temporary data dir. */
export async function startTestServer(t?: Cleanup, options: StartOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nashra-e2e-'))
  mkdirSync(join(dataDir, 'media'), { recursive: true })
  const loaded = loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent', NASHRA_SCHEDULER: '0', PORT: '0', ...options.env })
  const config: Config = Object.freeze({ ...loaded, ...options.config })
  const db = openSqlite(join(dataDir, 'nashra.db'))
  let app: App | undefined
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await app?.close()
    await db.destroy()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await migrateToLatest(db)
    const seed = options.seed ?? true
    if (seed === true) await seedDemoContent(db, dataDir, new Date())
    else if (typeof seed === 'function') await seed(db, dataDir)
    app = await buildApp(config, db)
    await app.listen({ host: '127.0.0.1', port: 0 })
  } catch (err) {
    await close()
    throw err
  }
  const { port } = app.server.address() as AddressInfo
  // Absolute URLs in pages (canonical, share links, JSON-LD) name the real port, as in production.
  if (!options.env?.NASHRA_BASE_URL && !options.config?.baseUrl) config.baseUrl.port = String(port)
  t?.after(close)
  return { baseUrl: `http://127.0.0.1:${port}`, app, db, dataDir, config, close }
}

/** Launches Chromium (headless, fresh profile); closed on `t.after` when t is given. */
export async function launchBrowser(t?: Cleanup): Promise<Browser> {
  if (chromiumMissing) throw new Error(chromiumMissing)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
  t?.after(() => browser.close())
  return browser
}

/** Watches a page or context: console errors, page errors, failed requests and requests to other hosts. */
export interface PageWatch {
  consoleErrors: string[]
  pageErrors: string[]
  foreignRequests: string[]
  failedRequests: string[]
  requests: string[]
  /** Empties every list (between navigations in one test). */
  reset: () => void
}

export function watchPage(target: Page | BrowserContext, baseUrl: string): PageWatch {
  const origin = new URL(baseUrl).origin
  const watch: PageWatch = {
    consoleErrors: [],
    pageErrors: [],
    foreignRequests: [],
    failedRequests: [],
    requests: [],
    reset() {
      for (const list of [watch.consoleErrors, watch.pageErrors, watch.foreignRequests, watch.failedRequests, watch.requests]) list.length = 0
    },
  }
  const onRequest = (request: Request) => {
    const url = request.url()
    watch.requests.push(url)
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return
    if (new URL(url).origin !== origin) watch.foreignRequests.push(url)
  }
  const onFailed = (request: Request) => {
    watch.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`)
  }
  target.on('request', onRequest)
  target.on('requestfailed', onFailed)
  const watchOne = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.consoleErrors.push(`${msg.text()} @ ${msg.location().url}`)
    })
    page.on('pageerror', (err) => watch.pageErrors.push(String(err)))
  }
  if ('goto' in target) {
    watchOne(target)
  } else {
    target.pages().forEach(watchOne)
    target.on('page', watchOne)
  }
  return watch
}

/**
 * Opens a reader page and waits for its enhancing scripts: early.js loads them once the largest paint
 * is on screen (docs/decisions/030), which can be after the load event, and marks <html data-enhanced>.
 */
export async function gotoEnhanced(page: Page, url: string) {
  const response = await page.goto(url)
  await waitForEnhanced(page)
  return response
}

/** After a reload or a navigation: the enhancing scripts have run. */
export async function waitForEnhanced(page: Page): Promise<void> {
  await page.waitForSelector('html[data-enhanced]', { state: 'attached', timeout: 10_000 })
}

/** Finds the URL of some published article by following the first article link of the home page. */
export async function findArticleUrl(server: TestServer): Promise<string> {
  const res = await fetch(server.baseUrl + '/')
  const html = await res.text()
  // Article URLs are /<section>/<id>/<slug>
  const match = html.match(/href="(\/[^"/?#]+\/\d+\/[^"?#]+)"/)
  if (!match) throw new Error('no article link on the home page')
  return new URL(match[1], server.baseUrl).href // as a browser shows it: encoded
}

export interface ReaderPages {
  home: string
  article: string
  section: string
  /** undefined only when no published article has a tag */
  tag: string | undefined
  author: string
  masthead: string
  search: string
  notFound: string
}

/** Absolute URLs of one page of each kind, found by following links (no demo titles assumed). */
export async function findReaderPages(server: TestServer): Promise<ReaderPages> {
  const base = server.baseUrl
  const home = await (await fetch(base + '/')).text()
  const links = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1])
  const articleLinks = [...new Set(links(home, /href="(\/[^"/?#]+\/\d+\/[^"?#]+)"/g))]
  if (articleLinks.length === 0) throw new Error('no article link on the home page')
  const section = links(home, /href="(\/section\/[^"?#]+)"/g)[0]
  let author = links(home, /href="(\/author\/[^"?#]+)"/g)[0]
  let tag: string | undefined
  for (const path of articleLinks.slice(0, 8)) {
    const html = await (await fetch(base + path)).text()
    tag ??= links(html, /href="(\/tag\/[^"?#]+)"/g)[0]
    author ??= links(html, /href="(\/author\/[^"?#]+)"/g)[0]
    if (tag && author) break
  }
  if (!section || !author) throw new Error('the demo content has no section or author link')
  // Pages write their links with Arabic letters (withReadableLinks); as addresses they are the encoded ones a browser shows.
  const url = (path: string) => new URL(path, base).href
  return {
    home: base + '/',
    article: url(articleLinks[0]),
    section: url(section),
    tag: tag ? url(tag) : undefined,
    author: url(author),
    masthead: base + '/masthead',
    search: base + '/search?q=' + encodeURIComponent('الرياض'),
    notFound: base + '/no-such-page/here',
  }
}

/** What the reader-site suites share: a server with the demo content, a browser, and a page of each kind. */
export async function openReaderSite(): Promise<{ server: TestServer; browser: Browser; pages: ReaderPages }> {
  const server = await startTestServer()
  const [browser, pages] = await Promise.all([launchBrowser(), findReaderPages(server)])
  return { server, browser, pages }
}

/** Closes what `openReaderSite` opened (either may be missing when opening failed). */
export async function closeReaderSite(site: { server?: TestServer; browser?: Browser }): Promise<void> {
  await site.browser?.close()
  await site.server?.close()
}
