// The CSS and JS every reader page needs before its first paint, inlined into the page rather than
// linked (docs/decisions/024-inline-critical-assets.md): dist/public/site.css (after build-fonts has
// prepended its @font-face rules) and public/early.js, minified by esbuild into dist/inline/.
// src/views/inline-assets.ts reads them once and hashes them for the Content-Security-Policy.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const INLINE_OUT = 'dist/inline'

/** Minifies the first-paint files into dist/inline/; returns their sizes in bytes. */
export async function buildCritical({ publicDir = 'dist/public' } = {}) {
  const esbuild = await import('esbuild')
  mkdirSync(INLINE_OUT, { recursive: true })
  const sizes = {}
  for (const [file, loader] of [
    ['site.css', 'css'],
    ['early.js', 'js'],
  ]) {
    const source = readFileSync(join(publicDir, file), 'utf8')
    // Arabic stays UTF-8 (charset), and no target lowering: the site's CSS is written for current browsers.
    const { code } = await esbuild.transform(source, { loader, minify: true, charset: 'utf8', legalComments: 'none' })
    // A trailing newline would be part of the hashed text: keep the file exactly what the page inlines.
    const text = code.trimEnd()
    writeFileSync(join(INLINE_OUT, file), text)
    sizes[file] = Buffer.byteLength(text)
  }
  return sizes
}
