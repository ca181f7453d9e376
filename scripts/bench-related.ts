// Related lists off the HTTP thread (issue 13, goal 3). On a copy of a corpus database:
//   --cpu-only   CPU seconds to compute every published article's list (the bulk model, as the
//                worker thread runs it), then both methods' lists compared on --verify articles.
//   --serve-only `nashra serve` over the copy, wrk on article pages: p99 with the queue empty, then
//                p99 while every list is pending in the server's related-lists process (ratio; goal
//                ≤ 1.2): first under saturating load (the process waits, decision 032), then under a
//                steady rate below saturation (it computes beside the readers).
//   --beside     p99 with `nashra reindex` of the served site, then `nashra import` of the corpus
//                into another site, running in another process beside the server (`--command=`
//                one of them), under both loads (saturating: they wait; steady: they run).
//   --load=steady|saturating  one of the two loads, for --serve-only and --beside.
// Idle and busy rounds alternate (--rounds=5 of each, --seconds=15 per load), and the medians' ratio
// is the figure: with 3 rounds of 10 s it moved by about ±0.4 from one run to the next.
//   --compare    all of the above (the default).
// Two page loads: 200 cached article pages, and distinct articles never asked before (each run its own).
//
//   node dist/scripts/bench-related.js --data=<dir with nashra.db> [--seconds=15] [--rounds=5] [--verify=20] [--before=<checkout>] [--load=steady|saturating] [--command=reindex|import]
//
// `--before` serves a build of another checkout (e.g. main) the same way, for the old method side by side.
// The copy is made in a temporary folder and removed; the corpus itself is never written.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { articlePath } from '../src/articles/index.js'
import { migrateToLatest, openSqlite, type Db } from '../src/db/index.js'
import { refreshRelatedArticles } from '../src/search/index.js'
import { relatedByBothMethods } from '../src/search/testing.js'
import { startNashraServe, type Served } from './nashra-serve.js'

const CONNECTIONS = 32
const CACHED_PAGES = 200
/** Unmeasured load on each round's new server before its background work begins. */
const WARM_UP_SECONDS = 3
const REPO = fileURLToPath(new URL('../../', import.meta.url))

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const flag = (name: string) => process.argv.includes(`--${name}`)
const only = ['cpu-only', 'serve-only', 'beside'].filter(flag)
const wants = (part: string) => only.length === 0 || flag('compare') || only.includes(part)
const source = arg('data') ?? join(REPO, 'data/bench')
const seconds = Number(arg('seconds') ?? 15)
const rounds = Number(arg('rounds') ?? 5)
const CORPUS = join(REPO, '../shared/data/saudinewsnet')

const lines: string[] = []
const say = (line: string) => {
  console.log(line)
  lines.push(line)
}
async function withCopy(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nashra-bench-related-'))
  try {
    for (const name of ['nashra.db', 'secret']) cpSync(join(source, name), join(dir, name))
    await run(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function open(dir: string): Promise<Db> {
  const db = openSqlite(join(dir, 'nashra.db'))
  await migrateToLatest(db)
  return db
}

const markAllPending = (db: Db) =>
  sql`insert or ignore into search_related_pending (article_id) select id from article where status = 'published'`.execute(db)
const countPending = async (db: Db) => Number((await sql<{ n: number }>`select count(*) as n from search_related_pending`.execute(db)).rows[0].n)

async function cpuOnly(dir: string, verify: number): Promise<void> {
  const db = await open(dir)
  try {
    await markAllPending(db)
    const pending = await countPending(db)
    const cpu = process.cpuUsage()
    const started = Date.now()
    const done = await refreshRelatedArticles(db)
    const used = process.cpuUsage(cpu)
    say(`cpu: ${done.toLocaleString('en')} of ${pending.toLocaleString('en')} pending lists in ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU (${((Date.now() - started) / 1000).toFixed(1)} s wall), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; goal < 120 s`)
    if (verify > 0) {
      const { rows } = await sql<{ id: number }>`select id from article where status = 'published' order by random() limit ${verify}`.execute(db)
      const both = await relatedByBothMethods(db, rows.map((r) => r.id))
      const same = both.filter((b) => b.model.join() === b.perArticle.join())
      say(`cpu: the bulk model and the per-article method give the same lists (ids and order) for ${same.length} of ${both.length} random articles`)
      for (const b of both.filter((x) => !same.includes(x))) say(`  differs: article ${b.id}: model [${b.model.join(', ')}], per-article [${b.perArticle.join(', ')}]`)
    }
  } finally {
    await db.destroy()
  }
}

/** Article paths: `count` from the published articles at random (seeded by `salt`, so each run asks different ones). */
async function articlePaths(db: Db, count: number, salt: number): Promise<string[]> {
  const { rows } = await sql<{ id: number; slug: string; section_slug: string }>`
    select article.id, article.slug, section.slug as section_slug from article
    join section on section.id = article.section_id where article.status = 'published'
    order by (article.id * 2654435761 + ${salt}) % 1000003 limit ${count}`.execute(db)
  return rows.map((a) => articlePath(a.section_slug, a.id, a.slug))
}

type Server = Served

/** `nashra serve` from `checkout` over the copy, as a user runs it. */
const startServer = (dir: string, checkout: string) => startNashraServe(dir, { checkout, env: { NASHRA_DEMO: '0', NASHRA_LOG_LEVEL: 'warn' } })

/**
 * p99 (ms) and rate of one wrk run over `paths`, cycled. With `pace`, each connection waits
 * `delayMs` before each request: a steady rate below what the server can do, as a busy site
 * meets it, instead of as many requests as it answers.
 */
async function wrk(base: string, paths: string[], secs: number, pace?: Pace): Promise<{ p99: number; rps: number }> {
  const script = join(tmpdir(), `nashra-bench-related-${process.pid}-${Date.now()}.lua`)
  const delay = pace ? `delay = function()\n  return ${pace.delayMs}\nend\n` : ''
  writeFileSync(script, `local paths = {\n${paths.map((p) => `"${p}"`).join(',\n')}\n}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n${delay}`)
  try {
    const child = spawn('wrk', ['-t1', `-c${pace?.connections ?? CONNECTIONS}`, `-d${secs}s`, '--latency', '-s', script, base], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out)
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)
    if (code !== 0 || !p99 || !rps) throw new Error(`wrk failed (is Debian's wrk installed?): ${out}`)
    if (/Non-2xx/.test(out)) throw new Error(`wrk saw errors: ${out}`)
    const unit = { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's']
    return { p99: Number(p99[1]) * unit, rps: Number(rps[1]) }
  } finally {
    rmSync(script, { force: true })
  }
}

interface Pace {
  connections: number
  delayMs: number
}

/** Two loads: as many requests as the server answers (saturating), or a busy site's steady rate. */
interface Load {
  cached?: Pace
  fresh?: Pace
}
const SATURATING: Load = {}
/**
 * About 950 cached pages and 180 first renders a second: the server's event loop runs about a
 * third of the time, under the half at which it marks itself busy, so lists are computed meanwhile.
 */
const STEADY: Load = { cached: { connections: 20, delayMs: 20 }, fresh: { connections: 4, delayMs: 20 } }

/** Cached pages, then distinct never-asked articles: p99 and rate of each. */
async function measure(server: Server, cached: string[], fresh: string[], load: Load): Promise<{ cached: { p99: number; rps: number }; fresh: { p99: number; rps: number } }> {
  return { cached: await wrk(server.baseUrl, cached, seconds, load.cached), fresh: await wrk(server.baseUrl, fresh, seconds, load.fresh) }
}

const fmt = (r: { p99: number; rps: number }) => `p99 ${r.p99.toFixed(2)} ms at ${Math.round(r.rps).toLocaleString('en')} req/s`

/** Background work started for one busy round and ended after it (`end` describes what it did). */
interface BackgroundWork {
  begin: (db: Db) => Promise<void>
  end: (db: Db) => Promise<string>
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]

/**
 * Alternates idle and busy rounds (`rounds` of each: idle, busy, idle, busy…), so both states meet
 * the same machine: noise from other jobs falls on both. Each round starts its own server from
 * `checkout` (a busy round's leftovers never reach an idle one), caches the 200 pages, loads them
 * for `WARM_UP_SECONDS`, measures cached pages, then distinct articles never asked before (its own
 * slice), and stops it. A busy round's background work begins a second into the cached pages' load. Prints
 * every round and the ratio of the busy rounds' median p99 to the idle rounds'.
 */
async function idleAndBusy(dir: string, checkout: string, label: string, salt: number, work: BackgroundWork, load = SATURATING): Promise<void> {
  const db = await open(dir)
  const idle: Measured[] = []
  const busy: Measured[] = []
  try {
    const cached = await articlePaths(db, CACHED_PAGES, 1)
    const all = await articlePaths(db, 30_000, salt)
    const slices = 2 * rounds
    const fresh = Array.from({ length: slices }, (_, k) => all.filter((_, j) => j % slices === k))
    const measureRound = async (slice: number, background?: BackgroundWork): Promise<Measured> => {
      // The corpus copy has every list pending after an import: idle means the queue emptied.
      await sql`delete from search_related_pending`.execute(db)
      const server = await startServer(dir, checkout)
      try {
        for (const path of cached) await fetch(server.baseUrl + path) // rendered and cached once
        // A new process's first seconds (compiling, the final compressed copies) cost the same in
        // both rounds and are no background work's: before, they made half of a round's slowest requests.
        await wrk(server.baseUrl, cached, WARM_UP_SECONDS, load.cached)
        // As background work meets a site: it begins while readers are being served, a second into the measured load.
        const measured = measure(server, cached, fresh[slice], load)
        await sleep(1000)
        await background?.begin(db)
        return await measured
      } finally {
        await server.stop()
      }
    }
    for (let round = 0; round < rounds; round++) {
      idle.push(await measureRound(2 * round))
      say(`${label}: round ${round + 1} idle — cached ${fmt(idle[round].cached)}; distinct ${fmt(idle[round].fresh)}`)
      busy.push(await measureRound(2 * round + 1, work))
      say(`${label}: round ${round + 1} ${await work.end(db)} — cached ${fmt(busy[round].cached)}; distinct ${fmt(busy[round].fresh)}`)
    }
    const ratio = (kind: 'cached' | 'fresh') => (median(busy.map((m) => m[kind].p99)) / median(idle.map((m) => m[kind].p99))).toFixed(2)
    say(`${label}: median p99 busy/idle over ${rounds} rounds — cached ${ratio('cached')}, distinct ${ratio('fresh')} (goal ≤ 1.20)`)
  } finally {
    await db.destroy()
  }
}

type Measured = Awaited<ReturnType<typeof measure>>

/**
 * The server's own related-lists process computing every list (marked pending), the queue emptied
 * after the round. Under saturating load the process waits for the readers (decision 032); under
 * `STEADY` load it computes beside them, and the round says how many lists it made.
 */
function serveWhileComputing(dir: string, checkout: string, label: string, load = SATURATING): Promise<void> {
  let started = 0
  let queued = 0
  const kind = load === STEADY ? 'steady load' : 'saturating load'
  return idleAndBusy(dir, checkout, `serve, ${kind} (${label})`, 2, {
    begin: async (db) => {
      await markAllPending(db)
      queued = await countPending(db)
      started = Date.now()
    },
    end: async (db) => {
      const left = await countPending(db)
      return `computing (${queued.toLocaleString('en')} queued, ${(queued - left).toLocaleString('en')} computed in ${((Date.now() - started) / 1000).toFixed(0)} s)`
    },
  }, load)
}

/** Another process beside the server, started for each busy round and stopped after it. */
function besideProcess(dir: string, label: string, salt: number, load: Load, command: (round: number) => { args: string[]; dataDir: string }): Promise<void> {
  let child: ChildProcess | undefined
  let started = 0
  let round = 0
  let target = ''
  return idleAndBusy(dir, REPO, `beside ${label}, ${load === STEADY ? 'steady' : 'saturating'} load`, salt, {
    begin: async () => {
      const { args, dataDir } = command(round++)
      target = dataDir
      child = spawn(process.execPath, [join(REPO, 'bin/nashra.js'), ...args], { env: { ...process.env, NASHRA_DATA_DIR: dataDir, NASHRA_DEMO: '0' }, stdio: ['ignore', 'ignore', 'inherit'] })
      started = Date.now()
    },
    end: async () => {
      const running = child!.exitCode === null && child!.signalCode === null
      if (running) {
        // Asked before the kill: a child that already ended never says 'exit' again (the bench then ended silently).
        const exited = once(child!, 'exit')
        child!.kill('SIGTERM')
        await exited
      }
      const imported = label === 'import' ? `, ${(await articlesIn(target)).toLocaleString('en')} articles imported` : ''
      return `\`nashra ${label}\` ${running ? 'running throughout' : 'ended during the round'} (${((Date.now() - started) / 1000).toFixed(0)} s${imported})`
    },
  }, load)
}

/** Articles stored in the site at `dataDir` (0 before its database exists): how far an import got. */
async function articlesIn(dataDir: string): Promise<number> {
  if (!existsSync(join(dataDir, 'nashra.db'))) return 0
  const db = openSqlite(join(dataDir, 'nashra.db'))
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from article`.execute(db)
    return rows[0].n
  } catch {
    return 0 // the import had not yet created its tables
  } finally {
    await db.destroy()
  }
}

/** `nashra reindex` of the served site itself (index rebuild in short transactions, then related lists). */
const serveBesideReindex = (dir: string, load: Load) => besideProcess(dir, 'reindex', 4, load, () => ({ args: ['reindex'], dataDir: dir }))

/** `nashra import` of the whole corpus into another, new site on the same machine (CPU and disk beside the server). */
function serveBesideImport(dir: string, load: Load): Promise<void> {
  const zips = readdirSync(CORPUS).filter((f) => f.endsWith('.zip')).map((f) => join(CORPUS, f))
  return besideProcess(dir, 'import', 6, load, (round) => {
    const target = join(dir, `import-${round}`)
    rmSync(target, { recursive: true, force: true })
    return { args: ['import', 'saudinewsnet', ...zips], dataDir: target }
  })
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function uptime(): Promise<string> {
  const child = spawn('uptime', [], { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c))
  await new Promise((resolve) => child.once('exit', resolve))
  return out.trim()
}

// Last: the helpers above are defined by now.
say(`bench:related on ${source} — uptime: ${await uptime()}`)
/** Saturating load (the work waits for the readers), then a steady one (it runs beside them); `--load` picks one. */
const loads = arg('load') ? [arg('load') === 'steady' ? STEADY : SATURATING] : [SATURATING, STEADY]
if (wants('cpu-only')) await withCopy((dir) => cpuOnly(dir, Number(arg('verify') ?? 20)))
if (wants('serve-only')) {
  for (const load of loads) await withCopy((dir) => serveWhileComputing(dir, REPO, 'this checkout', load))
  const before = arg('before')
  if (before) await withCopy((dir) => serveWhileComputing(dir, before, `before (${before})`))
}
if (wants('beside')) {
  for (const load of loads) {
    if (arg('command') !== 'import') await withCopy((dir) => serveBesideReindex(dir, load))
    if (arg('command') !== 'reindex') await withCopy((dir) => serveBesideImport(dir, load))
  }
}
say(`uptime after: ${await uptime()}`)
