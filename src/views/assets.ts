import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** public/ as the build copies it to dist/public/ (with .br and .gz beside each text file): CSS, client scripts, icons. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url))

const versions = new Map<string, string>()

/** `/assets/site.css?v=<hash>`: the hash changes with the file, so browsers may cache it for a year. */
export function assetUrl(file: string): string {
  let version = versions.get(file)
  if (!version) {
    version = createHash('sha256').update(readFileSync(PUBLIC_DIR + file)).digest('hex').slice(0, 10)
    versions.set(file, version)
  }
  return `/assets/${file}?v=${version}`
}
