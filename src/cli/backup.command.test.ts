import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { ensureSection } from '../articles/index.js'
import { fileHashes, listing } from '../backup/testing.js'
import { openRules, seedCommentArticle } from '../comments/testing.js'
import { migrateToLatest, openSqlite, type Db } from '../db/index.js'
import { createTempDir } from '../db/testing.js'
import { testJpeg } from '../media/testing.js'
import { createAccount, createApiToken } from '../staff/index.js'
import { nashra, serveNashra } from './testing.js'

async function count(db: Db, table: 'article' | 'comment' | 'media' | 'person' | 'account' | 'article_revision'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function prepareSite(dir: string) {
  const db = openSqlite(join(dir, 'nashra.db'))
  await migrateToLatest(db)
  await openRules(db)
  await ensureSection(db, 'local', 'محليات')
  const article = await seedCommentArticle(db, { title: 'سوق الخضار يعود إلى وسط المدينة' })
  const now = new Date()
  await createAccount(db, { email: 'desk@example.org', name: 'مكتب التحرير', role: 'admin', password: 'a-long-desk-password' }, now)
  const { token } = await createApiToken(db, { email: 'desk@example.org' }, now)
  await db.destroy()
  return { articleId: article.id, token }
}

test('a backup taken during a burst of comments and article saves restores into a fresh folder: consistent, the same rows, media byte for byte, served again', async (t) => {
  const dir = createTempDir(t)
  const { articleId, token } = await prepareSite(dir)
  const server = await serveNashra(dir, { NASHRA_SCHEDULER: '0', NASHRA_ADMIN_RATE_LIMIT: '1000000' })
  t.after(() => server.stop())
  const auth = { authorization: `Bearer ${token}` }
  const api = (path: string, method: string, body: unknown) =>
    fetch(`${server.url}/api/v1${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  const form = new FormData()
  form.append('alt', 'واجهة السوق بعد الترميم')
  form.append('file', new Blob([new Uint8Array(await testJpeg(1000, 640))], { type: 'image/jpeg' }), 'souq.jpg')
  const upload = await fetch(`${server.url}/api/v1/admin/media`, { method: 'POST', headers: auth, body: form })
  assert.equal(upload.status, 201, await upload.clone().text())

  // The burst: readers commenting and the desk writing drafts and saving them, until told to stop.
  let stop = false
  const failures: string[] = []
  const commenter = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const res = await fetch(`${server.url}/api/v1/articles/${articleId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `قارئ ${n}`, email: `reader${n}@example.org`, body: `تعليق رقم ${i} من القارئ ${n} على عودة السوق.` }),
      })
      if (res.status !== 202) failures.push(`comment ${res.status} ${await res.text()}`)
      else await res.arrayBuffer()
    }
  }
  const editor = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const created = await api('/admin/articles', 'POST', { title: `مسودة ${n}-${i}: أسعار الخضار`, bodyHtml: `<p>نص أول للمسودة ${i}.</p>`, section: 'local', status: 'draft', authors: [`محرر ${n}`] })
      if (created.status !== 201) {
        failures.push(`create ${created.status} ${await created.text()}`)
        continue
      }
      let { id, version } = (await created.json()) as { id: number; version: number }
      for (let save = 1; save <= 3 && !stop; save++) {
        const saved = await api(`/admin/articles/${id}`, 'PATCH', { bodyHtml: `<p>النص بعد الحفظ ${save} للمسودة ${i}.</p>`, version })
        if (saved.status !== 200) failures.push(`save ${saved.status} ${await saved.text()}`)
        else version = ((await saved.json()) as { version: number }).version
      }
    }
  }
  const burst = Promise.all([commenter(1), commenter(2), commenter(3), editor(1), editor(2)])

  const live = openSqlite(join(dir, 'nashra.db'))
  t.after(() => live.destroy())
  await new Promise((resolve) => setTimeout(resolve, 500))
  const before = { comments: await count(live, 'comment'), articles: await count(live, 'article') }
  const file = join(createTempDir(t), 'during-writes.tar.gz')
  const backup = await nashra(dir, ['backup', file]) // the burst goes on meanwhile
  await new Promise((resolve) => setTimeout(resolve, 300))
  stop = true
  await burst
  assert.deepEqual(failures, [])
  assert.equal(backup.code, 0, backup.stderr)
  assert.match(backup.stdout, /^backup: wrote .*during-writes\.tar\.gz \(\d+\.\d MB\) in \d+\.\d s: schema \d{3}-[a-z0-9-]+, \d+ articles, \d+ comments, 1 image, \d+ people, 1 account\n$/)

  // Restored into a fresh folder: its summary, then the rows.
  const fresh = join(createTempDir(t), 'restored')
  const restore = await nashra(fresh, ['restore', file])
  assert.equal(restore.code, 0, restore.stderr)
  assert.match(restore.stdout, /^restore: restored .*during-writes\.tar\.gz \(made \S+, schema \d{3}-[a-z0-9-]+\) in \d+\.\d s: \d+ articles, \d+ comments, 1 image, \d+ people, 1 account; the data it replaced is in .*\.before-restore\n$/)
  const restored = openSqlite(join(fresh, 'nashra.db'))
  t.after(() => restored.destroy())

  const after = { comments: await count(live, 'comment'), articles: await count(live, 'article') }
  const got = { comments: await count(restored, 'comment'), articles: await count(restored, 'article') }
  assert.ok(before.comments < got.comments && got.comments < after.comments, `taken mid-burst: ${JSON.stringify({ before, got, after })}`)
  assert.ok(before.articles < got.articles && got.articles <= after.articles, `taken mid-burst: ${JSON.stringify({ before, got, after })}`)
  const summary = /: (\d+) articles, (\d+) comments/.exec(restore.stdout)!
  assert.deepEqual([Number(summary[1]), Number(summary[2])], [got.articles, got.comments], 'the manifest counts what the database holds')

  // A snapshot: exactly the rows up to a moment, none missing in between, each as the live site stored it.
  const comments = (db: Db, upTo: number) =>
    db.selectFrom('comment').selectAll().where('id', '<=', upTo).orderBy('id').execute()
  const restoredComments = await comments(restored, Number.MAX_SAFE_INTEGER)
  assert.deepEqual(restoredComments, await comments(live, restoredComments.at(-1)!.id))
  const revisions = (db: Db, upTo: number) => db.selectFrom('article_revision').selectAll().where('id', '<=', upTo).orderBy('id').execute()
  const restoredRevisions = await revisions(restored, Number.MAX_SAFE_INTEGER)
  assert.deepEqual(restoredRevisions, await revisions(live, restoredRevisions.at(-1)!.id))
  const sample = await restored.selectFrom('article').select(['id', 'title', 'slug', 'section_id', 'status', 'created_at']).orderBy('id').execute()
  const liveSample = await live.selectFrom('article').select(['id', 'title', 'slug', 'section_id', 'status', 'created_at']).where('id', '<=', sample.at(-1)!.id).orderBy('id').execute()
  assert.deepEqual(sample, liveSample)

  // Consistent inside: every comment's article exists, every draft's revisions match its version.
  assert.deepEqual((await sql<{ n: number }>`select count(*) as n from comment left join article on article.id = comment.article_id where article.id is null`.execute(restored)).rows, [{ n: 0 }])
  assert.deepEqual((await sql`pragma foreign_key_check`.execute(restored)).rows, [])
  assert.deepEqual((await sql`pragma integrity_check`.execute(restored)).rows, [{ integrity_check: 'ok' }])
  const mismatched = await sql<{ id: number }>`
    select article.id from article join article_revision r on r.article_id = article.id
    where article.title like 'مسودة %' group by article.id
    having count(r.id) <> article.version or max(r.version) <> article.version`.execute(restored)
  assert.deepEqual(mismatched.rows, [])

  // Media and originals byte for byte (nothing was uploaded during the burst).
  const media = (root: string) => fileHashes(root, /^(nashra\.db.*|secret)$/)
  assert.ok(Object.keys(media(dir)).some((f) => f.startsWith('originals/')))
  assert.deepEqual(Object.fromEntries(Object.entries(media(fresh)).filter(([f]) => !f.startsWith('.before-restore'))), media(dir))

  // Refused while a server holds the data folder: the files as they were. The server's busy mark
  // (decision 032) comes and goes with its load, not with the restore.
  const untouched = () => listing(dir).filter((f) => !f.endsWith('.serve.busy'))
  const lockedBefore = { files: fileHashes(dir, /-shm$|\.serve\.busy$/), entries: untouched() }
  const refused = await nashra(dir, ['restore', file])
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, new RegExp(`^nashra: restore refused: another \`nashra serve\` \\(pid ${server.process.pid}\\) is serving .*nashra\\.db\\. Stop the server first .*The current data was not touched\\n$`))
  assert.deepEqual(untouched(), lockedBefore.entries)
  assert.deepEqual(fileHashes(dir, /-shm$|\.serve\.busy$/), lockedBefore.files)
  await server.stop()

  // The restored folder serves the restored comments.
  const second = await serveNashra(fresh, { NASHRA_SCHEDULER: '0' })
  t.after(() => second.stop())
  const served = await fetch(`${second.url}/api/v1/articles/${articleId}/comments`)
  assert.equal(served.status, 200)
  const approved = await restored.selectFrom('comment').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'approved').executeTakeFirstOrThrow()
  assert.equal(((await served.json()) as { total: number }).total, Number(approved.n))
  assert.ok(Number(approved.n) > 0)
})

test('backup and restore refuse PostgreSQL by name, pointing at pg_dump; bad paths are refused with a clear message', async (t) => {
  const dir = createTempDir(t)
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [fileURLToPath(new URL('../../../bin/nashra.js', import.meta.url)), ...args], {
        env: { ...process.env, NASHRA_DATA_DIR: dir, NASHRA_LOG_LEVEL: 'silent', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      child.on('close', (code) => resolve({ code, stderr }))
    })
  for (const command of ['backup', 'restore']) {
    const pg = await run([command, join(dir, 'x.tar.gz')], { DATABASE_URL: 'postgres://nashra@127.0.0.1:1/nashra' })
    assert.equal(pg.code, 1)
    assert.match(pg.stderr, new RegExp(`^nashra: ${command}: DATABASE_URL names PostgreSQL, which \`nashra ${command}\` does not handle \\(SQLite only\\)\\. Use pg_dump `))
  }
  const noFolder = await nashra(dir, ['backup', join(dir, 'no', 'such', 'folder', 'x.tar.gz')])
  assert.equal(noFolder.code, 1)
  assert.match(noFolder.stderr, /^nashra: backup: the folder .*no\/such\/folder does not exist\n$/)
})
