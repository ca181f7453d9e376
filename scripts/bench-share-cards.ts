// Share cards (#12) on an imported corpus: `node dist/scripts/bench-share-cards.js <data dir> [samples dir]`.
// Takes 50 published headlines spread evenly over the ids, asks the app for each card twice (the first
// request draws and stores it, the second reads it from disk), and reports the times and the JPEG sizes.
// The six longest headlines holding Latin letters or digits are also written to the samples dir to look at.
// The data dir is written to (its share-cards/ folder): point it at a copy of the corpus, never the original.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { renderShareCard, shareCardPath } from '../src/articles/index.js'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/index.js'
import { openSqlite } from '../src/db/index.js'
import { getSiteSettings } from '../src/site/index.js'

const [dataDir, samplesDir = '/tmp/sharecard-samples'] = process.argv.slice(2)
if (!dataDir) {
  console.error('usage: node dist/scripts/bench-share-cards.js <data dir (a copy of the corpus)> [samples dir]')
  process.exit(2)
}
const CARDS = 50
const config = loadConfig({ ...process.env, NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' })
const db = openSqlite(join(dataDir, 'nashra.db'))
const app = await buildApp(config, db)
await app.ready() // the plugins' start-up (the search index's check) is not a card's time
const siteName = (await getSiteSettings(db)).name

type Row = { id: number; title: string; section: string }
const published = sql<Row>`select a.id, a.title, s.name as section from article a join section s on s.id = a.section_id where a.status = 'published' order by a.id`
const rows = (await published.execute(db)).rows
const sample = Array.from({ length: CARDS }, (_, i) => rows[Math.floor((i * rows.length) / CARDS)])

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const max = (xs: number[]) => Math.max(...xs)
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now()
  const value = await fn()
  return [value, performance.now() - start]
}

const [, cold] = await timed(() => renderShareCard({ title: 'تجربة أولى', section: 'عام', siteName }))
const first: number[] = []
const cached: number[] = []
const drawing: number[] = []
const sizes: number[] = []
let drawingCpu = 0
for (const row of sample) {
  const cpu = process.cpuUsage() // all of the process's threads: sharp draws on libuv's pool
  drawing.push((await timed(() => renderShareCard({ title: row.title, section: row.section, siteName })))[1])
  const used = process.cpuUsage(cpu)
  drawingCpu += (used.user + used.system) / 1000
  const url = shareCardPath(row.id, { title: row.title, section: row.section, siteName })
  const [drawn, t1] = await timed(() => app.inject({ method: 'GET', url }))
  const [read, t2] = await timed(() => app.inject({ method: 'GET', url }))
  if (drawn.statusCode !== 200 || read.statusCode !== 200) throw new Error(`${url}: ${drawn.statusCode} then ${read.statusCode}`)
  first.push(t1)
  cached.push(t2)
  sizes.push(drawn.rawPayload.length)
}
const words = sample.map((r) => r.title.split(/\s+/).length)
console.log(`share cards: ${CARDS} of ${rows.length} published headlines (${median(words)} words median, ${max(words)} most)`)
console.log(`first card of the process (fonts and line metrics loaded): ${cold.toFixed(0)} ms`)
console.log(`drawing alone: median ${median(drawing).toFixed(1)} ms, max ${max(drawing).toFixed(1)} ms; CPU ${(drawingCpu / CARDS).toFixed(1)} ms a card`)
console.log(`first request (draw + store): median ${median(first).toFixed(1)} ms, max ${max(first).toFixed(1)} ms`)
console.log(`later requests (from disk): median ${median(cached).toFixed(2)} ms, max ${max(cached).toFixed(2)} ms`)
console.log(`JPEG size: median ${(median(sizes) / 1024).toFixed(1)} KiB, max ${(max(sizes) / 1024).toFixed(1)} KiB`)

mkdirSync(samplesDir, { recursive: true })
const mixed = rows.filter((r) => /[A-Za-z0-9]/.test(r.title)).sort((a, b) => b.title.length - a.title.length).slice(0, 6)
for (const row of mixed) writeFileSync(join(samplesDir, `${row.id}.jpg`), await renderShareCard({ title: row.title, section: row.section, siteName }))
console.log(`samples (the longest headlines with Latin letters or digits): ${samplesDir}/{${mixed.map((r) => r.id).join(',')}}.jpg`)
await app.close()
await db.destroy()
