// Builds the reader site's web fonts (docs/decisions/023-font-subsets.md, 031-one-variable-face.md):
// the one face, Noto Naskh Arabic as a variable font (weights 400 to 700 in one file, from
// @fontsource-variable), is cut in two with subset-font (harfbuzz, which keeps the glyphs that
// shaping reaches through GSUB: joined forms, lam-alef, mark positions; and the variation tables):
//   - "core": the letters, harakat, digits and punctuation of Modern Standard Arabic text;
//   - "rest": the remainder of the file's Arabic ranges (Persian/Urdu letters, Quranic marks,
//     presentation forms typed as such), fetched by a browser only when a page holds one of them.
// Output: dist/fonts/<face>-<part>-<hash>.woff2 (content-hashed, served immutable under /fonts/)
// and dist/public/fonts.css: the @font-face rules with those URLs, which build.mjs prepends to
// dist/public/site.css. dist/fonts/manifest.json maps each face to its files, for the preload
// link (src/views/fonts.ts) and for anyone who inlines the rules.
// Subsetting takes seconds; the output is cached by the source file's hash and this script's own.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const require = createRequire(import.meta.url)
export const FONTS_OUT = 'dist/fonts'

/**
 * The faces the reader site declares. One variable face serves body text and headlines alike: on a
 * phone's first visit each font file the first screen needs is one more request before its text can
 * paint (decision 031). `weight` is the CSS font-weight range the file covers.
 */
export const FACES = [{ family: 'Noto Naskh Arabic', pkg: 'noto-naskh-arabic', weight: '400 700' }]

/** Code points of everyday Arabic text, as [first, last] ranges. */
export const CORE_RANGES = [
  [0x060c, 0x060c], // ، comma
  [0x061b, 0x061b], // ؛ semicolon
  [0x061f, 0x061f], // ؟ question mark
  [0x0621, 0x063a], // hamza … ghain
  [0x0640, 0x0652], // tatweel, fa … ya, harakat (fathatan … sukun)
  [0x0660, 0x066d], // Arabic-Indic digits, percent, decimal and thousands separators, star
  [0x0670, 0x0670], // superscript alef
  [0x06cc, 0x06cc], // Farsi yeh, typed for ya in some wire copy (64 corpus stories)
  [0x200c, 0x200f], // ZWNJ, ZWJ, LRM, RLM
  [0xfef5, 0xfefc], // lam-alef ligatures typed as such (the commonest presentation forms in the corpus)
]

/** Everything @fontsource's "arabic" files hold (their own unicode-range). */
export const ARABIC_RANGES = [
  [0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x088e], [0x0890, 0x0891], [0x0897, 0x08e1],
  [0x08e3, 0x08ff], [0x200c, 0x200e], [0x2010, 0x2011], [0x204f, 0x204f], [0x2e41, 0x2e41],
  [0xfb50, 0xfdff], [0xfe70, 0xfe74], [0xfe76, 0xfefc],
]

/** ARABIC_RANGES less CORE_RANGES, so that no code point is in both faces' unicode-range. */
export function restRanges() {
  const inCore = (c) => CORE_RANGES.some(([a, b]) => c >= a && c <= b)
  const out = []
  for (const [a, b] of ARABIC_RANGES) {
    let start = -1
    for (let c = a; c <= b + 1; c++) {
      const keep = c <= b && !inCore(c)
      if (keep && start < 0) start = c
      if (!keep && start >= 0) {
        out.push([start, c - 1])
        start = -1
      }
    }
  }
  return out
}

const hex = (c) => c.toString(16).toUpperCase().padStart(4, '0')
export const unicodeRange = (ranges) => ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ')
const textOf = (ranges) => ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).join('')
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')

const sourceName = (face) => `${face.pkg}-arabic-wght-normal.woff2`
const sourceFile = (face) => require.resolve(`@fontsource-variable/${face.pkg}/files/${sourceName(face)}`)

/** Subsets every face (or reuses the cached result) and writes fonts.css and manifest.json. */
export async function buildFonts({ publicDir = 'dist/public', log = console.log } = {}) {
  const started = process.hrtime.bigint()
  mkdirSync(FONTS_OUT, { recursive: true })
  const manifestPath = join(FONTS_OUT, 'manifest.json')
  const previous = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { faces: [] }
  const selfHash = sha(readFileSync(fileURLToPath(import.meta.url)))
  const parts = [
    { part: 'core', ranges: CORE_RANGES },
    { part: 'rest', ranges: restRanges() },
  ]
  let subsetFont
  const faces = []
  let made = 0
  for (const face of FACES) {
    const source = readFileSync(sourceFile(face))
    const key = sha(selfHash + sha(source))
    const cached = previous.faces.find((f) => f.key === key && f.files.every((p) => existsSync(join(FONTS_OUT, p.file))))
    if (cached) {
      faces.push(cached)
      continue
    }
    subsetFont ??= (await import('subset-font')).default
    const files = []
    for (const { part, ranges } of parts) {
      const bytes = await subsetFont(source, textOf(ranges), { targetFormat: 'woff2' })
      const file = `${face.pkg}-wght-${part}-${sha(bytes).slice(0, 10)}.woff2`
      writeFileSync(join(FONTS_OUT, file), bytes)
      files.push({ part, file, bytes: bytes.length, unicodeRange: unicodeRange(ranges) })
      made++
    }
    faces.push({ family: face.family, weight: face.weight, key, source: sourceName(face), sourceBytes: source.length, files })
  }
  // Files of earlier builds whose source or cut changed.
  const keep = new Set(['manifest.json', ...faces.flatMap((f) => f.files.map((p) => p.file))])
  for (const name of readdirSync(FONTS_OUT)) if (!keep.has(name)) rmSync(join(FONTS_OUT, name))
  writeFileSync(manifestPath, JSON.stringify({ faces }, null, 1) + '\n')
  const css = fontFaceCss(faces)
  mkdirSync(publicDir, { recursive: true })
  writeCompressed(join(publicDir, 'fonts.css'), css)
  // site.css is linked by every reader page: the rules ride in it (no request of their own).
  const siteCss = join(publicDir, 'site.css')
  if (existsSync(siteCss)) writeCompressed(siteCss, css + readFileSync(siteCss, 'utf8'))
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (made > 0) log(`build-fonts: ${made} subsets made in ${ms.toFixed(0)} ms`)
  return { faces, css }
}

/** A text file with the .gz and .br copies @fastify/static sends to browsers that accept them. */
function writeCompressed(path, text) {
  const bytes = Buffer.from(text)
  writeFileSync(path, bytes)
  writeFileSync(path + '.gz', gzipSync(bytes, { level: 9 }))
  writeFileSync(path + '.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
}

/** The @font-face rules: per face, the core file and the rest file, each with its weight range and unicode-range. */
export function fontFaceCss(faces) {
  const rules = faces.flatMap((f) =>
    f.files.map(
      (p) =>
        `@font-face{font-family:'${f.family}';font-style:normal;font-weight:${f.weight};font-display:swap;` +
        `src:url(/fonts/${p.file}) format('woff2');unicode-range:${p.unicodeRange.replaceAll(', ', ',')}}`,
    ),
  )
  return `/* Generated by scripts/build-fonts.mjs: subset Noto faces (docs/decisions/023-font-subsets.md). */\n${rules.join('\n')}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildFonts()
