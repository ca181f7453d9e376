import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PUBLIC_DIR } from './assets.js'

// The first paint's CSS and JS, inlined into every reader page instead of linked: a linked file
// blocks rendering for one more round trip on a phone (Lighthouse's render-blocking audit).
// scripts/build-critical.mjs writes the minified copies; the CSP allows exactly these texts by hash
// (docs/decisions/024-inline-critical-assets.md).
const INLINE_DIR = fileURLToPath(new URL('../../inline/', import.meta.url))

/**
 * The kinds of reader page, each inlining only the part of site.css it uses (decision 036): the
 * rules outside any `@pages` region of public/site.css, and those of its own regions. The build
 * writes `site-<kind>.css` for each (scripts/build-critical.mjs reads this list from the compiled file).
 */
export const PAGE_STYLES = ['article', 'home', 'search', 'plain'] as const
export type PageStyle = (typeof PAGE_STYLES)[number]

export type InlineFile = `site-${PageStyle}.css` | 'early.js'

export interface InlineAsset {
  /** The element's text, exactly as hashed. */
  text: string
  /** A CSP source: `'sha256-<base64>'`. */
  source: string
}

const cache = new Map<InlineFile, InlineAsset>()

/**
 * The minified file, read and hashed once per process. When only tsc has run (no dist/inline/),
 * the public/ copy: the whole of site.css for every kind.
 */
export function inlineAsset(file: InlineFile): InlineAsset {
  let asset = cache.get(file)
  if (!asset) {
    const text = readFileSync(existsSync(INLINE_DIR) ? INLINE_DIR + file : PUBLIC_DIR + sourceOf(file), 'utf8')
    asset = { text, source: `'sha256-${createHash('sha256').update(text).digest('base64')}'` }
    cache.set(file, asset)
  }
  return asset
}

const sourceOf = (file: InlineFile) => (file === 'early.js' ? file : 'site.css')

/** The first-paint CSS of a kind of page. */
export const inlineStyle = (kind: PageStyle): InlineAsset => inlineAsset(`site-${kind}.css`)

let iconUrl: string | undefined

/**
 * public/icon.svg as a data: URL (213 bytes): the tab icon costs no request while the page loads
 * (Chromium asks for a linked one before the first paint). The CSP's img-src allows data:.
 */
export function inlineIconUrl(): string {
  iconUrl ??= 'data:image/svg+xml,' + encodeURIComponent(readFileSync(PUBLIC_DIR + 'icon.svg', 'utf8').trim())
  return iconUrl
}
