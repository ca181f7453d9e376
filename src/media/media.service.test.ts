import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import sharp from 'sharp'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { Invalid } from '../http/index.js'
import { buildApp } from '../app.js'
import { getImage, imageFiles, mediaUrl, resizedWidths, storeImage } from './index.js'

const now = new Date('2026-03-05T08:00:00Z')

function solid(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
}

test('a large photo is oriented, stripped, saved as webp with ascending resized widths', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  // Stored sideways (2000×1000) with EXIF orientation 6: readers must see it upright, 1000 wide.
  const jpeg = await solid(2000, 1000).jpeg().withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret camera owner' } } }).toBuffer()
  assert.equal((await sharp(jpeg).metadata()).orientation, 6)

  const image = await storeImage(db, dataDir, { buffer: jpeg, alt: ' ملعب المدينة ', caption: 'تعليق', credit: 'قسم التصميم' }, now)
  assert.match(image.path, /^2026\/03\/[0-9a-f]{16}\.webp$/)
  assert.deepEqual([image.width, image.height], [1000, 2000])
  assert.deepEqual(image.widths, [400, 800, 1000])
  assert.equal(image.alt, 'ملعب المدينة')

  const masterMeta = await sharp(join(dataDir, 'media', image.path)).metadata()
  assert.equal(masterMeta.format, 'webp')
  assert.equal(masterMeta.exif, undefined)
  assert.equal(masterMeta.orientation, undefined)
  for (const w of image.widths) {
    const file = join(dataDir, 'media', mediaUrl(image.path, w).slice('/media/'.length))
    assert.ok(existsSync(file), file)
    assert.equal((await sharp(file).metadata()).width, w)
  }

  const row = await db.selectFrom('media').selectAll().where('id', '=', image.id).executeTakeFirstOrThrow()
  assert.equal(row.widths, '400,800,1000')
  assert.equal(row.mime, 'image/webp')
  assert.equal((await getImage(db, image.id)).credit, 'قسم التصميم')
})

test('a small image is never upscaled', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const image = await storeImage(db, dataDir, { buffer: await solid(300, 200).png().toBuffer() }, now)
  assert.deepEqual([image.width, image.height, image.widths], [300, 200, [300]])
  assert.deepEqual(resizedWidths(3000), [400, 800, 1200])
  assert.deepEqual(resizedWidths(1200), [400, 800, 1200])
  for (const file of imageFiles(image)) assert.ok(existsSync(join(dataDir, 'media', file)), file)
})

test('files that are not raster images are refused with media_not_image and nothing is stored', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
  const truncated = (await solid(600, 400).jpeg().toBuffer()).subarray(0, 300)
  for (const buffer of [Buffer.from('%PDF-1.4 not an image'), Buffer.alloc(0), svg, truncated]) {
    await assert.rejects(storeImage(db, dataDir, { buffer }, now), (err: unknown) => {
      assert.ok(err instanceof Invalid)
      assert.equal(err.code, 'media_not_image')
      assert.equal(err.field, 'file')
      return true
    })
  }
  const count = await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  assert.equal(Number(count.n), 0)
})

test('stored images are served under /media/ over real HTTP', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const image = await storeImage(db, dataDir, { buffer: await solid(900, 600).jpeg().toBuffer() }, now)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const res = await fetch(address + mediaUrl(image.path, 400))
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'image/webp')
  assert.equal((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width, 400)
})
