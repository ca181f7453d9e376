// Most read (issue 12): what counting views costs the article page. Nashra is served from a child
// process over a corpus database twice, with NASHRA_COUNT_VIEWS=0 and =1, in alternating rounds,
// and Debian's `wrk` loads 200 cached article pages with a browser's User-Agent (a view counts
// only then). Two kinds of load: every request a new reader (a new address in X-Forwarded-For
// through a trusted proxy: each request counted, the costly case) and one reader coming back (each
// request a dedupe hit). Views are written every 15 s meanwhile, as in production.
//
//   node dist/scripts/bench-most-read.js [--data=<dir with nashra.db>] [--seconds=10] [--rounds=3]
//
// Also run by `npm run bench` (`--most-read-only` for this part alone). Figures: docs/benchmarks.md.
import { spawn, fork, type ChildProcess } from 'node:child_process'
import type { IncomingMessage } from 'node:http'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { articlePath, ViewCounter } from '../src/articles/index.js'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/index.js'
import { migrateToLatest, openSqlite } from '../src/db/index.js'

const PAGES = 200
const CONNECTIONS = 32
const BROWSER_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'
type Load = 'new-readers' | 'same-reader'

if (process.argv[2] === 'serve-most-read') await serve(process.argv[3], process.argv[4])
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const data = arg('data') ?? join(fileURLToPath(new URL('../../', import.meta.url)), 'data/bench')
  for (const line of await benchMostRead(data, { seconds: Number(arg('seconds') ?? 10), rounds: Number(arg('rounds') ?? 3) })) console.log(line)
}

/** Runs the comparison over the database in `dataDir`; returns the lines to print. */
export async function benchMostRead(dataDir: string, options: { seconds: number; rounds: number }): Promise<string[]> {
  const paths = await samplePaths(dataDir)
  const servers = { off: await startServer(dataDir, '0'), on: await startServer(dataDir, '1') }
  const lines = [`most read: ${paths.length} cached article pages, wrk -t1 -c${CONNECTIONS} -d${options.seconds}s per run, ${options.rounds} alternating rounds`]
  try {
    for (const server of Object.values(servers)) for (const path of paths) await fetch(server.base + path) // render and cache (no UA: not counted)
    for (const load of ['new-readers', 'same-reader'] as Load[]) {
      const script = luaScript(paths, load)
      const rps: Record<'off' | 'on', number[]> = { off: [], on: [] }
      const cpu: Record<'off' | 'on', { micros: number; requests: number }> = { off: { micros: 0, requests: 0 }, on: { micros: 0, requests: 0 } }
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which goes first, so drift in the machine's other load falls on both.
        for (const mode of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          const cpuBefore = await ask<number>(servers[mode].child, 'cpu')
          const run = await wrk(servers[mode].base, script, options.seconds)
          cpu[mode].micros += (await ask<number>(servers[mode].child, 'cpu')) - cpuBefore
          cpu[mode].requests += run.requests
          rps[mode].push(run.rps)
        }
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
      const fmt = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString('en')).join(', ')
      const perRequest = (m: 'off' | 'on') => cpu[m].micros / cpu[m].requests
      lines.push(`  ${load}: without counting ${fmt(rps.off)} req/s; with ${fmt(rps.on)} req/s; throughput ratio ${((mean(rps.on) / mean(rps.off)) * 100).toFixed(1)}% (goal ≥ 95%)`)
      lines.push(`  ${load}: server CPU per request ${perRequest('off').toFixed(1)} µs without, ${perRequest('on').toFixed(1)} µs with (${((perRequest('on') / perRequest('off') - 1) * 100).toFixed(1).replace(/^(?!-)/, '+')}%)`)
    }
    lines.push(...countingCost())
    const written = await ask<number>(servers.on.child, 'flush')
    lines.push(`  views counted by the counting server: ${written.toLocaleString('en')} written (the rest were repeats or over the per-address cap)`)
  } finally {
    for (const server of Object.values(servers)) server.child.kill()
  }
  return lines
}

async function samplePaths(dataDir: string): Promise<string[]> {
  const db = openSqlite(join(dataDir, 'nashra.db'))
  try {
    await migrateToLatest(db)
    const { rows } = await sql<{ id: number; slug: string; section_slug: string }>`
      select article.id, article.slug, section.slug as section_slug from article
      join section on section.id = article.section_id where article.status = 'published' order by article.id`.execute(db)
    const step = Math.max(1, Math.floor(rows.length / PAGES))
    return rows.filter((_, i) => i % step === 0).slice(0, PAGES).map((a) => articlePath(a.section_slug, a.id, a.slug))
  } finally {
    await db.destroy()
  }
}

/** A wrk script cycling over the paths as a browser; `new-readers` gives each request its own address. */
function luaScript(paths: string[], load: Load): string {
  const file = join(tmpdir(), `nashra-bench-most-read-${process.pid}-${load}.lua`)
  const list = paths.map((p) => `"${p}"`).join(',\n')
  const address = load === 'new-readers' ? `string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256)` : `"10.0.0.1"`
  writeFileSync(
    file,
    `local paths = {\n${list}\n}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["User-Agent"] = "${BROWSER_UA}", ["X-Forwarded-For"] = ${address} })
end\n`,
  )
  return file
}

/**
 * The counter alone, in this process: CPU per `count` call over 1,000,000 calls, best of 5 (less
 * sensitive to other jobs than the throughput ratio), to set against the CPU a cached page costs.
 */
function countingCost(): string[] {
  const lines: string[] = []
  for (const load of ['new-readers', 'same-reader'] as Load[]) {
    const counter = new ViewCounter({ timeZone: 'Asia/Riyadh', trustProxy: '127.0.0.1,::1' })
    const requests = Array.from({ length: 4096 }, (_, i) => ({
      method: 'GET',
      headers: { 'user-agent': BROWSER_UA, 'x-forwarded-for': load === 'new-readers' ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : '10.0.0.1' },
      socket: { remoteAddress: '127.0.0.1' },
    })) as unknown as IncomingMessage[]
    let best = Infinity
    for (let trial = 0; trial < 5; trial++) {
      const start = process.cpuUsage()
      const now = Date.now()
      for (let i = 0; i < 1_000_000; i++) counter.count(i % PAGES, requests[(i * 7) % requests.length], now)
      const used = process.cpuUsage(start)
      best = Math.min(best, (used.user + used.system) / 1_000_000)
      counter.take()
    }
    lines.push(`  ${load}: the counter alone costs ${(best * 1000).toFixed(0)} ns of CPU per served page (best of 5 × 1,000,000 calls)`)
  }
  return lines
}

/** Asks a server child for a figure: 'cpu' (µs of CPU so far) or 'flush' (views written in all). */
function ask<T>(child: ChildProcess, question: 'cpu' | 'flush'): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T))
    child.send(question)
  })
}

async function wrk(base: string, script: string, seconds: number): Promise<{ rps: number; requests: number }> {
  const child = spawn('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '-s', script, base], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const match = /Requests\/sec:\s+([\d.]+)/.exec(out)
  const requests = /(\d+) requests in/.exec(out)
  if (code !== 0 || !match || !requests) throw new Error(`wrk failed (is Debian's wrk installed?): ${out}`)
  if (/Non-2xx/.test(out)) throw new Error(`wrk saw errors: ${out}`)
  return { rps: Number(match[1]), requests: Number(requests[1]) }
}

async function startServer(dataDir: string, countViews: '0' | '1'): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['serve-most-read', dataDir, countViews], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { child, base: `http://127.0.0.1:${port}` }
}

async function serve(dataDir: string, countViews: string) {
  const config = loadConfig({
    NASHRA_DATA_DIR: dataDir,
    NASHRA_LOG_LEVEL: 'silent',
    PORT: '0',
    NASHRA_DEMO: '0',
    NASHRA_SCHEDULER: '0',
    NASHRA_PAGE_CACHE_SECONDS: '600',
    NASHRA_TRUST_PROXY: '1',
    NASHRA_COUNT_VIEWS: countViews,
  })
  const db = openSqlite(join(dataDir, 'nashra.db'))
  const app = await buildApp(config, db)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const viewsWritten = async () => Number((await sql<{ n: number | null }>`select sum(views) as n from article_view`.execute(db)).rows[0].n ?? 0)
  const before = await viewsWritten()
  process.on('message', async (question) => {
    if (question === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.(user + system)
      return
    }
    await app.mostRead.flush()
    process.send?.((await viewsWritten()) - before)
  })
  const address = app.server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  process.once('disconnect', () => process.exit(0))
}
