// Builds dist/: TypeScript → JavaScript (the worker threads' entries then bundled, scripts/bundle-workers.mjs), then the newsroom editor bundle (client/editor → esbuild →
// dist/newsroom-assets/editor-<hash>.js/.css + manifest.json, read by src/newsroom/editor-assets.ts).
// Fonts: scripts/build-fonts.mjs subsets them into dist/fonts/ and their rules into site.css; public/ is copied to dist/public/ beside brotli and gzip
// copies of its text files, which @fastify/static sends to browsers that accept them. Then
// scripts/build-critical.mjs minifies site.css and early.js into dist/inline/, which every reader page inlines.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const require = createRequire(import.meta.url)
let tsc
try {
  tsc = require.resolve('typescript/bin/tsc')
} catch {
  console.error('build: typescript is not installed yet (npm install installs it)')
  process.exit(0)
}

const ASSETS = 'dist/newsroom-assets'
const PUBLIC = 'dist/public'
const COMPRESSIBLE = /\.(css|js|svg|webmanifest|json|txt)$/

/** Runs tsc on one project; resolves to its exit code. */
function typecheck(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { stdio: 'inherit' })
    child.on('close', (code) => resolve(code ?? 1))
  })
}

/** One minified ES2020 module and one stylesheet with content-hashed names, pre-compressed for @fastify/static. */
async function bundleEditor() {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [
      { in: 'client/editor/main.ts', out: 'editor' },
      { in: 'client/editor/editor.css', out: 'editor' },
    ],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    legalComments: 'none',
    // Arabic copy as UTF-8, not \uXXXX escapes (a third of the size).
    charset: 'utf8',
    outdir: ASSETS,
    entryNames: '[name]-[hash]',
    // Fonts are served by the app from @fontsource (/fonts/), not bundled.
    external: ['/fonts/*'],
    metafile: true,
    logLevel: 'warning',
  })
  const outputs = Object.keys(result.metafile.outputs)
  const js = outputs.find((o) => o.endsWith('.js'))
  const css = outputs.find((o) => o.endsWith('.css'))
  if (!js || !css || outputs.length !== 2) throw new Error(`unexpected bundle outputs: ${outputs.join(', ')}`)
  for (const file of [js, css]) {
    // A hashed name is its content: compressed copies from an earlier build are still right
    // (brotli at its best takes most of a second; most builds leave the bundle unchanged).
    if (existsSync(file + '.br') && existsSync(file + '.gz')) continue
    const bytes = readFileSync(file)
    writeFileSync(file + '.gz', gzipSync(bytes, { level: 9 }))
    writeFileSync(file + '.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  }
  const keep = new Set([js, css].flatMap((f) => [basename(f), `${basename(f)}.gz`, `${basename(f)}.br`]))
  for (const name of readdirSync(ASSETS)) if (!keep.has(name)) rmSync(join(ASSETS, name))
  writeFileSync(join(ASSETS, 'manifest.json'), JSON.stringify({ js: basename(js), css: basename(css) }) + '\n')
}

/** public/ → dist/public/, each text file with its .br and .gz (the site's CSS and JS are sent compressed). */
function copyPublic() {
  rmSync(PUBLIC, { recursive: true, force: true })
  mkdirSync(PUBLIC, { recursive: true })
  for (const name of readdirSync('public')) {
    const bytes = readFileSync(join('public', name))
    writeFileSync(join(PUBLIC, name), bytes)
    if (!COMPRESSIBLE.test(name)) continue
    writeFileSync(join(PUBLIC, name + '.gz'), gzipSync(bytes, { level: 9 }))
    writeFileSync(join(PUBLIC, name + '.br'), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  }
}

// The two type checks share nothing: run them side by side, then bundle only checked code.
const codes = await Promise.all([typecheck('tsconfig.json'), typecheck('client/tsconfig.json')])
if (codes.some((code) => code !== 0)) process.exit(1)
// Only what tsc has just written still holds runtime JSX calls: the rest was folded by an earlier build.
const { precompileJsx } = await import('./precompile-jsx.mjs')
precompileJsx('dist', 'dist/src/views/jsx-precompiled.js')
// After the JSX is folded: the worker threads' bundles are made of the JavaScript as it runs.
await (await import('./bundle-workers.mjs')).bundleWorkers()
copyPublic()
await (await import('./build-fonts.mjs')).buildFonts()
// After the fonts: their @font-face rules are part of the site.css that is inlined.
await (await import('./build-critical.mjs')).buildCritical()
try {
  await bundleEditor()
} catch (err) {
  // esbuild has already printed its own errors with file and line.
  console.error(`build: the editor bundle failed: ${err instanceof Error ? err.message : err}`)
  process.exit(1)
}
