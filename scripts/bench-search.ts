// Search latency against a live server: p95 of /api/v1/search at 1 and 8 concurrent clients,
// cold (first-time queries) and warm (repeated), and of /api/v1/search/suggest at 1 client. Queries are drawn from the served database's own
// headlines (1–3 words, some with spelling variation), so they always hit real postings.
import { Agent } from 'node:http'
import { sql } from 'kysely'
import type { Db } from '../src/db/index.js'
import { searchArticles } from '../src/search/index.js'
import { run, summarize, type Timing } from './http-runner.js'

const WARM_UP = 40
const COLD_ONE = 300 // distinct first-time queries at 1 client
const COLD_EIGHT = 400 // more distinct first-time queries at 8 clients
const WARM_REQUESTS = 400 // repeats of queries already answered (result cache), per client count ×1 and ×2
const SUGGEST_COLD = 300
const CONCURRENT = 8

/**
 * Cold figures use queries the server has never seen (no result cache can help: every one is
 * computed); warm figures repeat queries already answered, as newsroom traffic does. Then the
 * CPU time of a cold query inside this process (no cache, no HTTP), less inflated by other
 * jobs' load than wall-clock latency.
 */
export async function benchSearch(opts: { baseUrl: string; db: Db }): Promise<string[]> {
  const { searchQueries, suggestQueries } = await buildQueries(opts.db)
  if (searchQueries.length < WARM_UP + COLD_ONE + COLD_EIGHT) return [`search: only ${searchQueries.length} distinct queries from the published headlines; need ${WARM_UP + COLD_ONE + COLD_EIGHT}`]
  const warmUp = searchQueries.slice(0, WARM_UP)
  const coldOne = searchQueries.slice(WARM_UP, WARM_UP + COLD_ONE)
  const coldEight = searchQueries.slice(WARM_UP + COLD_ONE, WARM_UP + COLD_ONE + COLD_EIGHT)
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT })
  const base = opts.baseUrl.replace(/\/$/, '')
  const searchUrl = (q: string) => `${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=10`
  const suggestUrl = (q: string) => `${base}/api/v1/search/suggest?q=${encodeURIComponent(q)}`
  try {
    await run(agent, warmUp.map(searchUrl), 1) // JIT and SQLite's page cache
    const cold1 = await run(agent, coldOne.map(searchUrl), 1)
    const cold8 = await run(agent, coldEight.map(searchUrl), CONCURRENT)
    const warm1 = await run(agent, cycle(coldOne, WARM_REQUESTS).map(searchUrl), 1)
    const warm8 = await run(agent, cycle(coldOne, WARM_REQUESTS * 2).map(searchUrl), CONCURRENT)
    const suggestCold = suggestQueries.slice(WARM_UP, WARM_UP + SUGGEST_COLD)
    await run(agent, suggestQueries.slice(0, WARM_UP).map(suggestUrl), 1)
    const suggest1 = await run(agent, suggestCold.map(suggestUrl), 1)
    const suggestWarm = await run(agent, cycle(suggestCold, WARM_REQUESTS).map(suggestUrl), 1)
    const cpu = await cpuPerQuery(opts.db, coldOne)
    const line = (what: string, t: Timing, goal: string) =>
      `${what}: p50 ${ms(t.p50)}, p95 ${ms(t.p95)} (${t.n} requests, ${t.errors} errors${goal ? `; goal p95 < ${goal}` : ''})`
    return [
      line('search cold (first-time queries), 1 client', cold1, '20 ms'),
      line(`search cold (first-time queries), ${CONCURRENT} clients`, cold8, '60 ms'),
      line('search warm (repeated queries, result cache), 1 client', warm1, '20 ms'),
      line(`search warm (repeated queries, result cache), ${CONCURRENT} clients`, warm8, '60 ms'),
      line('suggest cold (first-time prefixes), 1 client', suggest1, '10 ms'),
      line('suggest warm (repeated prefixes), 1 client', suggestWarm, '10 ms'),
      `search in-process CPU per cold query (no cache, no HTTP): p50 ${ms(cpu.p50)}, p95 ${ms(cpu.p95)} (${cpu.n} queries)`,
    ]
  } finally {
    agent.destroy()
  }
}

/** CPU time (user + system) of each query run here with `searchArticles`, one at a time. */
async function cpuPerQuery(db: Db, queries: string[]): Promise<Timing> {
  const times: number[] = []
  for (const q of queries) {
    const started = process.cpuUsage()
    await searchArticles(db, { q, page: 1, limit: 10, filter: {}, sort: 'relevance' })
    const used = process.cpuUsage(started)
    times.push((used.user + used.system) / 1000)
  }
  return summarize(times, 0)
}

function ms(n: number): string {
  return `${n.toFixed(1)} ms`
}

function cycle<T>(items: T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => items[i % items.length])
}

/** Deterministic pseudo-random numbers, so two runs send the same queries. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

async function buildQueries(db: Db): Promise<{ searchQueries: string[]; suggestQueries: string[] }> {
  const { rows } = await sql<{ title: string }>`
    select title from article where status = 'published' order by id limit 6000`.execute(db)
  const random = rng(7)
  const searchQueries: string[] = []
  const suggestQueries: string[] = []
  const seen = new Set<string>()
  const seenPrefixes = new Set<string>()
  const wanted = WARM_UP + COLD_ONE + COLD_EIGHT
  for (const { title } of rows) {
    const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)
    if (words.length === 0) continue
    const count = 1 + Math.floor(random() * Math.min(3, words.length))
    const at = Math.floor(random() * (words.length - count + 1))
    let query = words.slice(at, at + count).join(' ')
    // A third of the queries as a reader might type them: hamza dropped, taa marbuta as haa.
    if (random() < 0.33) query = query.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه')
    // Distinct after the normalization the result cache applies, so a "cold" query really is.
    if (searchQueries.length < wanted && !seen.has(query)) searchQueries.push(query)
    seen.add(query)
    const word = words[Math.floor(random() * words.length)]
    const prefix = word.slice(0, 2 + Math.floor(random() * Math.max(1, word.length - 2)))
    if (!seenPrefixes.has(prefix)) suggestQueries.push(prefix)
    seenPrefixes.add(prefix)
    if (searchQueries.length >= wanted && suggestQueries.length >= WARM_UP + SUGGEST_COLD) break
  }
  return { searchQueries, suggestQueries }
}

