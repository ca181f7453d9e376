// The site's icons, drawn from public/icon.svg by sharp the first time they are asked for: the
// favicon (an .ico holding PNG images, which every browser reads) and the PNG sizes the web app
// manifest names. No binary in the repository, no outside asset.
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { PUBLIC_DIR } from '../views/index.js'

export const FAVICON_SIZES = [16, 32, 48] as const
export const APP_ICON_SIZES = [192, 512] as const

let svg: Promise<Buffer> | undefined
const pngs = new Map<number, Promise<Buffer>>()

/** The icon as a square PNG of `size` pixels. */
export function iconPng(size: number): Promise<Buffer> {
  let png = pngs.get(size)
  if (!png) {
    svg ??= readFile(PUBLIC_DIR + 'icon.svg')
    png = svg.then((source) => sharp(source, { density: Math.max(72, Math.ceil((72 * size) / 64)) }).resize(size, size).png().toBuffer())
    pngs.set(size, png)
  }
  return png
}

let ico: Promise<Buffer> | undefined

/** /favicon.ico: an ICONDIR header, one 16-byte entry per size, then each PNG as it is. */
export function faviconIco(): Promise<Buffer> {
  ico ??= Promise.all(FAVICON_SIZES.map(iconPng)).then(packIco)
  return ico
}

function packIco(images: Buffer[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach((png, i) => {
    const size = png.readUInt32BE(16) // the PNG's IHDR width
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2) // no palette
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images])
}

/** The web app manifest: the site's Arabic name, right to left, its colours and icons. */
export function webManifest(settings: { name: string; tagline: string }) {
  return {
    name: settings.name,
    short_name: settings.name,
    description: settings.tagline,
    lang: 'ar',
    dir: 'rtl',
    start_url: '/',
    scope: '/',
    display: 'browser',
    background_color: '#fbfaf7',
    theme_color: '#9b1c1c',
    icons: [
      { src: '/assets/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ...APP_ICON_SIZES.map((size) => ({ src: `/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png' })),
    ],
  }
}
