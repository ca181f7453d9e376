import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createArticle, ensureSection, getPublishedArticle } from './articles/index.js'
import { seedCommentArticle } from './comments/index.js'
import { loadConfig } from './config/index.js'
import { migrateToLatest, openSqlite, sqliteFileOf } from './db/index.js'
import { createTempDir, createTestDb } from './db/testing.js'
import { serveNashra } from './cli/testing.js'
import { buildApp } from './app.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = join(ROOT, 'bin/nashra.js')
const NOBODY = 65534
const asRoot = process.getuid?.() === 0

function serveEnv(dataDir: string, extra: Record<string, string> = {}) {
  return { ...process.env, NASHRA_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', NASHRA_DEMO: '0', NASHRA_SEARCH_WORKERS: '0', NASHRA_LOG_LEVEL: 'info', NASHRA_SECRET: 'test-secret', ...extra }
}

// `nashra serve` as these tests run it: a secret given, the scheduler on.
const startServer = (dataDir: string, env: Record<string, string> = {}) => serveNashra(dataDir, { NASHRA_SECRET: 'test-secret', ...env })

test('the demo content a first `nashra serve` writes is searchable at once (search follows article writes from the start)', async (t) => {
  const server = await startServer(createTempDir(t), { NASHRA_DEMO: '1' })
  t.after(() => server.process.kill('SIGKILL'))
  const response = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent('مكتبة حي الشاطئ')}`)
  assert.equal(response.status, 200)
  const body = (await response.json()) as { total: number; results: { title: string }[] }
  assert.ok(body.total >= 1, JSON.stringify(body))
  assert.match(body.results[0].title, /مكتبة لا تغلق أبوابها/)
})

/** `nashra serve` expected to refuse: its exit code and message (killed after 20 s if it starts). */
function refusedServe(dataDir: string, options: { env?: Record<string, string>; uid?: number } = {}) {
  return spawnSync(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: serveEnv(dataDir, options.env),
    encoding: 'utf8',
    timeout: 20_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  })
}

test('`nashra serve` on a port already taken exits with a message naming the port, instead of running on serving nothing', async (t) => {
  const first = await startServer(createTempDir(t))
  t.after(() => first.process.kill('SIGKILL'))
  const port = new URL(first.url).port
  const second = refusedServe(createTempDir(t), { env: { PORT: port, HOST: '127.0.0.1' } })
  assert.equal(second.error, undefined, 'the second server exited by itself (not killed after 20 s)')
  assert.equal(second.status, 1, second.stderr)
  assert.match(second.stderr, new RegExp(`nashra: serve: 127\\.0\\.0\\.1:${port} is already in use`))
})

test('a second `nashra serve` on the same SQLite file refuses to start, naming the lock and the first server', async (t) => {
  const dir = createTempDir(t)
  const first = await startServer(dir)
  t.after(() => first.process.kill('SIGKILL'))
  const lock = join(dir, 'nashra.db.serve.lock')
  assert.equal(readFileSync(lock, 'utf8').trim(), String(first.process.pid))

  const second = refusedServe(dir)
  assert.equal(second.status, 1, second.stderr)
  assert.match(second.stderr, new RegExp(`nashra: serve: another \`nashra serve\` \\(pid ${first.process.pid}\\) is serving .*nashra\\.db: its lock is .*nashra\\.db\\.serve\\.lock`))

  await first.stop()
  assert.equal(existsSync(lock), false, 'a server stopping removes its lock')
})

test('a lock left by a server that is gone (a crash) is taken over', async (t) => {
  const dir = createTempDir(t)
  const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
  writeFileSync(join(dir, 'nashra.db.serve.lock'), gone.stdout)
  const server = await startServer(dir)
  t.after(() => server.process.kill('SIGKILL'))
  assert.equal(readFileSync(join(dir, 'nashra.db.serve.lock'), 'utf8').trim(), String(server.process.pid))
})

test('`nashra serve` on PostgreSQL refuses to start, saying search does not work there', (t) => {
  const dir = createTempDir(t)
  const result = refusedServe(dir, { env: { DATABASE_URL: 'postgres://127.0.0.1:1/x' } })
  assert.equal(result.status, 1, result.stderr)
  assert.match(result.stderr, /nashra: serve: DATABASE_URL names PostgreSQL, which Nashra search does not support/)
  assert.doesNotMatch(result.stderr, /\bat .*\.js:\d+/, 'no stack trace')
})

/**
 * A data folder this process cannot write. Root writes through any mode bits, so as root the
 * server runs as nobody over root's files: as after a restore, or a command run as root.
 */
function readOnlyForServer(dir: string, paths: string[]): { uid?: number } {
  if (!asRoot) {
    for (const path of paths) chmodSync(path, 0o555)
    return {}
  }
  chmodSync(join(dir, '..'), 0o755) // nobody may reach it
  return { uid: NOBODY }
}

test('`nashra serve` stops naming a data folder it cannot write', (t) => {
  const parent = createTempDir(t)
  const dir = join(parent, 'data')
  mkdirSync(join(dir, 'media'), { recursive: true, mode: 0o755 })
  chmodSync(dir, 0o755)
  const as = readOnlyForServer(dir, [dir])
  const result = refusedServe(dir, as)
  chmodSync(dir, 0o755) // so that it can be removed
  assert.equal(result.status, 1, result.stderr)
  assert.match(result.stderr, new RegExp(`nashra: serve: ${dir} is not writable \\(EACCES\\)`))
})

test('`nashra serve` stops naming a database file it cannot write', async (t) => {
  const parent = createTempDir(t)
  const dir = join(parent, 'data')
  mkdirSync(join(dir, 'media'), { recursive: true })
  const db = openSqlite(join(dir, 'nashra.db'))
  await db.destroy()
  const file = join(dir, 'nashra.db')
  chmodSync(file, 0o644)
  const as = asRoot ? (chownSync(dir, NOBODY, NOBODY), chownSync(join(dir, 'media'), NOBODY, NOBODY), chmodSync(dir, 0o755), readOnlyForServer(dir, [])) : readOnlyForServer(dir, [file])
  const result = refusedServe(dir, as)
  chmodSync(file, 0o644)
  assert.equal(result.status, 1, result.stderr)
  assert.match(result.stderr, new RegExp(`nashra: serve: ${file} is not writable \\(EACCES\\)`))
})

test('/healthz answers 503 when the database cannot be written, ok otherwise', async (t) => {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const ok = await app.inject('/healthz')
  assert.equal(ok.statusCode, 200)
  assert.deepEqual(ok.json(), { ok: true })

  // The same file opened read-only: what SQLite does by itself when it cannot open the file for writing.
  const readOnly = openSqlite(sqliteFileOf(db)!, { readonly: true })
  const roApp = await buildApp(config, readOnly)
  t.after(async () => {
    await roApp.close()
    await readOnly.destroy()
  })
  const bad = await roApp.inject('/healthz')
  assert.equal(bad.statusCode, 503)
  assert.deepEqual(bad.json(), { ok: false, error: 'database_not_writable' })
  assert.equal(bad.headers['cache-control'], 'no-store')
})

test('an article page renders from a database this process cannot write (no write on a page view)', async (t) => {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_PAGE_CACHE_SECONDS: '0' })
  const { path } = await seedCommentArticle(db)
  const app = await buildApp(config, db)
  t.after(() => app.close())
  assert.equal((await app.inject(path)).statusCode, 200) // a first view on a new database may store keys

  const readOnly = openSqlite(sqliteFileOf(db)!, { readonly: true })
  const roApp = await buildApp(config, readOnly)
  t.after(async () => {
    await roApp.close()
    await readOnly.destroy()
  })
  const page = await roApp.inject(path)
  assert.equal(page.statusCode, 200, page.body.slice(0, 300))
})

test('`nashra serve` publishes a scheduled article whose time has passed, as it starts', async (t) => {
  const dir = createTempDir(t)
  const db = openSqlite(join(dir, 'nashra.db'))
  t.after(() => db.destroy())
  await migrateToLatest(db)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const publishAt = new Date(Date.now() - 60_000)
  const { id } = await createArticle(db, { title: 'خبر مجدول', bodyHtml: '<p>نص</p>', sectionId, status: 'scheduled', publishAt }, new Date(Date.now() - 3600_000))
  await assert.rejects(getPublishedArticle(db, id))

  const server = await startServer(dir)
  t.after(() => server.process.kill('SIGKILL'))
  // The scheduler's first run starts before the server listens; give it a few seconds on a busy machine.
  const deadline = Date.now() + 10_000
  let published = await getPublishedArticle(db, id).catch(() => undefined)
  while (!published && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    published = await getPublishedArticle(db, id).catch(() => undefined)
  }
  assert.ok(published, 'visible to readers')
  assert.equal(published.publishedAt?.toISOString(), publishAt.toISOString())
})
