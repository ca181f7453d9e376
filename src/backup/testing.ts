// The backup feature's test kit: every file of a folder by checksum, and its listing.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** Every file under `dir` (dot files too) → its sha256, by path relative to `dir`; `skip` leaves names out. */
export function fileHashes(dir: string, skip: RegExp = /$^/): Record<string, string> {
  if (!existsSync(dir)) return {}
  const hashes: Record<string, string> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)
    if (!entry.isFile() || skip.test(entry.name)) continue
    hashes[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
  }
  return hashes
}

/** Every entry under `dir` (folders too), sorted: what a refused restore must leave as it found. */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort()
}
