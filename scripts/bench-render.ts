// One uncached article render, in process: `npm run bench:render -- DIR [COUNT] [--dump FILE]`.
// DIR is a data directory holding a copy of the corpus (never the original: the app migrates it).
// COUNT published articles, drawn in a fixed pseudo-random order, are rendered one at a time
// exactly as the article route renders a page-cache miss (the article's own queries, the chrome,
// related stories, comments, JSON-LD and the JSX), without HTTP and without the page cache. The
// median and p95 of wall and CPU time per render are printed. `--dump FILE` writes every page's
// HTML to FILE, so two builds can be compared byte for byte.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import { buildApp } from '../src/app.js'
import { articlePageRenderers } from '../src/article-page.js'
import { getPublishedArticle } from '../src/articles/index.js'
import { loadConfig } from '../src/config/index.js'
import { sharedChrome } from '../src/page-chrome.js'
import { type Db, migrateToLatest, openDb } from '../src/db/index.js'

const WARM_UP = 200

export interface RenderTiming {
  n: number
  wallP50: number
  wallP95: number
  cpuP50: number
  cpuP95: number
}

/** Renders `count` articles (after a warm-up on others) and returns per-render times in ms; `pages` receives each page's HTML when given. */
export async function measureUncachedRender(dataDir: string, count: number, pages?: (id: number, html: string) => void): Promise<RenderTiming> {
  const config = loadConfig({ ...process.env, NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent', NASHRA_COUNT_VIEWS: '0' })
  const db = await openDb(config.databaseUrl)
  try {
    await migrateToLatest(db)
    const app = await buildApp(config, db)
    try {
      await app.ready()
      const ids = await drawArticleIds(db, WARM_UP + count)
      // What the article route's render reads from its request: the app and the reader's cookies (none).
      const request = { server: app, cookies: {}, headers: {} } as unknown as FastifyRequest
      const { renderArticlePage } = articlePageRenderers(sharedChrome(db, config))
      const render = async (id: number) => renderArticlePage(request, await getPublishedArticle(db, id))
      for (const id of ids.slice(0, WARM_UP)) await render(id) // JIT, SQLite's page cache
      const wall: number[] = []
      const cpu: number[] = []
      for (const id of ids.slice(WARM_UP)) {
        const started = performance.now()
        const cpuStarted = process.cpuUsage()
        const html = await render(id)
        const used = process.cpuUsage(cpuStarted)
        wall.push(performance.now() - started)
        cpu.push((used.user + used.system) / 1000)
        pages?.(id, html)
      }
      return { n: wall.length, wallP50: quantile(wall, 0.5), wallP95: quantile(wall, 0.95), cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95) }
    } finally {
      await app.close()
    }
  } finally {
    await db.destroy()
  }
}

/** Published article ids in a pseudo-random order that is the same on every run (a fixed seed). */
async function drawArticleIds(db: Db, n: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`select id from article where status = 'published' order by id`.execute(db)
  const ids = rows.rows.map((r) => Number(r.id))
  let seed = 13
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
  }
  return ids.slice(0, n)
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

async function main(argv: string[]): Promise<void> {
  const dumpAt = argv.indexOf('--dump')
  const dumpFile = dumpAt >= 0 ? argv[dumpAt + 1] : undefined
  const [dir, countArg] = argv.filter((_, i) => dumpAt < 0 || (i !== dumpAt && i !== dumpAt + 1))
  if (!dir) throw new Error('usage: npm run bench:render -- DIR [COUNT] [--dump FILE] (DIR: a copy of the corpus data directory)')
  const count = Number(countArg ?? 1000)
  const dumped: string[] = []
  const t = await measureUncachedRender(dir, count, dumpFile ? (id, html) => dumped.push(`=== ${id}\n${html}\n`) : undefined)
  if (dumpFile) writeFileSync(dumpFile, dumped.join(''))
  const ms = (v: number) => `${v.toFixed(2)} ms`
  console.log(`uncached article render (${t.n} articles): wall p50 ${ms(t.wallP50)}, p95 ${ms(t.wallP95)}; CPU p50 ${ms(t.cpuP50)}, p95 ${ms(t.cpuP95)} (goal: p50 < 2 ms)`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
