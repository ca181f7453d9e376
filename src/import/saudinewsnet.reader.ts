import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import AdmZip from 'adm-zip'

/** One article as the SaudiNewsNet corpus stores it (../shared/data/saudinewsnet/README.md). */
export interface SaudiNewsNetRecord {
  source: string
  url: string
  date_extracted: string
  title: string
  author: string
  content: string
}

/** A file that can't be imported: missing, unreadable, not a zip, bad JSON or the wrong shape. */
export class ImportFileError extends Error {
  /** False when it failed after earlier files were imported (it changed between the check and the import). */
  nothingImported = true

  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`)
  }
}

/**
 * The most JSON an import reads from one file (a zip's entries together): the corpus's largest,
 * 2015-07-21.json, is 12.6 MB, and parsing takes a few times the size in memory.
 */
export const MAX_JSON_BYTES = 64 * 1024 * 1024

const TEXT_FIELDS = ['title', 'author', 'content'] as const
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const NEWSPAPER_ID = /^[a-z0-9_-]{1,40}$/i

/** Reads a corpus zip (every .json inside it) or a JSON file holding an array, and checks every record. */
export function readSaudiNewsNetFile(path: string): SaudiNewsNetRecord[] {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new ImportFileError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? err})`)
  }
  const isZip = bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))
  if (!isZip && extname(path).toLowerCase() === '.zip') throw new ImportFileError(path, 'is not a zip archive')
  if (!isZip) return checkRecords(path, parseJson(path, bytes))

  let entries: AdmZip.IZipEntry[]
  try {
    entries = new AdmZip(bytes).getEntries().filter((e) => !e.isDirectory && e.entryName.toLowerCase().endsWith('.json'))
  } catch (err) {
    throw new ImportFileError(path, `is not a readable zip archive (${err instanceof Error ? err.message : err})`)
  }
  if (entries.length === 0) throw new ImportFileError(path, 'the zip archive holds no .json file')
  return entries.flatMap((entry) => {
    const where = `${path} (${basename(entry.entryName)})`
    let data: Buffer
    try {
      data = entry.getData()
    } catch (err) {
      throw new ImportFileError(where, `cannot be unzipped (${err instanceof Error ? err.message : err})`)
    }
    return checkRecords(where, parseJson(where, data))
  })
}

function parseJson(path: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch (err) {
    throw new ImportFileError(path, `is not valid JSON (${err instanceof Error ? err.message : err})`)
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
  if (typeof r.date_extracted !== 'string' || !DATE.test(r.date_extracted)) return '"date_extracted" must look like "2015-08-01 14:30:00"'
  for (const field of TEXT_FIELDS) if (typeof r[field] !== 'string') return `"${field}" must be a string`
  return undefined
}
