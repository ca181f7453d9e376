// Article pages under wrk (issue #13): `nashra serve` started as a user starts it, in its default
// configuration (scheduler on, search workers, related lists pending as right after an import),
// 2,000 different articles in random order from a cold start, then cached pages against a bare
// node:http server replaying the same bytes and headers, in alternating rounds.
// Figures and how to read them: docs/benchmarks.md «Throughput with wrk (#13)».
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { Agent, get } from 'node:http'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { articlePath } from '../src/articles/index.js'
import type { Db } from '../src/db/index.js'
import type { Page } from './bench.js'
import { run } from './http-runner.js'
import { startNashraServe as startServe } from './nashra-serve.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url)) // dist/scripts/ → the repository
const LUA = join(ROOT, 'scripts/bench-pages.lua')
const CACHED_PAGES = 200
const COLD_PAGES = 2000
const SECONDS = 10
// Cached pages: short rounds, bare and Nashra alternating. The ratio is the median over the pairs:
// this machine's speed drifts by ±25 % over minutes, a pair's two rounds are seconds apart.
const ROUNDS = 6
const ROUND_SECONDS = 4
const CONNECTIONS = 32
// What a browser sends: pages are measured compressed, as readers get them.
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd'
// Per-connection headers the bare server's own node:http writes itself.
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])

interface WrkResult {
  rate: number
  requests: number
  /** Response bytes read (headers and bodies). */
  bytes: number
  p50: number
  p99: number
  errors: Record<string, number>
}

/** Lines to print. `bare.load` hands the bare server its pages (path, headers, bytes). */
export async function benchPagesWithWrk(options: { db: Db; dataDir: string; bare: { port: number; load: (pages: Page[]) => Promise<void> } }): Promise<string[]> {
  const { db, dataDir, bare } = options
  if (spawnSync('wrk', ['--version']).error) return ['article pages: wrk is not installed (`apt-get install wrk`): skipped']
  const paths = await articlePaths(db)
  const cachedFile = join(dataDir, 'bench-cached-paths.txt')
  const coldFile = join(dataDir, 'bench-cold-paths.txt')
  writeFileSync(cachedFile, spread(paths, CACHED_PAGES).join('\n') + '\n')
  const coldPaths = spread(shuffled(paths), COLD_PAGES)
  writeFileSync(coldFile, coldPaths.join('\n') + '\n')
  // As right after an import: every related list waits to be computed while the server serves.
  const markAllPending = () => sql`insert or ignore into search_related_pending (article_id) select id from article where status = 'published'`.execute(db)
  const pending = await markAllPending()
  const lines = [`article pages (wrk, ${CONNECTIONS} connections, 1 thread, ${pin ? 'wrk on CPU 1, servers on CPU 0' : 'unpinned'}, Accept-Encoding: ${ACCEPT_ENCODING}); related lists marked pending: ${pending.numAffectedRows ?? 0} more`]
  const pass = await firstPass(dataDir, coldPaths)
  await markAllPending()
  const nashra = await startNashraServe(dataDir)
  try {
    const nashraUrl = nashra.baseUrl
    const cold = await wrk(nashraUrl, coldFile, SECONDS)
    const cachedPaths = spread(paths, CACHED_PAGES)
    // Readers' traffic first, so the bare server replays the bytes Nashra sends under load: the
    // pages readers keep asking for get their final compressed copy then (PageCache.finishPopular).
    await fetchPages(nashra.port, cachedPaths)
    await wrk(nashraUrl, cachedFile, 3)
    const pages = await settledPages(nashra.port, cachedPaths)
    await bare.load(pages)
    const bareUrl = `http://127.0.0.1:${bare.port}`
    await wrk(bareUrl, cachedFile, 2) // warm-up
    const bareRuns: WrkResult[] = []
    const nashraRuns: WrkResult[] = []
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await wrk(bareUrl, cachedFile, ROUND_SECONDS))
      await fetchPages(nashra.port, cachedPaths) // the default cache keeps a page 60 s: renders stay out of the rounds
      nashraRuns.push(await wrk(nashraUrl, cachedFile, ROUND_SECONDS))
    }
    const bareCached = combine(bareRuns)
    const nashraCached = combine(nashraRuns)
    const inOrder = nashraRuns.map((n, i) => n.rate / bareRuns[i].rate)
    const pairs = [...inOrder].sort((a, b) => a - b)
    const median = (pairs[(pairs.length - 1) >> 1] + pairs[pairs.length >> 1]) / 2
    const size = pages.reduce((s, p) => s + Buffer.from(p.body, 'base64').length, 0) / pages.length
    lines.push(
      row(`bare node:http, ${CACHED_PAGES} cached`, bareCached),
      row(`nashra, ${CACHED_PAGES} cached`, nashraCached),
      `  cached ratio: ${median.toFixed(2)} of the bare server, median of ${ROUNDS} pairs of alternating ${ROUND_SECONDS} s rounds (pairs in order ${inOrder.map((r) => r.toFixed(2)).join(' ')}; goal ≥ 0.9, floor 0.8); ${(size / 1024).toFixed(1)} KB a page as sent`,
      row(`nashra, ${COLD_PAGES} random, cold`, cold),
      `  cold ratio: ${ratio(cold, nashraCached)} of Nashra's cached rate (goal ≥ 0.5), ${ratio(cold, bareCached)} of the bare server's`,
      `  first pass (another fresh server, each of the ${COLD_PAGES} paths once, ${CONNECTIONS} at a time): ${pass.seconds.toFixed(1)} s, ${pass.cpuMsPerRender === undefined ? 'server CPU unknown (no /proc)' : `${pass.cpuMsPerRender.toFixed(2)} ms of server CPU a render (all threads)`}; the cold round is cached answers only after it`,
    )
  } finally {
    await nashra.stop('SIGINT')
  }
  return lines
}

/** wrk on CPU 1 and the servers on CPU 0 when there are two cores or more and taskset exists. */
const pin = !spawnSync('taskset', ['-c', '0', 'true']).error && spawnSync('nproc').stdout?.toString().trim() !== '1'
const pinned = (cpu: number, command: string, args: string[]): [string, string[]] => (pin ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args])
/** Moves a running server (every thread) to CPU 0 beside `nashra serve`: the bare server must meet the same CPU. */
export const pinServer = (pid: number | undefined) => pin && pid !== undefined && spawnSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' })

async function articlePaths(db: Db): Promise<string[]> {
  const { rows } = await sql<{ id: number; slug: string; section_slug: string }>`
    select article.id, article.slug, section.slug as section_slug from article
    join section on section.id = article.section_id
    where article.status = 'published' order by article.id`.execute(db)
  return rows.map((a) => articlePath(a.section_slug, a.id, a.slug))
}

/** `count` items spread evenly over `list`. */
function spread<T>(list: T[], count: number): T[] {
  const step = Math.max(1, Math.floor(list.length / count))
  return list.filter((_, i) => i % step === 0).slice(0, count)
}

/** The same order every run (a small LCG), so runs compare. */
function shuffled<T>(list: T[]): T[] {
  const out = [...list]
  let seed = 13
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** `nashra serve` as a user runs it: only the data folder and a free port are set; pinned to CPU 0. */
function startNashraServe(dataDir: string) {
  const nodeArgs = process.env.NASHRA_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.NASHRA_BENCH_PROFILE}`] : []
  return startServe(dataDir, { nodeArgs, wrap: (command, args) => pinned(0, command, args), stdout: 'ignore', timeoutMs: 30_000 })
}

/**
 * What the cold round's rate hides: how long a fresh server takes to render each cold path once
 * (every answer a render), and the CPU it spends per render, its helper threads included. The cold
 * round serves from the cache only once this pass is over, so its rate falls off a cliff when the
 * pass takes close to the round's 10 s (docs/benchmarks.md, «what a first render costs»).
 */
async function firstPass(dataDir: string, paths: string[]): Promise<{ seconds: number; cpuMsPerRender?: number }> {
  const server = await startNashraServe(dataDir)
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  try {
    const cpuBefore = processCpuMs(server.child.pid)
    const started = performance.now()
    const answers = await run(agent, paths.map((path) => server.baseUrl + path), CONNECTIONS, { 'accept-encoding': ACCEPT_ENCODING })
    const seconds = (performance.now() - started) / 1000
    const cpuAfter = processCpuMs(server.child.pid)
    if (answers.errors > 0) throw new Error(`first pass: ${answers.errors} of ${paths.length} paths did not answer 200`)
    return { seconds, cpuMsPerRender: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / paths.length : undefined }
  } finally {
    agent.destroy()
    await server.stop('SIGINT')
  }
}

/** User and system CPU of a process, all its threads, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime: fields 14 and 15 of proc(5)
    return ticks * 10 // USER_HZ is 100 on Linux
  } catch {
    return undefined
  }
}

/** The pages once their final compressed copies are made: fetched each second until their size stops changing (30 s at most). */
async function settledPages(port: number, paths: string[]): Promise<Page[]> {
  const bytesOf = (pages: Page[]) => pages.reduce((sum, p) => sum + p.body.length, 0)
  let pages = await fetchPages(port, paths)
  for (let tries = 0; tries < 30; tries++) {
    await sleep(1000)
    const again = await fetchPages(port, paths)
    if (bytesOf(again) === bytesOf(pages)) return again
    pages = again
  }
  return pages
}

/** Each page as wrk gets it: raw (still compressed) bytes and the headers to replay. */
async function fetchPages(port: number, paths: string[]): Promise<Page[]> {
  const pages: Page[] = []
  for (const path of paths) {
    const { status, headers, body } = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': ACCEPT_ENCODING } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const kept: Record<string, string> = {}
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !NOT_REPLAYED.has(name)) kept[name] = String(value)
          resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) })
        })
      }).on('error', reject)
    })
    if (status !== 200) throw new Error(`${path} answered ${status}`)
    pages.push({ path, type: headers['content-type'] ?? 'text/html', body: body.toString('base64'), headers })
  }
  return pages
}

async function wrk(url: string, pathsFile: string, seconds: number): Promise<WrkResult> {
  const [command, args] = pinned(1, 'wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '-H', `Accept-Encoding: ${ACCEPT_ENCODING}`, '-s', LUA, url, '--', pathsFile])
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  await new Promise((resolve) => child.once('exit', resolve))
  const json = out.split('\n').find((l) => l.startsWith('{'))
  if (!json) throw new Error(`wrk printed no summary:\n${out}`)
  const result = JSON.parse(json) as WrkResult
  const failed = Object.entries(result.errors).filter(([, n]) => n > 0)
  if (failed.length > 0) console.warn(`${url}: wrk errors ${failed.map(([k, n]) => `${k} ${n}`).join(', ')}`)
  return result
}

/** Rounds summed; latency percentiles are the worst round's. */
function combine(runs: WrkResult[]): WrkResult {
  const requests = runs.reduce((s, r) => s + r.requests, 0)
  return {
    requests,
    bytes: runs.reduce((s, r) => s + r.bytes, 0),
    rate: runs.reduce((s, r) => s + r.rate, 0) / runs.length,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: {},
  }
}

const ratio = (a: WrkResult, b: WrkResult) => (a.rate / b.rate).toFixed(2)

function row(name: string, r: WrkResult): string {
  return `${name.padEnd(30)} ${r.rate.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.requests} requests, ${(r.bytes / r.requests / 1024).toFixed(1)} KB each)`
}
