import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PUBLIC_DIR } from './assets.js'

// The first paint's CSS and JS, inlined into every reader page instead of linked: a linked file
// blocks rendering for one more round trip on a phone (Lighthouse's render-blocking audit).
// scripts/build-critical.mjs writes the minified copies; the CSP allows exactly these texts by hash
// (docs/decisions/024-inline-critical-assets.md).
const INLINE_DIR = fileURLToPath(new URL('../../inline/', import.meta.url))

export type InlineFile = 'site.css' | 'early.js'

export interface InlineAsset {
  /** The element's text, exactly as hashed. */
  text: string
  /** A CSP source: `'sha256-<base64>'`. */
  source: string
}

const cache = new Map<InlineFile, InlineAsset>()

/** The minified file (the public/ copy when only tsc has run), read and hashed once per process. */
export function inlineAsset(file: InlineFile): InlineAsset {
  let asset = cache.get(file)
  if (!asset) {
    const path = existsSync(INLINE_DIR + file) ? INLINE_DIR + file : PUBLIC_DIR + file
    const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
    asset = { text, source: `'sha256-${createHash('sha256').update(text).digest('base64')}'` }
    cache.set(file, asset)
  }
  return asset
}

let iconUrl: string | undefined

/**
 * public/icon.svg as a data: URL (213 bytes): the tab icon costs no request while the page loads
 * (Chromium asks for a linked one before the first paint). The CSP's img-src allows data:.
 */
export function inlineIconUrl(): string {
  iconUrl ??= 'data:image/svg+xml,' + encodeURIComponent(readFileSync(PUBLIC_DIR + 'icon.svg', 'utf8').trim())
  return iconUrl
}
