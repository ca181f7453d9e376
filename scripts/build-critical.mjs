// The CSS and JS every reader page needs before its first paint, inlined into the page rather than
// linked (docs/decisions/024-inline-critical-assets.md): dist/public/site.css (after build-fonts has
// prepended its @font-face rules) and public/early.js, minified by esbuild into dist/inline/.
// site.css is cut into one file per kind of page, each with only the rules that kind uses
// (docs/decisions/036-css-per-page-kind.md): `site-article.css`, `site-home.css`, …
// src/views/inline-assets.ts reads them once and hashes them for the Content-Security-Policy.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const INLINE_OUT = 'dist/inline'

/** The kinds of reader page, each with its own cut of site.css: the server's PAGE_STYLES, as tsc compiled it before this step. */
export const PAGE_KINDS = [...(await import(new URL('../dist/src/views/inline-assets.js', import.meta.url).href)).PAGE_STYLES]

/** A line holding only `/* @pages article search *\/`: the rules after it, up to the next such line, are for those kinds. */
const MARKER = /^\/\* @pages ([a-z ]+) \*\/$/

/**
 * site.css's text for one kind of page: every rule outside a `@pages` region, and those inside a
 * region naming `kind`, in the file's order (so the cascade between the rules kept is unchanged).
 */
export function cssForKind(css, kind) {
  let kept = true
  const lines = []
  for (const line of css.split('\n')) {
    const marker = MARKER.exec(line.trim())
    if (!marker) {
      if (kept) lines.push(line)
      continue
    }
    const kinds = marker[1].trim().split(/ +/)
    for (const k of kinds) if (k !== 'all' && !PAGE_KINDS.includes(k)) throw new Error(`site.css: «@pages ${marker[1]}»: no kind of page is called ${k} (kinds: ${PAGE_KINDS.join(', ')})`)
    kept = kinds.includes('all') || kinds.includes(kind)
  }
  return lines.join('\n')
}

/** Minifies the first-paint files into dist/inline/; returns their sizes in bytes. */
export async function buildCritical({ publicDir = 'dist/public' } = {}) {
  const esbuild = await import('esbuild')
  // A kind renamed or dropped must not leave its old file to be served.
  rmSync(INLINE_OUT, { recursive: true, force: true })
  mkdirSync(INLINE_OUT, { recursive: true })
  const css = readFileSync(join(publicDir, 'site.css'), 'utf8')
  const files = [
    ...PAGE_KINDS.map((kind) => [`site-${kind}.css`, 'css', cssForKind(css, kind)]),
    ['early.js', 'js', readFileSync(join(publicDir, 'early.js'), 'utf8')],
  ]
  const sizes = {}
  for (const [file, loader, source] of files) {
    // Arabic stays UTF-8 (charset), and no target lowering: the site's CSS is written for current browsers.
    const { code } = await esbuild.transform(source, { loader, minify: true, charset: 'utf8', legalComments: 'none' })
    // A trailing newline would be part of the hashed text: keep the file exactly what the page inlines.
    const text = code.trimEnd()
    writeFileSync(join(INLINE_OUT, file), text)
    sizes[file] = Buffer.byteLength(text)
  }
  return sizes
}
