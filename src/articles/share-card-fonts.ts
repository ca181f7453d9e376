import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'
import sharp from 'sharp'

// The cards' display face, Noto Kufi Arabic bold, from @fontsource (the newsroom's face; the reader
// pages keep to one Naskh file for their first screen, decision 031). @fontsource splits it into an
// Arabic and a Latin file of one family; with both given to fontconfig, Pango takes Latin letters
// and digits from the second.
export const CARD_FONT_FAMILY = 'Noto Kufi Arabic'
const SUBSETS = ['arabic', 'latin']
const require = createRequire(import.meta.url)
/** Beside the build (dist/share-card-fonts/), made from node_modules: one copy per install, not per data dir. */
const FONT_DIR = fileURLToPath(new URL('../../share-card-fonts/', import.meta.url))

/**
 * WOFF 1.0 → TrueType: sharp's FreeType reads neither WOFF nor WOFF2, and @fontsource ships only
 * those. WOFF is the font's tables, each zlib-compressed or stored (w3.org/TR/WOFF/); 30 lines of
 * node:zlib rather than a font library for one conversion.
 */
export function woffToTrueType(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file')
  const flavor = woff.readUInt32BE(4)
  const count = woff.readUInt16BE(12)
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20
    const [tag, offset, compressed, length, checksum] = [0, 4, 8, 12, 16].map((at) => woff.readUInt32BE(entry + at))
    const stored = woff.subarray(offset, offset + compressed)
    const data = compressed < length ? inflateSync(stored) : stored
    if (data.length !== length) throw new Error('WOFF table of the wrong length')
    return { tag, checksum, data }
  })
  const header = Buffer.alloc(12 + 16 * count)
  const power = 2 ** Math.floor(Math.log2(count))
  header.writeUInt32BE(flavor, 0)
  header.writeUInt16BE(count, 4)
  header.writeUInt16BE(power * 16, 6)
  header.writeUInt16BE(Math.log2(power), 8)
  header.writeUInt16BE(count * 16 - power * 16, 10)
  const parts = [header]
  let offset = header.length
  tables.forEach(({ tag, checksum, data }, i) => {
    header.writeUInt32BE(tag, 12 + i * 16)
    header.writeUInt32BE(checksum, 16 + i * 16)
    header.writeUInt32BE(offset, 20 + i * 16)
    header.writeUInt32BE(data.length, 24 + i * 16)
    const padded = Buffer.alloc((data.length + 3) & ~3) // tables start on 4-byte boundaries
    data.copy(padded)
    parts.push(padded)
    offset += padded.length
  })
  return Buffer.concat(parts)
}

let ready: Promise<void> | undefined

/**
 * Writes the bold face's TrueType files (once per install) and hands them to libvips, which keeps
 * every `fontfile` it is given for the life of the process: one tiny render per file registers it,
 * and later renders name only the family.
 */
export function loadCardFonts(): Promise<void> {
  ready ??= (async () => {
    mkdirSync(FONT_DIR, { recursive: true })
    for (const subset of SUBSETS) {
      const file = join(FONT_DIR, `noto-kufi-arabic-${subset}-700.ttf`)
      if (!existsSync(file)) {
        const woff = readFileSync(require.resolve(`@fontsource/noto-kufi-arabic/files/noto-kufi-arabic-${subset}-700-normal.woff`))
        writeFileSync(`${file}.${process.pid}.tmp`, woffToTrueType(woff))
        renameSync(`${file}.${process.pid}.tmp`, file)
      }
      await sharp({ text: { text: 'ا', font: `${CARD_FONT_FAMILY} Bold 8`, fontfile: file } }).raw().toBuffer()
    }
  })().catch((err: unknown) => {
    ready = undefined
    throw err
  })
  return ready
}
