import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import sharp from 'sharp'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import type { Db } from '../db/index.js'
import { Invalid } from '../http/index.js'
import {
  findImages,
  findImagesMissingAlt,
  getImage,
  imageFiles,
  imageFromRow,
  listImages,
  MAX_IMAGE_BYTES,
  renditionWidths,
  storeImage,
  updateImageText,
} from './index.js'
import { filesUnder } from './testing.js'

const now = new Date('2026-03-05T08:00:00Z')

function solid(width: number, height: number, channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background: { r: 200, g: 60, b: 40, alpha: 0.5 } } })
}

async function countRows(db: Db): Promise<number> {
  const row = await db
    .selectFrom('media')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

test('a photo keeps its original privately and gets upright WebP and JPEG renditions without metadata', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  // Stored sideways (2000×1000) with EXIF orientation 6: readers must see it upright, 1000 wide.
  const jpeg = await solid(2000, 1000)
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret camera owner' } } })
    .toBuffer()
  const image = await storeImage(db, dataDir, { buffer: jpeg, alt: ' ملعب المدينة ', caption: 'تعليق', credit: 'قسم التصميم', uploadedBy: 7 }, now)

  assert.equal(image.alt, 'ملعب المدينة')
  assert.deepEqual([image.width, image.height], [1000, 2000])
  assert.deepEqual(
    image.renditions.map((r) => `${r.type} ${r.width}`),
    ['image/webp 400', 'image/jpeg 400', 'image/webp 800', 'image/jpeg 800', 'image/webp 1000', 'image/jpeg 1000'],
  )
  for (const r of image.renditions) {
    assert.match(r.path, new RegExp(`^2026/03/[0-9a-f]{16}-${r.width}w\\.${r.type === 'image/webp' ? 'webp' : 'jpg'}$`))
    const meta = await sharp(join(dataDir, 'media', r.path)).metadata()
    assert.equal(meta.format, r.type === 'image/webp' ? 'webp' : 'jpeg')
    assert.deepEqual([meta.width, meta.height], [r.width, r.width * 2])
    assert.equal(meta.exif, undefined)
    assert.equal(meta.orientation, undefined)
  }
  // The original as it came, EXIF and all, outside the served folder.
  assert.match(image.originalPath, /^2026\/03\/[0-9a-f]{16}\.jpg$/)
  assert.ok(readFileSync(join(dataDir, 'originals', image.originalPath)).equals(jpeg))
  assert.equal(image.bytes, jpeg.length)

  // Pages get the JPEG as src (feeds, social cards), both types as variants.
  assert.equal(image.path, image.renditions.at(-2)!.path)
  assert.equal(image.src, `/media/${image.renditions.at(-1)!.path}`)
  assert.match(image.srcset, /^\/media\/\S+-400w\.jpg 400w, \/media\/\S+-800w\.jpg 800w, \/media\/\S+-1000w\.jpg 1000w$/)
  assert.deepEqual(image.variants[0], { width: 400, type: 'image/webp', url: `/media/${image.renditions[0].path}` })

  const row = await db.selectFrom('media').selectAll().where('id', '=', image.id).executeTakeFirstOrThrow()
  assert.deepEqual(JSON.parse(row.renditions), image.renditions)
  assert.deepEqual([row.original_path, row.bytes, row.uploaded_by, row.widths, row.mime], [image.originalPath, jpeg.length, 7, '', 'image/webp'])
  assert.equal((await getImage(db, image.id)).credit, 'قسم التصميم')
  assert.equal(imageFiles(image).length, 7)
})

test('a 2400×1600 photo gets four widths of each type; a small one is never upscaled, and transparency turns white in JPEG', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const large = await storeImage(db, dataDir, { buffer: await solid(2400, 1600).jpeg().toBuffer(), alt: 'صورة كبيرة' }, now)
  assert.deepEqual([...new Set(large.renditions.map((r) => r.width))], [400, 800, 1200, 1600])
  assert.deepEqual([large.width, large.height], [1600, 1067])
  for (const file of imageFiles(large)) assert.ok(existsSync(join(dataDir, file)), file)

  const small = await storeImage(db, dataDir, { buffer: await solid(300, 200, 4).png().toBuffer(), alt: 'شعار صغير' }, now)
  assert.deepEqual(
    small.renditions.map((r) => `${r.type} ${r.width}`),
    ['image/webp 300', 'image/jpeg 300'],
  )
  assert.match(small.originalPath, /\.png$/)
  const jpeg = small.renditions.find((r) => r.type === 'image/jpeg')!
  const pixel = await sharp(join(dataDir, 'media', jpeg.path)).raw().toBuffer({ resolveWithObject: true })
  assert.equal(pixel.info.channels, 3)
  // 50 % red over white.
  assert.ok(Math.abs(pixel.data[1] - 157) < 6, `green ${pixel.data[1]}`)
  assert.deepEqual(renditionWidths(3000), [400, 800, 1200, 1600])
  assert.deepEqual(renditionWidths(1000), [400, 800, 1000])
  assert.deepEqual(renditionWidths(1200), [400, 800, 1200])
})

test('anything but a raster image is refused from its bytes, whatever its name: media_not_image, no file, no row', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const renamedText = Buffer.from('هذا ملف نصي سُمّي photo.jpg وليس صورة.\n'.repeat(20))
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
  const truncated = (await solid(600, 400).jpeg().toBuffer()).subarray(0, 300)
  const jpegMagicThenText = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg at all')])
  for (const buffer of [renamedText, Buffer.from('%PDF-1.4 not an image'), Buffer.alloc(0), svg, truncated, jpegMagicThenText]) {
    await assert.rejects(storeImage(db, dataDir, { buffer, alt: 'وصف' }, now), (err: unknown) => {
      assert.ok(err instanceof Invalid)
      assert.deepEqual([err.code, err.field], ['media_not_image', 'file'])
      return true
    })
  }
  assert.equal(await countRows(db), 0)
  assert.deepEqual(filesUnder(dataDir), [])
})

test('too large (bytes or pixels) is media_too_large; no alt is field_required on alt: nothing stored', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const png = await solid(40, 30).png().toBuffer()
  const oversized = Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES + 1 - png.length)])
  // A 267-byte JPEG whose frame header claims 10,000 × 5,001: more than 50 million pixels to decode.
  const bomb = await solid(8, 8).jpeg().toBuffer()
  const frame = bomb.findIndex((byte, i) => byte === 0xff && (bomb[i + 1] === 0xc0 || bomb[i + 1] === 0xc2))
  bomb.writeUInt16BE(5_001, frame + 5)
  bomb.writeUInt16BE(10_000, frame + 7)
  for (const buffer of [oversized, bomb]) {
    await assert.rejects(storeImage(db, dataDir, { buffer, alt: 'وصف' }, now), (err: unknown) => err instanceof Invalid && err.code === 'media_too_large' && err.field === 'file')
  }
  for (const alt of [undefined, '', '   \n ']) {
    await assert.rejects(storeImage(db, dataDir, { buffer: png, alt }, now), (err: unknown) => err instanceof Invalid && err.code === 'field_required' && err.field === 'alt')
  }
  await assert.rejects(storeImage(db, dataDir, { buffer: png, alt: 'و'.repeat(501) }, now), (err: unknown) => err instanceof Invalid && err.code === 'field_too_long' && err.field === 'alt')
  assert.equal(await countRows(db), 0)
  assert.deepEqual(filesUnder(dataDir), [])
})

test('rows from before renditions (WebP widths only) still make images', async (t) => {
  const db = await createTestDb(t)
  const { id } = await db
    .insertInto('media')
    .values({ path: '2025/01/old.webp', mime: 'image/webp', width: 1200, height: 675, widths: '400,800,1200', alt: 'قديمة', created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const image = await getImage(db, id)
  assert.equal(image.src, '/media/2025/01/old-1200w.webp')
  assert.equal(image.srcset, '/media/2025/01/old-400w.webp 400w, /media/2025/01/old-800w.webp 800w, /media/2025/01/old-1200w.webp 1200w')
  assert.deepEqual(
    image.variants.map((v) => v.type),
    ['image/webp', 'image/webp', 'image/webp'],
  )
  assert.deepEqual(imageFiles(image).sort(), ['media/2025/01/old-1200w.webp', 'media/2025/01/old-400w.webp', 'media/2025/01/old-800w.webp', 'media/2025/01/old.webp'])
  const joined = imageFromRow({
    image_id: id,
    image_path: '2025/01/old.webp',
    image_width: 1200,
    image_height: 675,
    image_widths: '400,800,1200',
    image_alt: 'قديمة',
    image_caption: '',
    image_credit: '',
  })
  assert.deepEqual(joined, (await findImages(db, [id])).get(id))
  assert.equal(joined!.src, image.src)
})

test('the library: newest first, searched in alt, caption and credit across case and Arabic spellings; edited; missing alt found', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const png = await solid(40, 30).png().toBuffer()
  const first = await storeImage(db, dataDir, { buffer: png, alt: 'إطلاق القمر الصناعي', credit: 'NASA' }, new Date('2026-03-01T10:00:00Z'))
  const second = await storeImage(db, dataDir, { buffer: png, alt: 'سوق الخضار', caption: 'المكتبة العامة في المدينة' }, new Date('2026-03-02T10:00:00Z'))
  const third = await storeImage(db, dataDir, { buffer: png, alt: 'مَدرسةٌ في القرية', caption: '100% نجاح_تام' }, new Date('2026-03-03T10:00:00Z'))

  const ids = async (q: string, page = 1, perPage = 10) => (await listImages(db, { q, page, perPage })).images.map((i) => i.id)
  assert.deepEqual(await ids(''), [third.id, second.id, first.id])
  assert.deepEqual(await ids('  nasa '), [first.id])
  assert.deepEqual(await ids('اطلاق'), [first.id])
  assert.deepEqual(await ids('المكتبه'), [second.id])
  assert.deepEqual(await ids('مدرسة القرية'), [third.id])
  assert.deepEqual(await ids('مدرسة المدينة'), [])
  assert.deepEqual(await ids('100%'), [third.id])
  assert.deepEqual(await ids('_'), [third.id])
  assert.deepEqual(await ids('', 2, 2), [first.id])
  assert.equal((await listImages(db, { q: 'ال', page: 1, perPage: 1 })).total, 3)

  const edited = await updateImageText(db, second.id, { alt: '  سوق الخضار صباحاً ', caption: '', credit: 'قسم التصوير' })
  assert.deepEqual([edited.alt, edited.caption, edited.credit], ['سوق الخضار صباحاً', '', 'قسم التصوير'])
  await assert.rejects(updateImageText(db, second.id, { alt: ' ' }), (err: unknown) => err instanceof Invalid && err.field === 'alt')
  await assert.rejects(updateImageText(db, 999, { alt: 'x' }), /media_not_found/)

  await db.updateTable('media').set({ alt: '' }).where('id', '=', first.id).execute()
  assert.deepEqual(await findImagesMissingAlt(db, [first.id, second.id, third.id, 999]), [first.id])
  assert.deepEqual(await findImagesMissingAlt(db, []), [])
})

test('renditions are served under /media/ over real HTTP, immutable; originals are not', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const image = await storeImage(db, dataDir, { buffer: await solid(900, 600).jpeg().toBuffer(), alt: 'وصف' }, now)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  for (const v of image.variants.filter((v) => v.width === 400)) {
    const res = await fetch(address + v.url)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), v.type)
    // Written once under a random name: the URL always means these bytes (Lighthouse's uses-long-cache-ttl).
    assert.match(String(res.headers.get('cache-control')), /max-age=31536000.*immutable/)
    assert.equal((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width, 400)
  }
  for (const url of [`/media/${image.originalPath}`, `/media/../originals/${image.originalPath}`, `/originals/${image.originalPath}`]) {
    assert.equal((await fetch(address + url)).status, 404, url)
  }
})
