import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { createTempDir } from '../db/testing.js'
import { migrateToLatest, migrationNames, openSqlite } from '../db/index.js'
import { getImage, storeImage } from '../media/index.js'
import { testJpeg } from '../media/testing.js'
import { seedCommentArticle } from '../comments/testing.js'
import { createBackup, restoreBackup, type DataLayout } from './index.js'
import { fileHashes, listing } from './testing.js'

const layoutOf = (dataDir: string): DataLayout => ({ dataDir, databaseFile: join(dataDir, 'nashra.db'), folders: ['media', 'originals'] })
const now = new Date('2026-03-01T09:00:00Z')

async function siteWithAnImage(t: Parameters<typeof createTempDir>[0]) {
  const dir = createTempDir(t)
  writeFileSync(join(dir, 'secret'), 'سر-الموقع-للاختبار\n', { mode: 0o600 })
  const db = openSqlite(join(dir, 'nashra.db'))
  t.after(() => db.destroy())
  await migrateToLatest(db)
  const article = await seedCommentArticle(db, { title: 'مهرجان الكتاب في الساحة القديمة' })
  const image = await storeImage(db, dir, { buffer: await testJpeg(1300, 700), alt: 'رفوف الكتب في المهرجان', credit: 'عدسة القارئ' }, now)
  return { dir, db, article, image }
}

test('a backup holds the manifest first, then the database, secret, media and originals, with checksums sha256sum can check', async (t) => {
  const { dir, db } = await siteWithAnImage(t) // the database stays open in WAL mode, as under a server
  const file = join(createTempDir(t), 'nightly.tar')
  const { manifest, bytes } = await createBackup(layoutOf(dir), file, now)

  assert.ok(bytes > 0)
  assert.equal(manifest.format, 'nashra-backup')
  assert.equal(manifest.formatVersion, 1)
  assert.equal(manifest.createdAt, now.toISOString())
  assert.deepEqual(manifest.migrations, migrationNames())
  assert.equal(manifest.schemaVersion, migrationNames().at(-1))
  assert.deepEqual(manifest.counts, { articles: 1, comments: 0, media: 1, people: 0, accounts: 0 })
  assert.equal(manifest.parts.secret, true)
  assert.equal(manifest.parts.folders.originals.files, 1)
  assert.ok(manifest.parts.folders.media.files >= 4, 'WebP and JPEG renditions')
  assert.match(manifest.parts.database.sha256, /^[0-9a-f]{64}$/)

  const names = execFileSync('tar', ['tf', file], { encoding: 'utf8' }).trimEnd().split('\n')
  assert.equal(names[0], 'manifest.json')
  assert.equal(names[1], 'nashra.db')
  assert.equal(names.at(-1), 'checksums.sha256')
  const original = join('originals', (await getImage(db, 1)).originalPath)
  assert.ok(names.includes(original), `${original} in ${names.join(' ')}`)
  const extracted = createTempDir(t)
  execFileSync('tar', ['xf', file, '-C', extracted])
  execFileSync('sha256sum', ['--quiet', '-c', 'checksums.sha256'], { cwd: extracted }) // throws on a mismatch
  assert.equal(readFileSync(join(extracted, original)).equals(readFileSync(join(dir, original))), true)
})

test('media, originals and the secret round-trip: restored into a fresh folder, every file is byte for byte the same and the rows match', async (t) => {
  const { dir, db, article, image } = await siteWithAnImage(t)
  const file = join(createTempDir(t), 'site.tar.gz')
  await createBackup(layoutOf(dir), file, now)
  assert.deepEqual([...readFileSync(file).subarray(0, 2)], [0x1f, 0x8b], 'gzipped unless the name ends in .tar')

  const fresh = join(createTempDir(t), 'data')
  const { manifest, applied, keptIn } = await restoreBackup(layoutOf(fresh), file)
  assert.deepEqual(applied, [])
  assert.deepEqual(keptIn, [join(fresh, '.before-restore')])
  assert.equal(manifest.counts.media, 1)

  assert.deepEqual(listing(fresh).filter((f) => f.startsWith('.restore')), [], 'no staging folder left behind')
  const files = (root: string) => fileHashes(root, /^nashra\.db/) // media, originals, secret
  assert.deepEqual(files(fresh), files(dir))
  const restored = openSqlite(join(fresh, 'nashra.db'))
  t.after(() => restored.destroy())
  assert.deepEqual(await getImage(restored, image.id), await getImage(db, image.id))
  const title = (d: typeof db) => d.selectFrom('article').select(['title', 'slug', 'body_html']).where('id', '=', article.id).executeTakeFirstOrThrow()
  assert.deepEqual(await title(restored), await title(db))
})
