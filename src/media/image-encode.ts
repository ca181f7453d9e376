import sharp from 'sharp'
import { Invalid } from '../http/index.js'
import type { ImageType } from './media.js'

/** Widths of the renditions; an original narrower than the largest also gets one at its own width (never upscaled). */
export const RENDITION_WIDTHS = [400, 800, 1200, 1600] as const
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024
// A decompression bomb is small on disk and huge in memory: refuse more pixels than a 50 MP photo.
const MAX_INPUT_PIXELS = 50_000_000
// effort 2 of 6: files a few per cent larger, encoding about twice as fast as the default.
const WEBP = { quality: 80, effort: 2 } as const
// mozjpeg would save 10–15 % of the JPEG bytes at twice the encoding time; JPEG is the fallback, not the common case.
const JPEG = { quality: 80, progressive: true } as const
const SHARP_OPTIONS = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' } as const

/** A format we take, told by its first bytes; `sharp` is the name sharp's metadata gives it. */
interface Format {
  sharp: string
  mime: string
  ext: string
}

const JPEG_FORMAT: Format = { sharp: 'jpeg', mime: 'image/jpeg', ext: 'jpg' }
const PNG_FORMAT: Format = { sharp: 'png', mime: 'image/png', ext: 'png' }
const GIF_FORMAT: Format = { sharp: 'gif', mime: 'image/gif', ext: 'gif' }
const WEBP_FORMAT: Format = { sharp: 'webp', mime: 'image/webp', ext: 'webp' }
const TIFF_FORMAT: Format = { sharp: 'tiff', mime: 'image/tiff', ext: 'tif' }
const AVIF_FORMAT: Format = { sharp: 'heif', mime: 'image/avif', ext: 'avif' }
const HEIC_FORMAT: Format = { sharp: 'heif', mime: 'image/heic', ext: 'heic' }

const ascii = (buffer: Buffer, start: number, end: number) => buffer.subarray(start, end).toString('latin1')

/**
 * What the first bytes say a file is, or undefined for anything but the raster formats we take.
 * Never the file's name or the type the client claims; and only these formats reach libvips' decoders.
 */
export function sniffImage(buffer: Buffer): Format | undefined {
  if (buffer.length < 12) return undefined
  if (buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return JPEG_FORMAT
  if (buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return PNG_FORMAT
  if (ascii(buffer, 0, 6) === 'GIF87a' || ascii(buffer, 0, 6) === 'GIF89a') return GIF_FORMAT
  if (ascii(buffer, 0, 4) === 'RIFF' && ascii(buffer, 8, 12) === 'WEBP') return WEBP_FORMAT
  if (ascii(buffer, 0, 4) === 'II*\0' || ascii(buffer, 0, 4) === 'MM\0*') return TIFF_FORMAT
  if (ascii(buffer, 4, 8) === 'ftyp') {
    const brand = ascii(buffer, 8, 12)
    if (brand === 'avif' || brand === 'avis') return AVIF_FORMAT
    if (['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return HEIC_FORMAT
  }
  return undefined
}

/** An upload that passed the checks on its bytes, before anything is encoded. */
export interface CheckedImage {
  buffer: Buffer
  format: Format
  /** Upright, after the EXIF orientation. */
  width: number
  height: number
}

const notImage = () => new Invalid('media_not_image', 'file')

/** Checks an upload is an image we take (its bytes, then libvips' reading of its header) and not too large. */
export async function checkImage(buffer: Buffer): Promise<CheckedImage> {
  if (buffer.length > MAX_IMAGE_BYTES) throw new Invalid('media_too_large', 'file')
  const format = sniffImage(buffer)
  if (!format) throw notImage()
  // Headers only: the pixel limit is checked below, to tell «too large» from «not an image».
  const meta = await sharp(buffer, { ...SHARP_OPTIONS, limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw notImage()
    })
  if (meta.format !== format.sharp || !meta.width || !meta.height) throw notImage()
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Invalid('media_too_large', 'file')
  // EXIF orientations 5–8 turn the picture a quarter: its upright width is the stored height.
  const quarter = (meta.orientation ?? 1) >= 5
  return { buffer, format, width: quarter ? meta.height : meta.width, height: quarter ? meta.width : meta.height }
}

/** The standard widths up to the original's, plus the original's own when it is narrower than the largest. */
export function renditionWidths(originalWidth: number): number[] {
  const widths: number[] = RENDITION_WIDTHS.filter((w) => w <= originalWidth)
  const largest = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]
  if (originalWidth < largest && !widths.includes(originalWidth)) widths.push(originalWidth)
  return widths
}

export interface EncodedRendition {
  width: number
  height: number
  type: ImageType
  ext: 'webp' | 'jpg'
  data: Buffer
}

/**
 * WebP and JPEG at every rendition width, upright, in sRGB, without metadata (no camera, owner or
 * place). The original is decoded once, to the largest width; every rendition is encoded from that.
 */
export async function encodeRenditions(image: CheckedImage): Promise<EncodedRendition[]> {
  const widths = renditionWidths(image.width)
  try {
    // rotate() with no angle applies the EXIF orientation; JPEG and WebP shrink while decoding.
    const base = await sharp(image.buffer, SHARP_OPTIONS)
      .rotate()
      .resize({ width: widths[widths.length - 1], withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true })
    const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } }
    const at = (width: number) => (width === base.info.width ? sharp(base.data, raw) : sharp(base.data, raw).resize({ width }))
    const encode = async (width: number, type: ImageType): Promise<EncodedRendition> => {
      const pipeline = type === 'image/webp' ? at(width).webp(WEBP) : at(width).flatten({ background: '#ffffff' }).jpeg(JPEG)
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true })
      return { width: info.width, height: info.height, type, ext: type === 'image/webp' ? 'webp' : 'jpg', data }
    }
    return await Promise.all(widths.flatMap((w) => [encode(w, 'image/webp'), encode(w, 'image/jpeg')]))
  } catch {
    // A file whose header reads well may still be cut short or corrupt further on.
    throw notImage()
  }
}
