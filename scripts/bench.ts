// `npm run bench`: loads the SaudiNewsNet corpus into a bench data dir (once; reused while the
// corpus and the import are unchanged), and with wrk measures article pages served by `nashra
// serve` (cached, and 2,000 in random order from a cold start) against a bare node:http server
// answering the same bytes and headers from memory (`bench-pages.ts`). Then saving in the newsroom under reader load, and the search and feed
// benchmarks, run against the same server (`--pages-only`, `--search-only`, `--newsroom-only`);
// what counting views costs article pages runs first, on servers of its own (`--most-read-only`).
// Figures and how to read them: docs/benchmarks.md.
import { fork, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchPagesWithWrk, pinServer } from './bench-pages.js'
import { sql } from 'kysely'
import { articlePath } from '../src/articles/index.js'
import { loadConfig } from '../src/config/index.js'
import { migrateToLatest, openSqlite, type Db } from '../src/db/index.js'
import { buildApp, connectFeatures } from '../src/app.js'
import { importSaudiNewsNet, type ImportSummary } from '../src/import/index.js'
import { indexStatus, readySearchIndex } from '../src/search/index.js'
import { benchFeeds } from './bench-feeds.js'
import { benchMostRead } from './bench-most-read.js'
import { benchNewsroom } from './bench-newsroom.js'
import { benchSearch } from './bench-search.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url)) // dist/scripts/ → the repository
const CORPUS = join(ROOT, '../shared/data/saudinewsnet')
const BENCH_DIR = process.env.NASHRA_BENCH_DIR || join(ROOT, 'data/bench')
const MARKER = 'corpus-import.json'
const PAGES = 200 // distinct article URLs the load cycles over
// Long enough that no cached page expires between warming and measuring (default: 60 s).
const SERVER_ENV = { NASHRA_DATA_DIR: BENCH_DIR, NASHRA_LOG_LEVEL: 'silent', PORT: '0', NASHRA_DEMO: '0', NASHRA_SCHEDULER: '0', NASHRA_PAGE_CACHE_SECONDS: '300', NASHRA_ADMIN_RATE_LIMIT: '1000000' }

export interface Page {
  path: string
  type: string
  body: string // base64
  /** The response headers to replay (the wrk bench: Nashra's own, compression included). */
  headers?: Record<string, string>
}

if (process.argv[2] === 'serve-nashra') await serveNashra()
else if (process.argv[2] === 'serve-bare') serveBare()
else await main()

async function main() {
  connectFeatures() // article writes reach the search index, as in the CLI
  const started = Date.now()
  const { db, summary, reused } = await corpusDatabase()
  readIntoFileCache(join(BENCH_DIR, 'nashra.db'))
  console.log(`corpus: ${summary.imported} articles imported in ${summary.seconds.toFixed(1)} s (skipped ${summary.skipped.no_title + summary.skipped.no_body}, duplicates ${summary.duplicates})${reused ? `, reused from ${BENCH_DIR}` : ''}`)
  const status = await indexStatus(db)
  console.log(`search index: analyzer ${status.indexedWith}${status.stale ? ' (stale: run `npx nashra reindex`)' : ''}, related lists pending ${status.relatedPending}`)

  const nashra = await startChild('serve-nashra')
  const bare = await startChild('serve-bare')
  try {
    const base = `http://127.0.0.1:${nashra.port}`
    const only = process.argv.find((a) => a.endsWith('-only'))
    if (only === '--most-read-only' || !only) {
      for (const line of await benchMostRead(BENCH_DIR, { seconds: 10, rounds: only ? 3 : 2 })) console.log(line)
      if (only) return
    }
    if (only === '--newsroom-only') {
      const { pages } = await warmPages(db, base)
      for (const line of await benchNewsroom({ baseUrl: base, db, readerPaths: pages.map((p) => p.path) })) console.log(line)
      return
    }
    if (!process.argv.includes('--search-only')) await benchPages(db, bare)
    if (!only) {
      const { pages } = await warmPages(db, base)
      for (const line of await benchNewsroom({ baseUrl: base, db, readerPaths: pages.map((p) => p.path) })) console.log(line)
    }
    if (!process.argv.includes('--pages-only')) {
      for (const line of await benchSearch({ baseUrl: base, db })) console.log(line)
      if (!process.argv.includes('--search-only')) for (const line of await benchFeeds({ baseUrl: base, db })) console.log(line)
    }
  } finally {
    nashra.child.disconnect() // the children exit when the channel closes (and write a profile if asked)
    bare.child.disconnect()
    await db.destroy()
  }
  console.log(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

/**
 * Article pages under wrk, against `nashra serve` started as a user starts it (default
 * configuration: scheduler, search workers and related lists pending as after an import), in
 * `bench-pages.ts`. The bare server replays the same bytes and headers.
 */
async function benchPages(db: Db, bare: { child: ChildProcess; port: number }) {
  pinServer(bare.child.pid)
  for (const line of await benchPagesWithWrk({ db, dataDir: BENCH_DIR, bare: { port: bare.port, load: (pages) => loadBare(bare.child, pages) } })) console.log(line)
}

async function loadBare(child: ChildProcess, pages: Page[]) {
  child.send(pages)
  await new Promise((resolve) => child.once('message', resolve))
}

/**
 * Reads the database file once, so the measurements find it in the OS's file cache as a running
 * server's would be: after other heavy work here, the first bench otherwise timed disk reads
 * (cold 1-client p95 about 20 ms with the cache dropped, 10 ms with it warm).
 */
function readIntoFileCache(path: string) {
  const fd = openSync(path, 'r')
  const buffer = Buffer.alloc(1 << 20)
  try {
    for (;;) if (readSync(fd, buffer, 0, buffer.length, null) === 0) break
  } finally {
    closeSync(fd)
  }
}

/** The bench database: built once from the corpus, reused while the corpus files are the same. */
async function corpusDatabase(): Promise<{ db: Db; summary: ImportSummary; reused: boolean }> {
  if (!existsSync(CORPUS)) throw new Error(`the SaudiNewsNet corpus is not at ${CORPUS}`)
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.zip')).sort()
  const signature = files.map((f) => `${f}:${statSync(join(CORPUS, f)).size}`).join(',')
  const markerPath = join(BENCH_DIR, MARKER)
  if (existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as { signature: string; summary: ImportSummary }
    if (marker.signature === signature) {
      const db = openSqlite(join(BENCH_DIR, 'nashra.db'))
      await migrateToLatest(db)
      // Merged as the import does now; rebuilt if an older analyzer built it.
      const reindexed = await readySearchIndex(db)
      if (reindexed > 0) console.log(`search index built by an older analyzer: rebuilt (${reindexed} articles)`)
      return { db, summary: marker.summary, reused: true }
    }
  }
  rmSync(BENCH_DIR, { recursive: true, force: true })
  mkdirSync(BENCH_DIR, { recursive: true })
  const db = openSqlite(join(BENCH_DIR, 'nashra.db'))
  await migrateToLatest(db)
  console.log(`importing ${files.length} corpus files into ${BENCH_DIR} …`)
  const summary = await importSaudiNewsNet(db, files.map((f) => join(CORPUS, f)))
  writeFileSync(markerPath, JSON.stringify({ signature, summary }, null, 2))
  return { db, summary, reused: false }
}

/** Renders every sampled article page once (filling the page cache) and keeps its bytes for the bare server. */
async function warmPages(db: Db, base: string): Promise<{ pages: Page[]; renders: number[] }> {
  const { rows } = await sql<{ id: number; slug: string; section_slug: string }>`
    select article.id, article.slug, section.slug as section_slug from article
    join section on section.id = article.section_id
    where article.status = 'published' order by article.id`.execute(db)
  const step = Math.max(1, Math.floor(rows.length / PAGES))
  const sample = rows.filter((_, i) => i % step === 0).slice(0, PAGES)
  const pages: Page[] = []
  const renders: number[] = []
  for (const a of sample) {
    const path = articlePath(a.section_slug, a.id, a.slug)
    const t = performance.now()
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'identity' } })
    const body = Buffer.from(await res.arrayBuffer())
    renders.push(performance.now() - t)
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
    pages.push({ path, type: res.headers.get('content-type') ?? 'text/html', body: body.toString('base64') })
  }
  return { pages, renders }
}

/** Servers run in child processes, so the load generator's own work doesn't share their CPU time. */
async function startChild(mode: 'serve-nashra' | 'serve-bare'): Promise<{ child: ChildProcess; port: number }> {
  // NASHRA_BENCH_PROFILE=<dir>: the Nashra server writes a V8 CPU profile there when it exits.
  const profile = mode === 'serve-nashra' && process.env.NASHRA_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.NASHRA_BENCH_PROFILE}`] : []
  const child = fork(fileURLToPath(import.meta.url), [mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profile })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`${mode} exited with ${code}`)))
  })
  return { child, port }
}

async function serveNashra() {
  const config = loadConfig({ ...process.env, ...SERVER_ENV })
  const db = openSqlite(join(BENCH_DIR, 'nashra.db'))
  const app = await buildApp(config, db)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  process.once('disconnect', () => process.exit(0))
}

function serveBare() {
  const pages = new Map<string, { body: Buffer; headers: (string | number)[] }>()
  const server = createServer((req, res) => {
    const page = pages.get(req.url ?? '')
    if (!page) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, page.headers)
    res.end(page.body)
  })
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  })
  process.on('message', (list) => {
    for (const p of list as Page[]) {
      const body = Buffer.from(p.body, 'base64')
      // Headers as a flat list made once, as Nashra's hot path writes them: the fastest node:http can answer.
      const headers = Object.entries(p.headers ?? { 'content-type': p.type, 'content-length': String(body.length) }).flat()
      pages.set(p.path, { body, headers })
    }
    process.send?.({ loaded: pages.size })
  })
  process.once('disconnect', () => process.exit(0))
}
