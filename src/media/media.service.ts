import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import type { Db } from '../db/index.js'
import { Invalid, NotFound } from '../http/index.js'
import * as queries from './media.queries.js'

/** Widths served in srcset; a smaller original also gets a copy at its own width. */
export const RESIZED_WIDTHS = [400, 800, 1200] as const
/** The kept master is capped here: enough for any screen, small enough to serve. */
export const MASTER_MAX_WIDTH = 2400
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024
// A decompression bomb is small on disk and huge in memory: refuse more pixels than a 50 MP photo.
const MAX_INPUT_PIXELS = 50_000_000
const RASTER_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff'])
// effort 2 of 6: files a few per cent larger, encoding about twice as fast as the default.
const WEBP = { quality: 80, effort: 2 } as const

export interface ImageUpload {
  buffer: Buffer
  alt?: string
  caption?: string
  credit?: string
}

export interface StoredImage {
  id: number
  /** Relative to `<dataDir>/media`, e.g. `2026/03/9f1c2b7a4d0e6f13.webp`. */
  path: string
  mime: string
  width: number
  height: number
  /** Resized copies, ascending; each is `mediaUrl(path, width)`. */
  widths: number[]
  alt: string
  caption: string
  credit: string
}

/** Checks an upload is a raster image, strips its metadata, orients it, saves a master and resized copies, records it. */
export async function storeImage(db: Db, dataDir: string, upload: ImageUpload, now: Date): Promise<StoredImage> {
  if (upload.buffer.length === 0) throw new Invalid('media_not_image', 'file')
  if (upload.buffer.length > MAX_IMAGE_BYTES) throw new Invalid('media_too_large', 'file')
  const input = sharp(upload.buffer, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
  const meta = await input.metadata().catch(() => {
    throw new Invalid('media_not_image', 'file')
  })
  if (!meta.format || !RASTER_FORMATS.has(meta.format) || !meta.width || !meta.height) throw new Invalid('media_not_image', 'file')
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Invalid('media_too_large', 'file')

  // EXIF orientations 5–8 turn the picture a quarter: its upright width is the stored height.
  const uprightWidth = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width
  const masterWidth = Math.min(uprightWidth, MASTER_MAX_WIDTH)
  const widths = resizedWidths(masterWidth)
  // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked to.
  // Every size is encoded from the decoded original at once, on libvips' threads.
  const oriented = input.rotate()
  const encode = (w: number) => oriented.clone().resize({ width: w, withoutEnlargement: true }).webp(WEBP).toBuffer({ resolveWithObject: true })
  const [master, ...resized] = await Promise.all([encode(masterWidth), ...widths.filter((w) => w !== masterWidth).map(encode)]).catch(() => {
    throw new Invalid('media_not_image', 'file')
  })
  const { width, height } = master.info
  const copies = widths.map((w) => (w === masterWidth ? master.data : resized.shift()!.data))

  const path = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(8).toString('hex')}.webp`
  const files = [path, ...widths.map((w) => variantPath(path, w))]
  const root = join(dataDir, 'media')
  try {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), master.data)
    await Promise.all(widths.map((w, i) => writeFile(join(root, variantPath(path, w)), copies[i])))
    const record = {
      path,
      mime: 'image/webp',
      width,
      height,
      widths: widths.join(','),
      alt: (upload.alt ?? '').trim(),
      caption: (upload.caption ?? '').trim(),
      credit: (upload.credit ?? '').trim(),
    }
    const { id } = await queries.insertMedia(db, { ...record, created_at: now.toISOString() })
    return { ...record, id, widths }
  } catch (err) {
    await Promise.all(files.map((f) => rm(join(root, f), { force: true })))
    throw err
  }
}

/** Every file a stored image wrote, relative to `<dataDir>/media` (for clean-up after a failed transaction). */
export function imageFiles(image: Pick<StoredImage, 'path' | 'widths'>): string[] {
  return [image.path, ...image.widths.map((w) => variantPath(image.path, w))]
}

/** Deletes an image's files; the row goes with its transaction. */
export async function removeImageFiles(dataDir: string, image: Pick<StoredImage, 'path' | 'widths'>): Promise<void> {
  await Promise.all(imageFiles(image).map((f) => rm(join(dataDir, 'media', f), { force: true })))
}

export async function getImage(db: Db, id: number): Promise<StoredImage> {
  const row = await queries.findMediaById(db, id)
  if (!row) throw new NotFound('media_not_found')
  return {
    id: row.id,
    path: row.path,
    mime: row.mime,
    width: row.width,
    height: row.height,
    widths: row.widths.split(',').filter(Boolean).map(Number),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
  }
}

/** Standard widths below the master's, plus the master's own width when it is under the largest. */
export function resizedWidths(masterWidth: number): number[] {
  const widths: number[] = RESIZED_WIDTHS.filter((w) => w <= masterWidth)
  const largest = RESIZED_WIDTHS[RESIZED_WIDTHS.length - 1]
  if (masterWidth < largest && !widths.includes(masterWidth)) widths.push(masterWidth)
  return widths
}

// Same naming as mediaUrl() in media.ts: photo.webp → photo-800w.webp.
function variantPath(path: string, width: number): string {
  const dot = path.lastIndexOf('.')
  return `${path.slice(0, dot)}-${width}w${path.slice(dot)}`
}
