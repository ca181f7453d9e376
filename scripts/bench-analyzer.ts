// What the analyzer costs the search index: `npm run bench:analyzer -- DIR [PASSES]`.
// DIR is a data directory holding an imported corpus, opened read-only. Every published article's
// headline, summary and body, as `nashra reindex` reads them, is turned into its index columns
// (`indexColumns`) PASSES times (3 unless given) in this one thread. Each pass's CPU time is
// printed, the first with the analyzer's memo empty; compare two builds by their best pass.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { htmlToText, VISIBLE_STATUS } from '../src/articles/index.js'
import { openSqlite } from '../src/db/index.js'
import { indexColumns } from '../src/search/index.js'

async function readArticles(dataDir: string) {
  const db = openSqlite(join(dataDir, 'nashra.db'), { readonly: true })
  try {
    const rows = await db.selectFrom('article').where('status', '=', VISIBLE_STATUS).select(['title', 'summary', 'body_html']).execute()
    return rows.map((r) => ({ title: r.title, summary: r.summary, body: htmlToText(r.body_html) }))
  } finally {
    await db.destroy()
  }
}

/** CPU seconds of each pass over `docs`, and the characters the index columns hold (the same in every pass). */
function timeIndexColumns(docs: { title: string; summary: string; body: string }[], passes: number): { seconds: number[]; chars: number } {
  const seconds: number[] = []
  let chars = 0
  for (let pass = 0; pass < passes; pass++) {
    const started = process.cpuUsage()
    chars = 0
    for (const doc of docs) {
      const c = indexColumns(doc)
      chars += c.title.length + c.summary.length + c.body.length + c.titleStem.length + c.summaryStem.length + c.bodyStem.length
    }
    const used = process.cpuUsage(started)
    seconds.push((used.user + used.system) / 1e6)
  }
  return { seconds, chars }
}

async function main() {
  const [dataDir, passesArg = '3'] = process.argv.slice(2)
  const passes = Number(passesArg)
  if (!dataDir || !Number.isInteger(passes) || passes < 1) {
    console.error('usage: npm run bench:analyzer -- DIR [PASSES]   (DIR: a data directory holding an imported corpus)')
    process.exit(2)
  }
  const docs = await readArticles(dataDir)
  const { seconds, chars } = timeIndexColumns(docs, passes)
  console.log(`index columns of ${docs.length} published articles (${(chars / 1e6).toFixed(1)} M characters), one thread`)
  console.log(`CPU per pass: ${seconds.map((s) => `${s.toFixed(2)} s`).join(', ')} (first with the memo empty); best ${Math.min(...seconds).toFixed(2)} s`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
