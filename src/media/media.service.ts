import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Db } from '../db/index.js'
import { Invalid, NotFound } from '../http/index.js'
import { checkImage, encodeRenditions } from './image-encode.js'
import { renditionsOf, toImage, type Image, type Rendition } from './media.js'
import * as queries from './media.queries.js'

/** Public renditions live under `<dataDir>/media` (served at /media/); originals under `<dataDir>/originals`, never served. */
export const MEDIA_DIR = 'media'
export const ORIGINALS_DIR = 'originals'

export const ALT_MAX_LENGTH = 500
export const CAPTION_MAX_LENGTH = 1000
export const CREDIT_MAX_LENGTH = 200

export interface ImageText {
  alt?: unknown
  caption?: unknown
  credit?: unknown
}

export interface ImageUpload extends ImageText {
  buffer: Buffer
  /** The account that uploaded it; none for demo content. */
  uploadedBy?: number | null
}

/** An image as the newsroom sees it: what pages show, where its files are, who uploaded it. */
export interface StoredImage extends Image {
  /** The largest WebP rendition, under `<dataDir>/media` (before 010: the WebP master beside its resized copies). */
  path: string
  /** The upload as it came, under `<dataDir>/originals`; '' for images stored before 010. */
  originalPath: string
  renditions: Rendition[]
  /** Bytes of the original upload (0 before 010). */
  bytes: number
  uploadedBy: number | null
  uploaderName: string | null
  createdAt: Date
}

/**
 * Checks an upload from its bytes (type, size), then its words (alt required), then saves the
 * original, WebP and JPEG renditions and the row. Refused: nothing stored, no file, no row.
 */
export async function storeImage(db: Db, dataDir: string, upload: ImageUpload, now: Date): Promise<StoredImage> {
  const checked = await checkImage(upload.buffer)
  const text = imageText(upload)
  const encoded = await encodeRenditions(checked)

  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  const name = randomBytes(8).toString('hex')
  const renditions: Rendition[] = encoded.map((r) => ({ width: r.width, type: r.type, path: `${month}/${name}-${r.width}w.${r.ext}` }))
  const originalPath = `${month}/${name}.${checked.format.ext}`
  const largest = encoded.filter((r) => r.type === 'image/webp').at(-1)!
  const path = renditions[encoded.indexOf(largest)].path
  const files: [string, Buffer][] = [
    [join(dataDir, ORIGINALS_DIR, originalPath), checked.buffer],
    ...encoded.map((r, i): [string, Buffer] => [join(dataDir, MEDIA_DIR, renditions[i].path), r.data]),
  ]
  try {
    await Promise.all([...new Set(files.map(([file]) => dirname(file)))].map((dir) => mkdir(dir, { recursive: true })))
    // 'wx': a name already taken is an error, never an overwrite.
    await Promise.all(files.map(([file, data]) => writeFile(file, data, { flag: 'wx' })))
    const { id } = await queries.insertMedia(db, {
      path,
      mime: 'image/webp',
      width: largest.width,
      height: largest.height,
      widths: '',
      renditions: JSON.stringify(renditions),
      original_path: originalPath,
      bytes: checked.buffer.length,
      uploaded_by: upload.uploadedBy ?? null,
      ...text,
      created_at: now.toISOString(),
    })
    return getImage(db, id)
  } catch (err) {
    await Promise.all(files.map(([file]) => rm(file, { force: true })))
    throw err
  }
}

/** Alt (required), caption and credit: one line each, trimmed, within their lengths. */
export function imageText(input: ImageText): { alt: string; caption: string; credit: string } {
  const alt = oneLine(input.alt, 'alt', ALT_MAX_LENGTH)
  if (!alt) throw new Invalid('field_required', 'alt')
  return { alt, caption: oneLine(input.caption, 'caption', CAPTION_MAX_LENGTH), credit: oneLine(input.credit, 'credit', CREDIT_MAX_LENGTH) }
}

function oneLine(value: unknown, field: string, max: number): string {
  if (value !== undefined && value !== null && typeof value !== 'string') throw new Invalid('invalid_parameter', field)
  // Control characters and line breaks become spaces; the bidi marks Arabic text needs stay.
  const text = (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim().normalize('NFC')
  if ([...text].length > max) throw new Invalid('field_too_long', field)
  return text
}

/** Every file an image wrote, relative to the data dir (renditions, the original, and a pre-010 master). */
export function imageFiles(image: Pick<StoredImage, 'path' | 'renditions' | 'originalPath'>): string[] {
  const files = new Set([image.path, ...image.renditions.map((r) => r.path)].map((f) => join(MEDIA_DIR, f)))
  if (image.originalPath) files.add(join(ORIGINALS_DIR, image.originalPath))
  return [...files]
}

/** Deletes an image's files; the row goes with its transaction. */
export async function removeImageFiles(dataDir: string, image: Pick<StoredImage, 'path' | 'renditions' | 'originalPath'>): Promise<void> {
  await Promise.all(imageFiles(image).map((f) => rm(join(dataDir, f), { force: true })))
}

function toStoredImage(row: queries.MediaRecordRow): StoredImage {
  return {
    ...toImage(row),
    path: row.path,
    originalPath: row.original_path,
    renditions: renditionsOf(row),
    bytes: row.bytes,
    uploadedBy: row.uploaded_by,
    uploaderName: row.uploader_name,
    createdAt: new Date(row.created_at),
  }
}

export async function getImage(db: Db, id: number): Promise<StoredImage> {
  const row = await queries.findMediaById(db, id)
  if (!row) throw new NotFound('media_not_found')
  return toStoredImage(row)
}

/** Images by id, for pages that show several (ids not found are left out). */
export async function findImages(db: Db, ids: number[]): Promise<Map<number, Image>> {
  const rows = await queries.findMediaByIds(db, [...new Set(ids)])
  return new Map(rows.map((row) => [row.id, toImage(row)]))
}

/** The library, newest first; `q` matches alt, caption and credit (every word, case and Arabic spelling variants folded). */
export async function listImages(db: Db, input: { q?: string; page: number; perPage: number }): Promise<{ images: StoredImage[]; total: number }> {
  const words = queries.foldForSearch(input.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)
  const [rows, total] = await Promise.all([queries.listMedia(db, words, input.perPage, (input.page - 1) * input.perPage), queries.countMedia(db, words)])
  return { images: rows.map(toStoredImage), total }
}

/** Edits an image's alt (required), caption and credit. */
export async function updateImageText(db: Db, id: number, input: ImageText): Promise<StoredImage> {
  const text = imageText(input)
  const { numUpdatedRows } = await queries.updateMediaText(db, id, text)
  if (numUpdatedRows === 0n) throw new NotFound('media_not_found')
  return getImage(db, id)
}

/** Of `ids`, the media rows whose alt text is empty: they may not go on a published article. */
export async function findImagesMissingAlt(db: Db, ids: number[]): Promise<number[]> {
  const rows = await queries.findIdsMissingAlt(db, [...new Set(ids)])
  return rows.map((r) => r.id)
}
