// The import tests' kit. A minimal zip writer: real archives, including the malformed ones (a bomb,
// headers that lie) that a zip library refuses to write; and a stand-in for a WordPress site's uploads.
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { constants, crc32, createDeflateRaw } from 'node:zlib'
import sharp from 'sharp'
import { testJpeg } from '../media/testing.js'

export interface ZipEntry {
  name: string
  /** Raw deflate data. */
  compressed: Buffer
  crc32: number
  /** What the entry really inflates to. */
  size: number
  /** What the headers claim it inflates to (a bomb can claim less). */
  declaredSize: number
}

/** Deflates `chunks` as they come, so a large entry never sits in memory uncompressed. */
export async function deflatedEntry(name: string, chunks: Iterable<Buffer | string>): Promise<ZipEntry> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_SPEED })
  const out: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => out.push(chunk))
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject))
  let crc = 0
  let size = 0
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    crc = crc32(bytes, crc)
    size += bytes.length
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await ended
  return { name, compressed: Buffer.concat(out), crc32: crc, size, declaredSize: size }
}

/** `[` + `size` bytes of spaces + `]`: valid JSON (an empty array) that compresses about 1000 to 1. */
export function* spacesArray(size: number): Generator<Buffer | string> {
  const block = Buffer.alloc(1 << 20, 0x20)
  yield '['
  for (let left = size; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left)
  yield ']'
}

/** Writes the entries as a zip archive (deflated, no zip64). */
export function writeZip(path: string, entries: ZipEntry[]): void {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const local = header(0x04034b50, entry, name)
    central.push(Buffer.concat([centralHeader(entry, name, offset), name]))
    parts.push(local, name, entry.compressed)
    offset += local.length + name.length + entry.compressed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  writeFileSync(path, Buffer.concat([...parts, directory, end]))
}

/** The fields a local file header shares with a central directory header, after its signature. */
function header(signature: number, entry: ZipEntry, name: Buffer): Buffer {
  const b = Buffer.alloc(30)
  b.writeUInt32LE(signature, 0)
  b.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
  b.writeUInt16LE(0x0800, 6) // UTF-8 names
  b.writeUInt16LE(8, 8) // deflate
  b.writeUInt16LE(0x21, 12) // 1980-01-01
  b.writeUInt32LE(entry.crc32 >>> 0, 14)
  b.writeUInt32LE(entry.compressed.length, 18)
  b.writeUInt32LE(entry.declaredSize, 22)
  b.writeUInt16LE(name.length, 26)
  return b
}

function centralHeader(entry: ZipEntry, name: Buffer, localOffset: number): Buffer {
  const b = Buffer.alloc(46)
  b.writeUInt32LE(0x02014b50, 0)
  b.writeUInt16LE(20, 4) // made by 2.0
  header(0, entry, name).copy(b, 6, 4, 30) // version needed … name length
  b.writeUInt32LE(localOffset, 42)
  return b
}

// ---- WordPress exports (wxr.*.test.ts) ----

/** The fixture's image host and the host that no longer answers; tests point them at a local server. */
export const WXR_UPLOADS_HOST = 'http://cdn.old-news.example'
export const WXR_GONE_HOST = 'http://img.gone.example'
export const WXR_FIXTURE = fileURLToPath(new URL('../../../src/import/fixtures/wordpress-export.xml', import.meta.url))

/**
 * An HTTP server on 127.0.0.1 standing in for the old site's uploads: every image the fixture's
 * attachments name (made on the spot), a PDF, and under /silent/ a host that accepts and never answers.
 */
export async function serveUploads(t: TestContext): Promise<{ base: string; requests: string[] }> {
  const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 240, g: 180, b: 40 } } }).png().toBuffer()
  const jpeg = await testJpeg(1200, 800)
  const requests: string[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '')
    requests.push(path)
    if (path.startsWith('/silent/')) return void hanging.add(res)
    if (path.endsWith('.png')) return void res.writeHead(200, { 'content-type': 'image/png' }).end(png)
    if (path.endsWith('.jpg')) return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg)
    if (path.endsWith('.pdf')) return void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 not really')
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => {
    for (const res of hanging) res.destroy()
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const { port } = server.address() as AddressInfo
  return { base: `http://127.0.0.1:${port}`, requests }
}

/** A copy of the fixture in `dir` with its image hosts pointed at `uploads` (and the dead one at its /silent/ path). */
export function wxrFixtureFor(dir: string, uploads: string): string {
  const text = readFileSync(WXR_FIXTURE, 'utf8').replaceAll(WXR_UPLOADS_HOST, uploads).replaceAll(WXR_GONE_HOST, `${uploads}/silent`)
  const path = join(dir, 'export.xml')
  writeFileSync(path, text)
  return path
}
