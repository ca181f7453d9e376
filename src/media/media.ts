/** The types renditions are encoded in: WebP for browsers that take it, JPEG for the rest, feeds and social cards. */
export type ImageType = 'image/webp' | 'image/jpeg'
export const IMAGE_TYPES: readonly ImageType[] = ['image/webp', 'image/jpeg']

/** One stored size of an image, as `media.renditions` records it: `path` is under `<dataDir>/media`. */
export interface Rendition {
  width: number
  type: ImageType
  path: string
}

/** One stored size of an image, as pages and the API give it. */
export interface ImageVariant {
  width: number
  type: ImageType
  url: string
}

/** A stored image as pages show it: its renditions, their sizes and its words. */
export interface Image {
  id: number
  /** The largest rendition of the fallback type (JPEG; WebP for images stored before JPEG renditions): `<img src>`, feeds, social cards. */
  src: string
  /** `srcset` of the fallback type (the type of `src`), every width. */
  srcset: string
  /** Of the largest rendition; the aspect ratio for `width`/`height` attributes. */
  width: number
  height: number
  alt: string
  caption: string
  credit: string
  /** Every rendition, ascending by width within each type. */
  variants: ImageVariant[]
}

/** The media columns a query joins onto its rows (`media.renditions as image_renditions` …). */
export interface MediaRow {
  image_id: number | null
  image_path: string | null
  image_width: number | null
  image_height: number | null
  image_widths: string | null
  /** Absent or `[]` for images stored before 010: their WebP widths are in `image_widths`. */
  image_renditions?: string | null
  image_alt: string | null
  image_caption: string | null
  image_credit: string | null
}

/** The columns of a media row that say where its files are. */
export interface MediaFiles {
  path: string
  widths: string
  renditions?: string | null
}

/** Public URL of a stored file; with `width`, the pre-010 naming of a resized WebP copy (photo.webp → photo-800w.webp). */
export function mediaUrl(path: string, width?: number): string {
  if (!width) return `/media/${path}`
  const dot = path.lastIndexOf('.')
  return `/media/${path.slice(0, dot)}-${width}w${path.slice(dot)}`
}

/** The renditions of a media row: `renditions` when recorded, else (rows from before 010) the WebP widths beside `path`. */
export function renditionsOf(files: MediaFiles): Rendition[] {
  const recorded = parseRenditions(files.renditions)
  if (recorded.length > 0) return recorded
  return files.widths
    .split(',')
    .filter(Boolean)
    .map(Number)
    .map((width) => ({ width, type: 'image/webp' as const, path: mediaUrl(files.path, width).slice('/media/'.length) }))
}

function parseRenditions(json: string | null | undefined): Rendition[] {
  if (!json || json === '[]') return []
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value
    .filter(
      (r): r is Rendition =>
        r && Number.isInteger(r.width) && r.width > 0 && (IMAGE_TYPES as readonly unknown[]).includes(r.type) && typeof r.path === 'string' && r.path.length > 0,
    )
    .map((r) => ({ width: r.width, type: r.type, path: r.path }))
    .sort((a, b) => a.width - b.width)
}

/** The type `<img>` falls back to: JPEG when there is one. */
export function fallbackType(variants: readonly { type: ImageType }[]): ImageType {
  return variants.some((v) => v.type === 'image/jpeg') ? 'image/jpeg' : 'image/webp'
}

/** `srcset` of one type of an image's renditions ('' when it has none of that type). */
export function srcsetOf(image: Pick<Image, 'variants'>, type: ImageType): string {
  return image.variants
    .filter((v) => v.type === type)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ')
}

export interface ImageFields extends MediaFiles {
  id: number
  width: number
  height: number
  alt: string
  caption: string
  credit: string
}

/** A media row's columns → the Image pages show. */
export function toImage(row: ImageFields): Image {
  const variants = renditionsOf(row).map((r) => ({ width: r.width, type: r.type, url: mediaUrl(r.path) }))
  const type = fallbackType(variants)
  const fallback = variants.filter((v) => v.type === type)
  return {
    id: row.id,
    src: fallback.at(-1)?.url ?? mediaUrl(row.path),
    srcset: srcsetOf({ variants }, type),
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    variants,
  }
}

export function imageFromRow(row: MediaRow): Image | null {
  if (row.image_id === null || row.image_path === null) return null
  return toImage({
    id: row.image_id,
    path: row.image_path,
    widths: row.image_widths ?? '',
    renditions: row.image_renditions,
    width: row.image_width ?? 0,
    height: row.image_height ?? 0,
    alt: row.image_alt ?? '',
    caption: row.image_caption ?? '',
    credit: row.image_credit ?? '',
  })
}
