import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** dist/fonts/: the subset, content-hashed woff2 files scripts/build-fonts.mjs writes (docs/decisions/023). */
export const FONTS_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url))

interface FontManifest {
  faces: { family: string; /** The CSS font-weight range of the variable face, "400 700". */ weight: string; files: { part: string; file: string; bytes: number; unicodeRange: string }[] }[]
}

let manifest: FontManifest | undefined

/** The build's record of the subset files; empty when the font step has not run (tsc alone). */
export function fontManifest(): FontManifest {
  if (!manifest) {
    const path = FONTS_DIR + 'manifest.json'
    manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FontManifest) : { faces: [] }
  }
  return manifest
}

/** `/fonts/<file>` of a face's everyday-Arabic subset: the first screen's text needs it, so it is preloaded. */
export function coreFontUrl(family: string): string | undefined {
  const file = fontManifest().faces.find((f) => f.family === family)?.files.find((p) => p.part === 'core')?.file
  return file ? `/fonts/${file}` : undefined
}
