import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { openSqlite } from '../db/index.js'
import { createTempDir } from '../db/testing.js'
import { filesUnder } from '../media/testing.js'
import { serveUploads, wxrFixtureFor } from './testing.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const FIXTURES = join(ROOT, 'src/import/fixtures')

/** The CLI in a child process, not blocking this one: the test's image server must answer meanwhile. */
async function nashra(dataDir: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/nashra.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NASHRA_DATA_DIR: dataDir, DATABASE_URL: '', NASHRA_LOG_LEVEL: 'silent' },
      timeout: 60_000,
    })
    return { status: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { status: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

async function tableCounts(dataDir: string): Promise<Record<string, number>> {
  const db = openSqlite(join(dataDir, 'nashra.db'))
  try {
    const out: Record<string, number> = {}
    for (const table of ['article', 'comment', 'media', 'redirect', 'section', 'tag', 'person', 'import_origin'] as const) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      out[table] = Number(row.n)
    }
    return out
  } finally {
    await db.destroy()
  }
}

test('`nashra import wxr` prints a summary, no progress bar off a terminal, and a second run changes nothing', async (t) => {
  const dir = createTempDir(t)
  const uploads = await serveUploads(t)
  const file = wxrFixtureFor(createTempDir(t), uploads.base)
  const first = await nashra(dir, 'import', 'wxr', file, '--timeout', '2')
  assert.equal(first.status, 0, first.stderr)
  assert.match(
    first.stdout,
    /^imported 6 posts, 2 pages, 6 comments \(3 approved\), 3 images \(2 kept as links\); unchanged 0 articles, 0 comments, 0 images; skipped 4 \(pingback or trackback: 1, trashed post: 1, revision or menu item: 2\); redirects 20; \d+\.\d s$/m,
  )
  assert.doesNotMatch(first.stdout, /\[=*-*\]|█|░/, 'no progress bar when stdout is not a terminal')
  const counts = await tableCounts(dir)
  assert.deepEqual({ ...counts, import_origin: undefined }, { article: 8, comment: 6, media: 3, redirect: 20, section: 4, tag: 3, person: 2, import_origin: undefined })
  const mediaFiles = filesUnder(join(dir, 'media')).length

  const second = await nashra(dir, 'import', 'wxr', file, '--timeout', '2')
  assert.equal(second.status, 0, second.stderr)
  assert.match(second.stdout, /^imported 0 posts, 0 pages, 0 comments \(0 approved\), 0 images \(2 kept as links\); unchanged 8 articles, 6 comments, 3 images; .* redirects 0;/m)
  assert.deepEqual(await tableCounts(dir), counts)
  assert.equal(filesUnder(join(dir, 'media')).length, mediaFiles)
})

test('malformed XML, an unknown WXR version, a missing file: a clear message, exit 1, nothing written', async (t) => {
  const dir = createTempDir(t)
  const cases: [string, RegExp][] = [
    [join(FIXTURES, 'wordpress-malformed.xml'), /^nashra: import wxr: malformed XML at line 27, column \d+: Unexpected close tag$/m],
    [join(FIXTURES, 'wordpress-wrong-version.xml'), /^nashra: import wxr: unknown WXR version "9\.0" \(this importer reads 1\.1 and 1\.2\)$/m],
    [join(FIXTURES, 'saudinewsnet-sample.json'), /^nashra: import wxr: malformed XML at line 1, column \d+: Non-whitespace before first tag\.$/m],
    [join(dir, 'nope.xml'), /^nashra: import wxr: .*nope\.xml: no such file$/m],
  ]
  for (const [file, message] of cases) {
    const run = await nashra(dir, 'import', 'wxr', file)
    assert.equal(run.status, 1, file)
    assert.match(run.stderr, message)
    assert.doesNotMatch(run.stderr, /\bat .*\.js:\d+/, 'no stack trace')
  }
  const counts = await tableCounts(dir)
  for (const [table, n] of Object.entries(counts)) assert.equal(n, 0, table)
})

test('bad arguments: no file, or a timeout out of range, exit with the usage code', async (t) => {
  const dir = createTempDir(t)
  const none = await nashra(dir, 'import', 'wxr')
  assert.equal(none.status, 2)
  assert.match(none.stderr, /missing required argument 'file'/)
  const timeout = await nashra(dir, 'import', 'wxr', join(FIXTURES, 'wordpress-export.xml'), '--timeout', 'never')
  assert.equal(timeout.status, 2)
  assert.match(timeout.stderr, /--timeout must be a number of seconds/)
})
