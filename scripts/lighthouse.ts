// Lighthouse as a phone reader and a crawler meet the site (issue #13, goal 1): mobile form factor,
// Lighthouse's default (simulated) throttling, Debian's Chromium, the median of N runs per page.
//
//   npm run lighthouse -- --url http://127.0.0.1:3000/some/page [--url …] [--runs 3] [--json]
//   npm run lighthouse -- --data-dir /tmp/copy-of-a-data-dir    # serves it, picks the pages itself
//   npm run lighthouse -- --demo                                 # demo content in a temporary dir
//
// Prints per page the four category scores, LCP, CLS, TBT, bytes and requests, and the audits that
// failed in at least half of the runs. Exits 1 when a goal is missed: home, article, section and
// author pages 100 in every category; the search page 100 in the first three and every SEO audit
// but is-crawlable (result pages are noindex on purpose); LCP ≤ 1.0 s, CLS 0 and TBT 0 everywhere.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse, { type Result } from 'lighthouse'
import { CHROMIUM_ARGS, CHROMIUM_PATH, findReaderPages } from '../test/e2e/helpers.js'
import { startNashraServe } from './nashra-serve.js'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const LCP_BUDGET_MS = 1000

interface Run {
  scores: Record<(typeof CATEGORIES)[number], number>
  lcp: number
  cls: number
  tbt: number
  bytes: number
  requests: number
  /** The LCP element as Lighthouse names it (a CSS selector), '' when it gives none. */
  lcpElement: string
  /** Audit id → its title, for every audit that failed (score below 1, binary or numeric). */
  failing: Map<string, string>
}

interface PageFigures {
  name: string
  url: string
  runs: Run[]
}

function usage(message: string): never {
  console.error(`lighthouse: ${message}`)
  console.error('usage: npm run lighthouse -- (--url URL [--url URL…] | --data-dir DIR | --demo) [--runs N] [--json]')
  process.exit(2)
}

function parseArgs(argv: string[]) {
  const urls: string[] = []
  let dataDir: string | undefined
  let demo = false
  let runs = 3
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => argv[++i] ?? usage(`${arg} needs a value`)
    if (arg === '--url') urls.push(value())
    else if (arg === '--data-dir') dataDir = value()
    else if (arg === '--demo') demo = true
    else if (arg === '--runs') runs = Number(value())
    else if (arg === '--json') json = true
    else usage(`unknown argument ${arg}`)
  }
  if (!Number.isInteger(runs) || runs < 1) usage('--runs takes a whole number from 1')
  if ([urls.length > 0, dataDir !== undefined, demo].filter(Boolean).length !== 1) usage('give --url, --data-dir or --demo (one of them)')
  return { urls, dataDir, demo, runs, json }
}

/** `nashra serve` over `dataDir` (the demo content is seeded into an empty one), answering /healthz. */
async function startNashra(dataDir: string): Promise<{ baseUrl: string; child: ChildProcess }> {
  return startNashraServe(dataDir, { env: { HOST: '127.0.0.1', NASHRA_LOG_LEVEL: 'warn' }, timeoutMs: 120_000 })
}

function toRun(lhr: Result): Run {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Run['scores']
  const audit = (id: string) => lhr.audits[id]
  const requests = (audit('network-requests')?.details as { items?: unknown[] } | undefined)?.items?.length ?? 0
  const failing = new Map<string, string>()
  for (const a of Object.values(lhr.audits)) {
    const counted = a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'
    if (counted && a.score !== null && a.score < 1) failing.set(a.id, a.title)
  }
  return {
    scores,
    lcp: audit('largest-contentful-paint')?.numericValue ?? NaN,
    cls: audit('cumulative-layout-shift')?.numericValue ?? NaN,
    tbt: audit('total-blocking-time')?.numericValue ?? NaN,
    bytes: audit('total-byte-weight')?.numericValue ?? NaN,
    requests,
    lcpElement: lcpElementOf(lhr),
    failing,
  }
}

function lcpElementOf(lhr: Result): string {
  // details: a list whose first table holds the element's node (selector, snippet).
  const details = lhr.audits['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { selector?: string } }[] }[] } | undefined
  return details?.items?.[0]?.items?.[0]?.node?.selector ?? ''
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Audits failing in at least half of the runs (one flaky run is noise, not a finding). */
function failingAudits(page: PageFigures): { id: string; title: string; runs: number }[] {
  const counts = new Map<string, { title: string; runs: number }>()
  for (const run of page.runs) {
    for (const [id, title] of run.failing) counts.set(id, { title, runs: (counts.get(id)?.runs ?? 0) + 1 })
  }
  return [...counts].filter(([, c]) => c.runs * 2 >= page.runs.length).map(([id, c]) => ({ id, ...c }))
}

/** A short name for a reader page from its path (an article's path is long and percent-encoded). */
function kindOf(url: string): string {
  const path = new URL(url).pathname
  if (path === '/') return 'home'
  const first = path.split('/')[1]!
  return ['section', 'tag', 'author', 'search', 'masthead'].includes(first) ? first : 'article'
}

const isSearch = (url: string) => new URL(url).pathname === '/search'

/** What the page misses of goal 1, in words; empty when it meets it. */
function missedGoals(page: PageFigures): string[] {
  const missed: string[] = []
  const search = isSearch(page.url)
  for (const c of CATEGORIES) {
    if (search && c === 'seo') continue
    const score = median(page.runs.map((r) => r.scores[c]))
    if (score < 100) missed.push(`${c} ${score}`)
  }
  if (search) {
    const seoFails = failingAudits(page).filter((a) => a.id !== 'is-crawlable' && isSeoAudit(a.id))
    for (const a of seoFails) missed.push(`SEO audit ${a.id}`)
  }
  const lcp = median(page.runs.map((r) => r.lcp))
  const cls = median(page.runs.map((r) => r.cls))
  const tbt = median(page.runs.map((r) => r.tbt))
  if (lcp > LCP_BUDGET_MS) missed.push(`LCP ${Math.round(lcp)} ms > ${LCP_BUDGET_MS} ms`)
  // Lighthouse shows CLS to three decimals: anything it would print as 0.000 is 0.
  if (cls >= 0.0005) missed.push(`CLS ${cls.toFixed(3)}`)
  if (tbt > 0) missed.push(`TBT ${Math.round(tbt)} ms`)
  return missed
}

let seoAuditIds: Set<string> | undefined
function isSeoAudit(id: string): boolean {
  return seoAuditIds?.has(id) ?? false
}

/** One Lighthouse run; a run that failed to record (NO_NAVSTART, NO_FCP on a busy machine) is tried again, twice at most. */
async function auditOnce(url: string, port: number) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] })
    if (!result) throw new Error(`lighthouse gave no result for ${url}`)
    if (!result.lhr.runtimeError) return result
    if (attempt === 3) throw new Error(`lighthouse: ${url}: ${result.lhr.runtimeError.message}`)
    console.error(`lighthouse: ${url}: ${result.lhr.runtimeError.code}, running again`)
  }
}

async function measure(pages: { name: string; url: string }[], runs: number): Promise<PageFigures[]> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nashra-lighthouse-'))
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    userDataDir,
    logLevel: 'silent',
  })
  try {
    const figures: PageFigures[] = pages.map((p) => ({ ...p, runs: [] }))
    // Interleaved (page 1, page 2, …, page 1 again): a burst of load on the machine spreads over
    // every page instead of spoiling one page's three runs.
    for (let i = 0; i < runs; i++) {
      for (const page of figures) {
        const result = await auditOnce(page.url, chrome.port)
        seoAuditIds ??= new Set(result.lhr.categories.seo?.auditRefs.map((r) => r.id) ?? [])
        page.runs.push(toRun(result.lhr))
      }
    }
    return figures
  } finally {
    chrome.kill()
    rmSync(userDataDir, { recursive: true, force: true })
  }
}

function print(figures: PageFigures[], runs: number): void {
  const head = ['page', 'perf', 'a11y', 'b-p', 'seo', 'LCP ms', 'CLS', 'TBT ms', 'KB', 'reqs']
  const lines = figures.map((p) => {
    const m = (f: (r: Run) => number) => median(p.runs.map(f))
    return [
      p.name,
      ...CATEGORIES.map((c) => String(m((r) => r.scores[c]))),
      String(Math.round(m((r) => r.lcp))),
      m((r) => r.cls).toFixed(3),
      String(Math.round(m((r) => r.tbt))),
      (m((r) => r.bytes) / 1024).toFixed(1),
      String(m((r) => r.requests)),
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  console.log(`Lighthouse ${runs === 1 ? 'one run' : `median of ${runs} runs`}, mobile, simulated throttling`)
  for (const line of [head, ...lines]) console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
  for (const p of figures) {
    console.log(`${p.name}: ${p.url}`)
    console.log(`  LCP element: ${[...new Set(p.runs.map((r) => r.lcpElement))].join(' | ')}`)
    for (const a of failingAudits(p)) console.log(`  failing (${a.runs}/${p.runs.length}): ${a.id} — ${a.title}`)
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  let server: { baseUrl: string; child: ChildProcess } | undefined
  let demoDir: string | undefined
  try {
    let pages: { name: string; url: string }[]
    if (args.urls.length > 0) {
      pages = args.urls.map((url) => ({ name: kindOf(url), url }))
    } else {
      if (args.demo) demoDir = mkdtempSync(join(tmpdir(), 'nashra-lighthouse-demo-'))
      server = await startNashra(args.dataDir ?? demoDir!)
      const found = await findReaderPages({ baseUrl: server.baseUrl } as Parameters<typeof findReaderPages>[0])
      pages = [
        { name: 'home', url: found.home },
        { name: 'article', url: found.article },
        { name: 'section', url: found.section },
        { name: 'author', url: found.author },
        { name: 'search', url: found.search },
      ]
    }
    // One request each first: Lighthouse then meets the pages as most readers do, from the page cache.
    for (const p of pages) await fetch(p.url).then((r) => r.arrayBuffer())
    const figures = await measure(pages, args.runs)
    if (args.json) {
      console.log(JSON.stringify(figures.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r, failing: [...r.failing.keys()] })) })), null, 1))
    } else {
      print(figures, args.runs)
    }
    const missed = figures.flatMap((p) => missedGoals(p).map((m) => `${p.name}: ${m}`))
    for (const m of missed) console.error(`lighthouse: goal missed: ${m}`)
    process.exitCode = missed.length > 0 ? 1 : 0
  } finally {
    server?.child.kill()
    if (demoDir) rmSync(demoDir, { recursive: true, force: true })
  }
}

await main()
