import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { woffToTrueType } from './share-card-fonts.js'

const require = createRequire(import.meta.url)

/** The OpenType table checksum: big-endian 32-bit words summed (the head table with its adjustment taken as 0). */
function checksum(data: Buffer, isHead: boolean): number {
  const padded = Buffer.alloc((data.length + 3) & ~3)
  data.copy(padded)
  if (isHead) padded.writeUInt32BE(0, 8)
  let sum = 0
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0
  return sum
}

test('a WOFF font becomes TrueType whose every table matches the checksum the font recorded', () => {
  const woff = readFileSync(require.resolve('@fontsource/noto-kufi-arabic/files/noto-kufi-arabic-arabic-700-normal.woff'))
  const font = woffToTrueType(woff)
  assert.equal(font.readUInt32BE(0), 0x00010000)
  const count = font.readUInt16BE(4)
  const tags: string[] = []
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16
    const tag = font.toString('latin1', entry, entry + 4)
    const [recorded, offset, length] = [4, 8, 12].map((at) => font.readUInt32BE(entry + at))
    assert.equal(offset % 4, 0, tag)
    assert.equal(checksum(font.subarray(offset, offset + length), tag === 'head'), recorded, tag)
    tags.push(tag)
  }
  for (const tag of ['cmap', 'glyf', 'GSUB', 'GPOS', 'head', 'name']) assert.ok(tags.includes(tag), tag)
  assert.throws(() => woffToTrueType(Buffer.from('wOF2 is not WOFF 1.0 at all, nor long enough for a header')), /not a WOFF 1.0 file/)
})
