// Saving an article in the newsroom while readers load the site: a 1,500-word article saved
// SAVES times in a row through the admin API (each with its version, as the editor does),
// first on a quiet server, then with `wrk` loading cached article pages from another process.
// The goal: p95 under 50 ms with the full corpus loaded and the server under reader load.
import { spawn } from 'node:child_process'
import { sql } from 'kysely'
import type { Db } from '../src/db/index.js'
import { createAccount, createApiToken, findAccountByEmail } from '../src/staff/index.js'

const SAVES = 200
const EMAIL = 'bench-editor@nashra.invalid'
const WORDS = 1500

export async function benchNewsroom(opts: { baseUrl: string; db: Db; readerPaths: string[] }): Promise<string[]> {
  const token = await benchToken(opts.db)
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const body = await fifteenHundredWords(opts.db)
  const created = await fetch(`${opts.baseUrl}/api/v1/admin/articles`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'مقالة قياس الحفظ', bodyHtml: body.html, section: await anySection(opts.db), tags: ['قياس'], authors: ['محرر القياس'] }),
  })
  if (created.status !== 201) throw new Error(`bench article not created: ${created.status} ${await created.text()}`)
  const article = (await created.json()) as { id: number; version: number }
  let version = article.version

  const save = async (i: number) => {
    const started = performance.now()
    const res = await fetch(`${opts.baseUrl}/api/v1/admin/articles/${article.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ version, bodyHtml: body.html.replace('</p>', ` (${i})</p>`), summary: `موجز رقم ${i}` }),
    })
    const json = (await res.json()) as { version: number }
    if (res.status !== 200) throw new Error(`save ${i}: ${res.status} ${JSON.stringify(json)}`)
    version = json.version
    return performance.now() - started
  }
  const run = async () => {
    const times: number[] = []
    for (let i = 0; i < SAVES; i++) times.push(await save(i))
    return times.sort((a, b) => a - b)
  }

  const lines = [`newsroom save: a ${body.words}-word article, ${SAVES} saves in a row through PATCH /api/v1/admin/articles/:id`]
  for (let i = 0; i < 10; i++) await save(i) // warm the routes and the statement cache
  lines.push(summary('quiet server', await run()))
  const reader = startReaderLoad(opts.baseUrl, opts.readerPaths)
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    lines.push(summary('under reader load (wrk, 2 threads, 16 connections)', await run()))
  } finally {
    const readers = await reader.stop()
    lines.push(`reader load meanwhile: ${readers}`)
  }
  await opts.db.deleteFrom('article').where('id', '=', article.id).execute()
  return lines
}

function summary(label: string, sorted: number[]): string {
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))]!.toFixed(1)
  return `  ${label}: p50 ${p(50)} ms, p95 ${p(95)} ms, p99 ${p(99)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (goal p95 < 50 ms)`
}

async function benchToken(db: Db): Promise<string> {
  const now = new Date()
  if (!(await findAccountByEmail(db, EMAIL))) await createAccount(db, { email: EMAIL, name: 'محرر القياس', role: 'editor', password: `bench-${now.getTime()}-password` }, now)
  return (await createApiToken(db, { email: EMAIL }, now)).token
}

async function anySection(db: Db): Promise<string> {
  const row = await db.selectFrom('section').select('slug').orderBy('id').executeTakeFirstOrThrow()
  return row.slug
}

/** About 1,500 words of real newspaper Arabic: corpus bodies (read from the bench database, never copied into the repository). */
async function fifteenHundredWords(db: Db): Promise<{ html: string; words: number }> {
  const { rows } = await sql<{ body_html: string; word_count: number }>`
    select body_html, word_count from article where status = 'published' and word_count between 300 and 1500 order by id limit 20`.execute(db)
  const parts: string[] = []
  let words = 0
  for (const row of rows) {
    if (words >= WORDS) break
    parts.push(row.body_html)
    words += row.word_count
  }
  return { html: parts.join('\n'), words }
}

/** `wrk` in its own process cycling over cached article pages, so the load generator never shares our CPU time. */
function startReaderLoad(baseUrl: string, paths: string[]) {
  const script = `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local n = 0
request = function() n = n + 1; return wrk.format("GET", paths[(n % #paths) + 1]) end`
  const file = `/tmp/nashra-bench-readers-${process.pid}.lua`
  const child = spawn('sh', ['-c', `cat > ${file} && exec wrk -t2 -c16 -d120s -s ${file} ${baseUrl}`], { stdio: ['pipe', 'pipe', 'pipe'] })
  child.stdin.end(script)
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  return {
    stop: () =>
      new Promise<string>((resolve) => {
        child.once('exit', () => {
          const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]
          resolve(rps ? `${Math.round(Number(rps))} req/s` : `wrk did not report (${out.trim().slice(0, 120) || 'is wrk installed? apt-get install wrk'})`)
        })
        child.kill('SIGINT')
      }),
  }
}
