import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { copyFileSync, createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { test, type TestContext } from 'node:test'
import { gunzipSync } from 'node:zlib'
import SQLite from 'better-sqlite3'
import tar from 'tar-stream'
import { createTempDir } from '../db/testing.js'
import { migrateDownOne, migrateToLatest, migrationNames, openSqlite } from '../db/index.js'
import { storeImage } from '../media/index.js'
import { testJpeg } from '../media/testing.js'
import { seedCommentArticle } from '../comments/testing.js'
import { BackupRefused, createBackup, restoreBackup, type DataLayout } from './index.js'
import { fileHashes, listing } from './testing.js'

const layoutOf = (dataDir: string): DataLayout => ({ dataDir, databaseFile: join(dataDir, 'nashra.db'), folders: ['media', 'originals'] })
const now = new Date('2026-03-01T09:00:00Z')

/** A site (closed: its files hold still) with an article and an image, and a good backup of another one. */
async function setup(t: TestContext) {
  const site = createTempDir(t)
  writeFileSync(join(site, 'secret'), 'سر-الموقع\n', { mode: 0o600 })
  const db = openSqlite(join(site, 'nashra.db'))
  await migrateToLatest(db)
  await seedCommentArticle(db, { title: 'الموقع كما هو قبل الاستعادة' })
  await storeImage(db, site, { buffer: await testJpeg(500, 400), alt: 'صورة الموقع الحالي' }, now)
  await db.destroy()

  const other = createTempDir(t)
  const otherDb = openSqlite(join(other, 'nashra.db'))
  await migrateToLatest(otherDb)
  await seedCommentArticle(otherDb, { title: 'خبر من النسخة الاحتياطية' })
  await otherDb.destroy()
  const files = createTempDir(t)
  const good = join(files, 'good.tar')
  await createBackup(layoutOf(other), good, now)
  return { site, files, good, other }
}

/** Restoring `file` into `site` is refused with `message`, and every file and folder of the site is as it was. */
async function assertRefused(site: string, file: string, message: RegExp) {
  const before = { files: fileHashes(site), entries: listing(site) }
  await assert.rejects(restoreBackup(layoutOf(site), file), (err: Error) => {
    assert.ok(err instanceof BackupRefused, `${err.constructor.name}: ${err.message}`)
    assert.match(err.message, message)
    return true
  })
  assert.deepEqual(listing(site), before.entries, 'no folder or file added or removed')
  assert.deepEqual(fileHashes(site), before.files, 'every file byte for byte as it was')
}

/** A tar holding `entries` in this order. */
async function writeTar(file: string, entries: [string, Buffer | string][]) {
  const pack = tar.pack()
  const written = pipeline(pack, createWriteStream(file))
  for (const [name, data] of entries) pack.entry({ name }, typeof data === 'string' ? Buffer.from(data) : data)
  pack.finalize()
  await written
}

/** The entries of a (plain) tar backup, in order, to build altered copies from. */
async function readTar(file: string): Promise<[string, Buffer][]> {
  const extract = tar.extract()
  const reading = pipeline(createReadStream(file), extract)
  const entries: [string, Buffer][] = []
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const c of entry) chunks.push(c as Buffer)
    entries.push([entry.header.name, Buffer.concat(chunks)])
  }
  await reading
  return entries
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** `entries` with the database replaced by `database`, its checksums (manifest and checksums.sha256) made to agree. */
function withDatabase(entries: [string, Buffer][], database: Buffer): [string, Buffer][] {
  const manifest = JSON.parse(entries[0][1].toString())
  const oldSha = manifest.parts.database.sha256
  manifest.parts.database = { ...manifest.parts.database, bytes: database.length, sha256: sha(database) }
  return entries.map(([name, data]): [string, Buffer] => {
    if (name === 'manifest.json') return [name, Buffer.from(JSON.stringify(manifest))]
    if (name === 'nashra.db') return [name, database]
    if (name === 'checksums.sha256') return [name, Buffer.from(data.toString().replace(oldSha, sha(database)))]
    return [name, data]
  })
}

test('files that are not Nashra backups are refused, the site untouched', async (t) => {
  const { site, files } = await setup(t)
  const text = join(files, 'notes.tar.gz')
  writeFileSync(text, 'هذه ملاحظات وليست نسخة احتياطية، '.repeat(40))
  await assertRefused(site, text, /^not a Nashra backup \(/)

  const empty = join(files, 'empty.tar')
  writeFileSync(empty, '')
  await assertRefused(site, empty, /^not a Nashra backup: .*empty/)

  const otherTar = join(files, 'other.tar')
  await writeTar(otherTar, [['README.md', 'اقرأني'], ['manifest.json', '{}']])
  await assertRefused(site, otherTar, /^not a Nashra backup: it begins with "README\.md", not manifest\.json/)

  const wrongFormat = join(files, 'wrong-format.tar')
  await writeTar(wrongFormat, [['manifest.json', JSON.stringify({ format: 'other-backup' })]])
  await assertRefused(site, wrongFormat, /does not say "format": "nashra-backup"/)

  await assertRefused(site, join(files, 'missing.tar.gz'), /^cannot read .*missing\.tar\.gz: ENOENT/)
})

test('a backup with one byte changed, cut short, or escaping its folders is refused, the site untouched', async (t) => {
  const { site, files, good } = await setup(t)
  const bytes = readFileSync(good)
  const entries = await readTar(good)

  const flipped = Buffer.from(bytes)
  const at = bytes.indexOf(Buffer.from('SQLite format 3')) + 5000 // inside the database's first pages
  flipped[at] ^= 0x40
  const corrupted = join(files, 'corrupted.tar')
  writeFileSync(corrupted, flipped)
  await assertRefused(site, corrupted, /^the backup is damaged: nashra\.db does not match its checksum/)

  const cut = join(files, 'cut.tar')
  writeFileSync(cut, bytes.subarray(0, bytes.length - 3000))
  await assertRefused(site, cut, /^the backup is (damaged|incomplete)/)

  const noChecksums = join(files, 'no-checksums.tar')
  await writeTar(noChecksums, entries.filter(([name]) => name !== 'checksums.sha256'))
  await assertRefused(site, noChecksums, /^the backup is incomplete: it ends before checksums\.sha256/)

  const escaping = join(files, 'escaping.tar')
  await writeTar(escaping, [entries[0], ['media/../../outside.txt', 'خارج المجلد']])
  await assertRefused(site, escaping, /^not a Nashra backup: it holds "media\/\.\.\/\.\.\/outside\.txt"/)
})

test('a corrupted gzip is refused, the site untouched', async (t) => {
  const { site, files, other } = await setup(t)
  const file = join(files, 'site.tar.gz')
  await createBackup(layoutOf(other), file, now)
  const bytes = readFileSync(file)
  assert.ok(gunzipSync(bytes).length > bytes.length)
  const damaged = Buffer.from(bytes)
  damaged[Math.floor(bytes.length / 2)] ^= 0xff
  const corrupted = join(files, 'corrupted.tar.gz')
  writeFileSync(corrupted, damaged)
  await assertRefused(site, corrupted, /^the backup is damaged/)
})

test('a backup from a newer Nashra (a migration this code does not know) is refused before its files are read, the site untouched', async (t) => {
  const { site, files, good } = await setup(t)
  const entries = await readTar(good)
  const manifest = JSON.parse(entries[0][1].toString())
  manifest.migrations.push('999-from-the-future')
  manifest.schemaVersion = '999-from-the-future'
  const newer = join(files, 'newer.tar')
  await writeTar(newer, [['manifest.json', JSON.stringify(manifest)], ['nashra.db', 'never read']])
  await assertRefused(site, newer, /^the backup comes from a newer Nashra: its schema has migration\(s\) 999-from-the-future, which this version does not know/)

  // The database itself is checked too, whatever the manifest says.
  const database = join(files, 'future.db')
  copyFileSync(join(site, 'nashra.db'), database)
  const sqlite = new SQLite(database)
  sqlite.prepare("insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')").run()
  sqlite.pragma('journal_mode = DELETE')
  sqlite.close()
  const sneaky = join(files, 'sneaky.tar')
  await writeTar(sneaky, withDatabase(entries, readFileSync(database)))
  await assertRefused(site, sneaky, /newer Nashra: its schema has migration\(s\) 999-from-the-future/)
})

test('a database that fails SQLite integrity check is refused even when its checksums agree, the site untouched', async (t) => {
  const { site, files, good } = await setup(t)
  const entries = await readTar(good)
  const database = Buffer.from(entries.find(([name]) => name === 'nashra.db')![1])
  const pageSize = database.readUInt16BE(16)
  for (let page = 3; page < database.length / pageSize; page += 2) database.fill(0x5a, page * pageSize + 8, page * pageSize + 64)
  const broken = join(files, 'broken.tar')
  await writeTar(broken, withDatabase(entries, database))
  await assertRefused(site, broken, /^the backup's database fails SQLite's integrity check: /)
})

test('a backup from an older Nashra is migrated as it is restored; a database outside the data folder is swapped beside itself', async (t) => {
  const { site, files, good } = await setup(t)
  // As if made before the newest migration: undone, its row gone.
  const entries = await readTar(good)
  const database = join(files, 'older.db')
  writeFileSync(database, entries.find(([name]) => name === 'nashra.db')![1])
  const olderDb = openSqlite(database)
  const newest = await migrateDownOne(olderDb)
  await olderDb.destroy()
  assert.equal(newest, migrationNames().at(-1))
  const older = join(files, 'older.tar')
  await writeTar(older, withDatabase(entries, readFileSync(database)))

  const elsewhere = createTempDir(t)
  const layout = { ...layoutOf(site), databaseFile: join(elsewhere, 'site.db') }
  copyFileSync(join(site, 'nashra.db'), layout.databaseFile)
  const { applied, keptIn } = await restoreBackup(layout, older)
  assert.deepEqual(applied, [newest])
  assert.deepEqual(keptIn.sort(), [join(elsewhere, '.before-restore'), join(site, '.before-restore')].sort())
  assert.deepEqual(listing(elsewhere), ['.before-restore', '.before-restore/site.db', 'site.db'], 'nothing else left beside it')
  const restored = new SQLite(layout.databaseFile, { readonly: true })
  t.after(() => restored.close())
  assert.equal(restored.prepare('select title from article').pluck().get(), 'خبر من النسخة الاحتياطية')
  assert.equal(restored.prepare('select count(*) from kysely_migration where name = ?').pluck().get(newest), 1, 'the newest migration applied again')
  assert.equal(readFileSync(join(elsewhere, '.before-restore', 'site.db')).equals(readFileSync(join(site, 'nashra.db'))), true, 'the replaced database kept')
})
