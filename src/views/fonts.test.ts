import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { Blob, Buffer as HbBuffer, Face, Font, shape, Variation } from 'harfbuzzjs'
import { FONTS_DIR, fontManifest } from './fonts.js'

// harfbuzz reads TrueType, not woff2: fontverter (subset-font's own converter) unpacks the file.
const fontverter = createRequire(import.meta.url)('fontverter') as { convert(font: Uint8Array, to: 'truetype'): Promise<Uint8Array> }

async function loadFont(file: string): Promise<{ face: Face; font: Font }> {
  const face = new Face(new Blob(await fontverter.convert(readFileSync(FONTS_DIR + file), 'truetype')), 0)
  return { face, font: new Font(face) }
}

function shaped(font: Font, text: string): HbBuffer {
  const buffer = new HbBuffer()
  buffer.addText(text)
  buffer.guessSegmentProperties()
  shape(font, buffer)
  return buffer
}

/** The glyph ids harfbuzz shapes `text` into (0 is .notdef, a box on screen). */
function glyphs(font: Font, text: string): number[] {
  return shaped(font, text).getGlyphInfos().map((g) => g.codepoint)
}

// Every letter in its forms (a classical pangram), harakat, shadda and tanwin, hamza seats, lam-alef,
// tatweel, Arabic-Indic digits and the Arabic punctuation the site prints.
const SAMPLE = 'صِفْ خَلْقَ خَوْدٍ كَمِثْلِ الشَّمْسِ إِذْ بَزَغَتْ، يَحْظَى الضَّجِيعُ بِهَا نَجْلَاءَ مِعْطَارِ؛ مؤتمر هيئة أُسرة آمنة لا ـــ ٠١٢٣٤٥٦٧٨٩ ٪ ٫ ٬ ؟'
const manifest = fontManifest()
const core = (family: string) => manifest.faces.find((f) => f.family === family)!.files.find((p) => p.part === 'core')!

test('the one face is cut into a core and a rest file whose names are their content hash', () => {
  // One face for the whole reader site, every weight in one variable file (decision 031).
  assert.deepEqual(manifest.faces.map((f) => [f.family, f.weight]), [['Noto Naskh Arabic', '400 700']])
  for (const face of manifest.faces) {
    assert.deepEqual(face.files.map((p) => p.part), ['core', 'rest'])
    for (const part of face.files) {
      const bytes = readFileSync(FONTS_DIR + part.file)
      assert.equal(bytes.length, part.bytes)
      assert.ok(part.file.includes(createHash('sha256').update(bytes).digest('hex').slice(0, 10)), part.file)
    }
    // The everyday file is a small share of @fontsource's Arabic file.
    assert.ok(face.files[0]!.bytes < 24_000, `${face.family} ${face.weight} core: ${face.files[0]!.bytes} bytes`)
  }
})

test('the core subsets shape Arabic text with every letter form, marks, digits and punctuation: no missing glyph', async () => {
  for (const face of manifest.faces) {
    const { font } = await loadFont(face.files[0]!.file)
    const ids = glyphs(font, SAMPLE.replaceAll(' ', ''))
    assert.ok(!ids.includes(0), `${face.family} ${face.weight}: .notdef in ${ids.join(',')}`)
  }
})

test('the core subset keeps the joining forms: a letter between two others is not its isolated glyph', async () => {
  const { font } = await loadFont(core('Noto Naskh Arabic').file)
  const [isolated] = glyphs(font, 'ه')
  const [initial, medial, final] = glyphs(font, 'ههه')
  assert.equal(new Set([isolated, initial, medial, final]).size, 4, `ه forms: ${isolated} ${initial} ${medial} ${final}`)
  // Lam-alef is drawn by its own glyph(s), not lam and alef side by side.
  assert.notDeepEqual(glyphs(font, 'لا'), [...glyphs(font, 'ل'), ...glyphs(font, 'ا')])
})

test('the rest subset holds the letters of Persian and Urdu, and the two unicode-ranges cover the Arabic block once', async () => {
  const naskh = manifest.faces.find((f) => f.family === 'Noto Naskh Arabic')!
  const rest = naskh.files.find((p) => p.part === 'rest')!
  const { font } = await loadFont(rest.file)
  assert.ok(!glyphs(font, 'پچژگڤ').includes(0))
  const covered = new Map<number, number>()
  for (const part of naskh.files)
    for (const range of part.unicodeRange.split(', ')) {
      const [a, b = a] = range.replace('U+', '').split('-').map((h) => parseInt(h, 16)) as [number, number?]
      for (let c = a; c <= b; c++) covered.set(c, (covered.get(c) ?? 0) + 1)
    }
  for (let c = 0x0600; c <= 0x06ff; c++) assert.equal(covered.get(c), 1, `U+${c.toString(16)}`)
  for (const c of [0xfb50, 0xfdf2, 0xfefb]) assert.equal(covered.get(c), 1, `U+${c.toString(16)}`)
})

test('the core subset is still variable: its weight axis spans 400 to 700, and bold text is drawn wider', async () => {
  const { face, font } = await loadFont(core('Noto Naskh Arabic').file)
  const wght = face.getAxisInfos().wght
  assert.ok(wght, 'a wght axis')
  assert.deepEqual([wght.min, wght.max], [400, 700])
  const width = (weight: number) => {
    font.setVariations([new Variation('wght', weight)])
    return shaped(font, 'مؤتمر الصحافة العربية').getGlyphPositions().reduce((sum, p) => sum + p.xAdvance, 0)
  }
  assert.ok(width(700) > width(400), `700: ${width(700)}, 400: ${width(400)}`)
})
