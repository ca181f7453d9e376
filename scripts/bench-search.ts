// Search latency against a live server: p95 of /api/v1/search at 1 and 8 concurrent clients,
// and of /api/v1/search/suggest at 1 client. Queries are drawn from the served database's own
// headlines (1–3 words, some with spelling variation), so they always hit real postings.
import { Agent, request } from 'node:http'
import { sql } from 'kysely'
import type { Db } from '../src/db/index.js'

const SEARCH_REQUESTS = 400
const SUGGEST_REQUESTS = 400
const CONCURRENT = 8

export async function benchSearch(opts: { baseUrl: string; db: Db }): Promise<string[]> {
  const { searchQueries, suggestQueries } = await buildQueries(opts.db)
  if (searchQueries.length === 0) return ['search: no published articles to build queries from']
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT })
  const base = opts.baseUrl.replace(/\/$/, '')
  const searchUrl = (q: string) => `${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=10`
  const suggestUrl = (q: string) => `${base}/api/v1/search/suggest?q=${encodeURIComponent(q)}`
  try {
    await run(agent, searchQueries.slice(0, 40).map(searchUrl), 1) // warm caches and JIT
    const one = await run(agent, cycle(searchQueries, SEARCH_REQUESTS).map(searchUrl), 1)
    const eight = await run(agent, cycle(searchQueries, SEARCH_REQUESTS * 2).map(searchUrl), CONCURRENT)
    await run(agent, suggestQueries.slice(0, 40).map(suggestUrl), 1)
    const suggest = await run(agent, cycle(suggestQueries, SUGGEST_REQUESTS).map(suggestUrl), 1)
    return [
      `search, 1 client: p50 ${ms(one.p50)}, p95 ${ms(one.p95)} (${one.n} requests, ${one.errors} errors; goal p95 < 20 ms)`,
      `search, ${CONCURRENT} clients: p50 ${ms(eight.p50)}, p95 ${ms(eight.p95)} (${eight.n} requests, ${eight.errors} errors; goal p95 < 60 ms)`,
      `suggest, 1 client: p50 ${ms(suggest.p50)}, p95 ${ms(suggest.p95)} (${suggest.n} requests, ${suggest.errors} errors; goal p95 < 10 ms)`,
    ]
  } finally {
    agent.destroy()
  }
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
    select title from article where status = 'published' order by id limit 2000`.execute(db)
  const random = rng(7)
  const searchQueries: string[] = []
  const suggestQueries: string[] = []
  for (const { title } of rows) {
    const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)
    if (words.length === 0) continue
    const count = 1 + Math.floor(random() * Math.min(3, words.length))
    const at = Math.floor(random() * (words.length - count + 1))
    let query = words.slice(at, at + count).join(' ')
    // A third of the queries as a reader might type them: hamza dropped, taa marbuta as haa.
    if (random() < 0.33) query = query.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه')
    searchQueries.push(query)
    const word = words[Math.floor(random() * words.length)]
    suggestQueries.push(word.slice(0, 2 + Math.floor(random() * Math.max(1, word.length - 2))))
    if (searchQueries.length >= 300) break
  }
  return { searchQueries, suggestQueries }
}

interface Timing {
  n: number
  errors: number
  p50: number
  p95: number
}

/** Sends every URL once, `concurrency` at a time, and measures each response to its last byte. */
async function run(agent: Agent, urls: string[], concurrency: number): Promise<Timing> {
  const times: number[] = []
  let errors = 0
  let next = 0
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]
      const started = process.hrtime.bigint()
      const status = await get(agent, url)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
      if (status !== 200) errors++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  times.sort((a, b) => a - b)
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
  return { n: times.length, errors, p50: pick(0.5), p95: pick(0.95) }
}

function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}
