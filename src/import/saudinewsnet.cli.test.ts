import assert from 'node:assert/strict'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openSqlite } from '../db/index.js'
import { createTempDir } from '../db/testing.js'
import { MAX_JSON_BYTES } from './saudinewsnet.reader.js'
import { deflatedEntry, spacesArray, writeZip } from './testing.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SAMPLE = join(ROOT, 'src/import/fixtures/saudinewsnet-sample.json')

function nashra(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/nashra.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NASHRA_DATA_DIR: dataDir, DATABASE_URL: '', NASHRA_LOG_LEVEL: 'silent' },
    timeout: 60_000,
  })
}

async function articleCount(dataDir: string): Promise<number> {
  const db = openSqlite(join(dataDir, 'nashra.db'))
  try {
    const row = await db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  } finally {
    await db.destroy()
  }
}

test('`nashra import saudinewsnet` prints a summary line, and a second run adds nothing', async (t) => {
  const dir = createTempDir(t)
  const first = nashra(dir, 'import', 'saudinewsnet', SAMPLE)
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stdout, /^imported 7 of 11 articles from 1 file\(s\); skipped 3 \(no title: 2, no body: 1\); duplicates 1; \d+\.\d s$/m)
  assert.doesNotMatch(first.stdout, /\[=*-*\]|█/, 'no progress bar when stdout is not a terminal')
  const second = nashra(dir, 'import', 'saudinewsnet', SAMPLE)
  assert.equal(second.status, 0, second.stderr)
  assert.match(second.stdout, /imported 0 of 11 .* duplicates 8;/)
  assert.equal(await articleCount(dir), 7)
})

test('a missing or bad file: a clear message naming it, a non-zero exit, nothing written', async (t) => {
  const dir = createTempDir(t)
  const missing = nashra(dir, 'import', 'saudinewsnet', SAMPLE, join(dir, 'nope.zip'))
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /nashra: import saudinewsnet: .*nope\.zip: no such file \(nothing was imported\)/)
  assert.doesNotMatch(missing.stderr, /\bat .*\.js:\d+/, 'no stack trace')

  const bad = join(dir, 'bad.json')
  writeFileSync(bad, '[{"source": "okaz"}]')
  const shape = nashra(dir, 'import', 'saudinewsnet', SAMPLE, bad)
  assert.equal(shape.status, 1)
  assert.match(shape.stderr, /bad\.json: article 1: "url" must be a non-empty string/)
  assert.equal(await articleCount(dir), 0)
})

test('an impossible date or a zip bomb: refused by name, a non-zero exit, nothing written', async (t) => {
  const dir = createTempDir(t)
  const dates = join(dir, 'dates.json')
  const good = { source: 'okaz', url: 'http://example.sa/okaz/7001', date_extracted: '2015-08-01 10:00:00', title: 'عنوان', author: '', content: 'نص' }
  writeFileSync(dates, JSON.stringify([good, { ...good, url: 'http://example.sa/okaz/7002', date_extracted: '2015-99-99 25:00:00' }]))
  const date = nashra(dir, 'import', 'saudinewsnet', SAMPLE, dates)
  assert.equal(date.status, 1)
  assert.match(date.stderr, /dates\.json: article 2: "date_extracted" must be a real time .* \(got "2015-99-99 25:00:00"\) \(nothing was imported\)/)

  const bomb = join(dir, 'bomb.zip')
  writeZip(bomb, [await deflatedEntry('2015-08-01.json', spacesArray(4 * MAX_JSON_BYTES))])
  const zip = nashra(dir, 'import', 'saudinewsnet', SAMPLE, bomb)
  assert.equal(zip.status, 1)
  assert.match(zip.stderr, /bomb\.zip \(2015-08-01\.json\): expands to 256\.0 MiB, more than the 64\.0 MiB an import reads from one file \(nothing was imported\)/)
  assert.equal(await articleCount(dir), 0)
})

test('a database write that fails names the file and the article; the files before it stay imported', async (t) => {
  const dir = createTempDir(t)
  assert.equal(nashra(dir, 'migrate').status, 0)
  const db = openSqlite(join(dir, 'nashra.db'))
  await sql`create trigger refuse_headline before insert on article when new.title = 'خبر يرفضه المحفز'
    begin select raise(abort, 'refused by a test trigger'); end`.execute(db)
  await db.destroy()
  const second = join(dir, 'second.json')
  const base = { source: 'alwatan', date_extracted: '2015-08-03 08:00:00', author: '', content: 'نص قصير للخبر.' }
  writeFileSync(second, JSON.stringify([
    { ...base, url: 'http://example.sa/alwatan/9001', title: 'خبر أول يسبق الخطأ' },
    { ...base, url: 'http://example.sa/alwatan/9002', title: 'خبر يرفضه المحفز' },
  ]))
  const run = nashra(dir, 'import', 'saudinewsnet', SAMPLE, second)
  assert.equal(run.status, 1)
  assert.match(run.stderr, /nashra: import saudinewsnet: .*second\.json: article 2: could not be written \(refused by a test trigger\) \(nothing from it was imported; the 1 file before it was\)/)
  assert.doesNotMatch(run.stderr, /\bat .*\.js:\d+/, 'no stack trace')
  assert.equal(await articleCount(dir), 7)
})

test('bad arguments: no files, or an unknown format, exit with the usage error code', (t) => {
  const dir = createTempDir(t)
  const none = nashra(dir, 'import', 'saudinewsnet')
  assert.equal(none.status, 2)
  assert.match(none.stderr, /missing required argument 'files'/)
  const unknown = nashra(dir, 'import', 'nosuchformat', SAMPLE)
  assert.notEqual(unknown.status, 0)
  assert.match(unknown.stderr, /unknown command|error/i)
})

/** The process whose command line names `file`, with its flags and CPU policy, if one runs. */
function processNaming(file: string): { args: string[]; policy: number } | undefined {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (args.includes(file) && args.includes('--single-threaded-gc')) return { args, policy: Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[38]) }
    } catch {} // ended meanwhile
  }
  return undefined
}

test('`nashra import` runs as a batch process (SCHED_IDLE, one GC thread); a SIGTERM reaches it and nothing is left running', { skip: process.platform !== 'linux' }, async (t) => {
  const dir = createTempDir(t)
  // A named pipe: the import waits at its first file until the test ends it.
  const waiting = join(dir, 'waiting.zip')
  execFileSync('mkfifo', [waiting])
  const command = spawn(process.execPath, [join(ROOT, 'bin/nashra.js'), 'import', 'saudinewsnet', waiting], {
    cwd: ROOT,
    env: { ...process.env, NASHRA_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', NASHRA_LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  })
  const exited = once(command, 'exit')
  let batch = processNaming(waiting)
  for (let tries = 0; !batch && tries < 200; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    batch = processNaming(waiting)
  }
  assert.ok(batch, 'the batch process started')
  if (existsSync('/usr/bin/chrt')) assert.equal(batch.policy, 5, 'SCHED_IDLE')
  command.kill('SIGTERM')
  assert.deepEqual(await exited, [143, null])
  assert.equal(processNaming(waiting), undefined)
})
