import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { hasControlCharacters, parseRiyadhTime } from './saudinewsnet.fields.js'

/** One article as the SaudiNewsNet corpus stores it (../shared/data/saudinewsnet/README.md). */
export interface SaudiNewsNetRecord {
  source: string
  url: string
  date_extracted: string
  title: string
  author: string
  content: string
}

/** An import that stopped; `filesImported` files before the failure were imported (each whole). */
export class ImportError extends Error {
  filesImported = 0
}

/** A file that can't be imported: missing, unreadable, too large, not a zip, bad JSON, a bad record, or a failed write. */
export class ImportFileError extends ImportError {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`)
  }
}

/**
 * The most JSON an import reads from one file (a zip's entries together): the corpus's largest,
 * 2015-07-21.json, is 12.6 MB, and parsing takes a few times the size in memory.
 */
export const MAX_JSON_BYTES = 64 * 1024 * 1024
const OVER_LIMIT = `more than the ${mib(MAX_JSON_BYTES)} an import reads from one file`

const TEXT_FIELDS = ['title', 'author', 'content'] as const
const NEWSPAPER_ID = /^[a-z0-9_-]{1,40}$/i
const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1')
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Reads a corpus zip (every .json inside it) or a JSON file holding an array, and checks every record. */
export async function readSaudiNewsNetFile(path: string): Promise<SaudiNewsNetRecord[]> {
  const isZip = await startsWithZipSignature(path)
  if (!isZip && extname(path).toLowerCase() === '.zip') throw new ImportFileError(path, 'is not a zip archive')
  if (isZip) return readZip(path)
  return parseRecords(path, await readJsonFile(path))
}

async function startsWithZipSignature(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r')
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0)
      return bytesRead === 4 && buffer.equals(ZIP_SIGNATURE)
    } finally {
      await file.close()
    }
  } catch (err) {
    throw unreadable(path, err)
  }
}

function unreadable(path: string, err: unknown): ImportFileError {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new ImportFileError(path, 'no such file')
  if (code === 'EISDIR') return new ImportFileError(path, 'is a folder, not a file')
  return new ImportFileError(path, `cannot be read (${code ?? messageOf(err)})`)
}

/** A JSON file, refused by its size before it is read, and read with the limit in case it grows meanwhile. */
async function readJsonFile(path: string): Promise<Buffer> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (err) {
    throw unreadable(path, err)
  }
  if (size > MAX_JSON_BYTES) throw new ImportFileError(path, `is ${mib(size)}, ${OVER_LIMIT}`)
  try {
    return await readAtMost(createReadStream(path), MAX_JSON_BYTES, () => new ImportFileError(path, `grew while it was read, ${OVER_LIMIT}`))
  } catch (err) {
    throw err instanceof ImportFileError ? err : unreadable(path, err)
  }
}

/**
 * Every .json entry of a zip, streamed. An entry is refused by the size the central directory
 * declares, before it is inflated; yauzl stops one that inflates to more than it declared.
 */
async function readZip(path: string): Promise<SaudiNewsNetRecord[]> {
  const zip = await openZip(path)
  try {
    const records: SaudiNewsNetRecord[] = []
    let budget = MAX_JSON_BYTES
    let jsonEntries = 0
    for (let entry = await nextEntry(zip, path); entry; entry = await nextEntry(zip, path)) {
      if (entry.fileName.endsWith('/') || !entry.fileName.toLowerCase().endsWith('.json')) continue
      jsonEntries++
      const where = `${path} (${basename(entry.fileName)})`
      if (entry.uncompressedSize > budget) throw new ImportFileError(where, `expands to ${mib(entry.uncompressedSize)}, ${OVER_LIMIT}${budget < MAX_JSON_BYTES ? ' (with the entries before it)' : ''}`)
      const bytes = await readEntry(zip, entry, where, budget)
      budget -= bytes.length
      for (const record of parseRecords(where, bytes)) records.push(record)
    }
    if (jsonEntries === 0) throw new ImportFileError(path, 'the zip archive holds no .json file')
    return records
  } finally {
    zip.close()
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err) reject(new ImportFileError(path, `is not a readable zip archive (${err.message})`))
      else resolve(zip)
    })
  })
}

function nextEntry(zip: yauzl.ZipFile, path: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => settle(() => resolve(entry))
    const onEnd = () => settle(() => resolve(undefined))
    const onError = (err: Error) => settle(() => reject(new ImportFileError(path, `is not a readable zip archive (${err.message})`)))
    const settle = (done: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError)
      done()
    }
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError)
    zip.readEntry()
  })
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, where: string, limit: number): Promise<Buffer> {
  const cannotUnzip = (err: unknown) => (err instanceof ImportFileError ? err : new ImportFileError(where, `cannot be unzipped (${messageOf(err)})`))
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(cannotUnzip(err)) : resolve(stream)))
  })
  try {
    return await readAtMost(stream, limit, () => new ImportFileError(where, `expands to more than it declared, ${OVER_LIMIT}`))
  } catch (err) {
    throw cannotUnzip(err)
  }
}

/** A stream's bytes, stopped (and the stream destroyed) as soon as they pass `limit`. */
async function readAtMost(stream: Readable, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > limit) {
      stream.destroy()
      throw tooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, length)
}

function parseRecords(path: string, bytes: Buffer): SaudiNewsNetRecord[] {
  return checkRecords(path, parseJson(path, decodeUtf8(path, bytes)))
}

/** Strict: a file in another encoding would otherwise import as replacement characters. */
function decodeUtf8(path: string, bytes: Buffer): string {
  try {
    return UTF8.decode(bytes)
  } catch {
    throw new ImportFileError(path, 'is not UTF-8 text')
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new ImportFileError(path, `is not valid JSON (${messageOf(err)})`)
  }
}

function checkRecords(path: string, data: unknown): SaudiNewsNetRecord[] {
  if (!Array.isArray(data)) throw new ImportFileError(path, 'expected a JSON array of articles')
  data.forEach((item, index) => {
    const problem = recordProblem(item)
    if (problem) throw new ImportFileError(path, `article ${index + 1}: ${problem}`)
  })
  return data as SaudiNewsNetRecord[]
}

function recordProblem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'expected an object'
  const r = item as Record<string, unknown>
  if (typeof r.source !== 'string' || !NEWSPAPER_ID.test(r.source)) return '"source" must be a newspaper id such as "okaz"'
  if (typeof r.url !== 'string' || r.url.trim() === '') return '"url" must be a non-empty string'
  // The address is the duplicate key, kept byte for byte: cleaning it would change which article it
  // names, and a lone surrogate would read back changed, so a second import would collide with it.
  if (hasControlCharacters(r.url)) return '"url" must not hold control characters'
  if (typeof r.date_extracted !== 'string' || !parseRiyadhTime(r.date_extracted)) {
    return `"date_extracted" must be a real time such as "2015-08-01 14:30:00" (got ${preview(r.date_extracted)})`
  }
  for (const field of TEXT_FIELDS) if (typeof r[field] !== 'string') return `"${field}" must be a string`
  return undefined
}

/** A bad value as the message shows it: JSON, cut short. */
function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value)
  return json.length > 40 ? `${json.slice(0, 40)}…` : json
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
