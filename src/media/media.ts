/** A stored image as pages show it: the original's address, resized widths, and its words. */
export interface Image {
  id: number
  src: string
  srcset: string
  width: number
  height: number
  alt: string
  caption: string
  credit: string
}

export interface MediaRow {
  image_id: number | null
  image_path: string | null
  image_width: number | null
  image_height: number | null
  image_widths: string | null
  image_alt: string | null
  image_caption: string | null
  image_credit: string | null
}

/** Public URL of a stored image, optionally a resized width of it (see media.service.ts). */
export function mediaUrl(path: string, width?: number): string {
  if (!width) return `/media/${path}`
  const dot = path.lastIndexOf('.')
  return `/media/${path.slice(0, dot)}-${width}w${path.slice(dot)}`
}

export function imageFromRow(row: MediaRow): Image | null {
  if (row.image_id === null || row.image_path === null) return null
  const widths = (row.image_widths ?? '').split(',').filter(Boolean).map(Number)
  return {
    id: row.image_id,
    src: mediaUrl(row.image_path, widths.at(-1)),
    srcset: widths.map((w) => `${mediaUrl(row.image_path!, w)} ${w}w`).join(', '),
    width: row.image_width ?? 0,
    height: row.image_height ?? 0,
    alt: row.image_alt ?? '',
    caption: row.image_caption ?? '',
    credit: row.image_credit ?? '',
  }
}
