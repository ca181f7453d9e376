// Feeds and sitemaps against a live server holding the corpus: the first request of each URL
// renders it (a cache miss), the next ones are answered from the page cache. Every article
// sitemap file the index lists is fetched, so a 30k-article site renders all of them once.
import { sql } from 'kysely'
import { bumpContentVersion, type Db } from '../src/db/index.js'

const CACHED_REQUESTS = 20

export async function benchFeeds(opts: { baseUrl: string; db: Db }): Promise<string[]> {
  const base = opts.baseUrl.replace(/\/$/, '')
  const published = await sql<{ n: number }>`select count(*) as n from article where status = 'published'`.execute(opts.db)
  const lines = [`feeds: ${Number(published.rows[0]?.n ?? 0)} published articles`]
  // A content-version change makes the next request of each URL a render (the cache re-reads it each second).
  await bumpContentVersion(opts.db)
  await new Promise((resolve) => setTimeout(resolve, 1100))

  const index = await timed(`${base}/sitemap.xml`)
  // The index names files under NASHRA_BASE_URL; fetch the same paths from the server under test.
  const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
  lines.push(line('/sitemap.xml', index))
  for (const path of files) lines.push(line(path, await timed(base + path)))
  for (const path of ['/news-sitemap.xml', '/feed.xml', '/atom.xml', '/feed.json']) lines.push(line(path, await timed(base + path)))

  const hits: number[] = []
  for (let i = 0; i < CACHED_REQUESTS; i++) hits.push((await timed(`${base}/feed.xml`)).ms)
  hits.sort((a, b) => a - b)
  lines.push(`/feed.xml from the page cache: p50 ${hits[Math.floor(hits.length / 2)]!.toFixed(1)} ms (${CACHED_REQUESTS} requests)`)
  return lines
}

async function timed(url: string): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  const started = performance.now()
  const res = await fetch(url)
  const body = await res.text()
  return { ms: performance.now() - started, status: res.status, bytes: Buffer.byteLength(body), body }
}

const line = (path: string, r: { ms: number; status: number; bytes: number }) =>
  `${path}: first request (render) ${r.ms.toFixed(0)} ms, ${r.status}, ${(r.bytes / 1024).toFixed(0)} KiB`
