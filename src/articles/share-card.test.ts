import assert from 'node:assert/strict'
import { test } from 'node:test'
import sharp from 'sharp'
import { layoutHeadline, renderCardText, renderShareCard, type TextImage } from './share-card.js'
import { CARD_FONT_FAMILY, loadCardFonts } from './share-card-fonts.js'
import { SHARE_CARD_SIZE } from './share-card-path.js'

const ZWNJ = '\u200c'

/** How much ink each column holds (alpha summed down the column). */
function inkColumns(image: TextImage): number[] {
  const columns = new Array<number>(image.width).fill(0)
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) columns[x] += image.data[(y * image.width + x) * 4 + 3]
  return columns
}

/** 0 when `part` has exactly the ink of `whole`'s columns from `at` on. */
function difference(whole: number[], at: number, part: number[]): number {
  const total = part.reduce((sum, v) => sum + v, 0)
  return part.reduce((sum, v, i) => sum + Math.abs(v - (whole[at + i] ?? 0)), 0) / total
}

test('Arabic letters are joined, and lam-alef is one ligature: narrower than the same letters kept apart', async () => {
  for (const word of ['مستشفى', 'السلام', 'لا']) {
    const joined = await renderCardText(word, { size: 48 })
    const apart = await renderCardText([...word].join(ZWNJ), { size: 48 }) // ZWNJ: the unshaped, isolated forms
    assert.ok(joined.width < apart.width * 0.85, `${word}: ${joined.width} px joined, ${apart.width} px apart`)
  }
})

test('the card face is Noto Kufi Arabic from @fontsource, for Arabic and Latin alike, not a fallback font', async () => {
  await loadCardFonts()
  const draw = async (family: string, text: string) =>
    (await sharp({ text: { text, font: `${family} Bold 40`, rgba: true, dpi: 72 } }).raw().toBuffer({ resolveWithObject: true })).data
  for (const text of ['نشرة', 'Nashra 2025']) {
    assert.notDeepEqual(await draw(CARD_FONT_FAMILY, text), await draw('No Such Family', text), text)
  }
})

test('a headline runs right to left even when it starts with a Latin word, and numbers keep their digit order', async () => {
  const [latin, arabic, mixed] = await Promise.all(['Apple', 'تطلق هاتفاً', 'Apple تطلق هاتفاً'].map((t) => renderCardText(t, { size: 48 })))
  const columns = inkColumns(mixed)
  // The first word in reading order stands at the right edge; left to right, the line would start with it.
  assert.equal(difference(columns, mixed.width - latin.width, inkColumns(latin)), 0)
  assert.equal(difference(columns, 0, inkColumns(arabic)), 0)
  const [year, reversed, dated] = await Promise.all(['2025', '5202', 'عام 2025'].map((t) => renderCardText(t, { size: 48 })))
  assert.equal(difference(inkColumns(dated), 0, inkColumns(year)), 0)
  assert.ok(difference(inkColumns(dated), 0, inkColumns(reversed)) > 0.1)
})

test('wrapped lines stand against the right edge', async () => {
  // Five equal words over the measure of four: a full first line and a last line of one word.
  const four = await renderCardText(Array(4).fill('كلمة').join(' '), { size: 48 })
  const text = await renderCardText(Array(5).fill('كلمة').join(' '), { size: 48, width: four.width + 20 })
  const lastLine = { ...text, data: text.data.subarray(Math.floor(text.height * 0.6) * text.width * 4), height: text.height - Math.floor(text.height * 0.6) }
  const columns = inkColumns(lastLine)
  const first = columns.findIndex((v) => v > 0)
  const last = columns.findLastIndex((v) => v > 0)
  assert.ok(last > text.width - 20, `the last line ends at ${last} of ${text.width}`)
  assert.ok(first > text.width * 0.6, `the last line starts at ${first} of ${text.width}`)
})

test('a long headline is cut after a whole word, with an ellipsis, within five lines', async () => {
  const title = Array(12).fill('وزير الخارجية يلتقي نظيره في العاصمة').join(' ')
  const layout = await layoutHeadline(title)
  assert.equal(layout.size, 48)
  assert.ok(layout.lines <= 5, `${layout.lines} lines`)
  assert.ok(layout.text.endsWith('…'))
  const kept = layout.text.slice(0, -1)
  assert.ok(title.startsWith(kept) && title[kept.length] === ' ', `cut mid-word: «${kept.slice(-20)}»`)
  assert.ok(kept.length > 100)
})

test('a word longer than the card (a pasted address) is cut by characters, never the whole headline lost', async () => {
  const layout = await layoutHeadline(`https://example.com/${'a'.repeat(400)} كلمة`)
  assert.ok(layout.lines <= 5 && layout.text.endsWith('…'))
  assert.ok(layout.text.startsWith('https://example.com/aaaa'), layout.text.slice(0, 40))
})

test('a headline that fits is drawn whole, at the largest size its lines allow', async () => {
  const short = await layoutHeadline('المركزي يثبّت سعر الفائدة')
  assert.deepEqual([short.size, short.lines, short.text], [68, 1, 'المركزي يثبّت سعر الفائدة'])
  const longer = await layoutHeadline('وزير الخارجية يلتقي نظيره الأمريكي في واشنطن لبحث العلاقات الثنائية وسبل تعزيزها في مختلف المجالات والمستجدات الإقليمية')
  assert.ok(longer.size < 68 && !longer.text.endsWith('…'), `${longer.size} px, ${longer.lines} lines`)
})

test('the card is a 1200×630 JPEG, its headline against the right margin; markup in a headline is text', async () => {
  const jpeg = await renderShareCard({ title: 'خبر <b>قصير</b> & AT&T', section: 'اقتصاد', siteName: 'نشرة' })
  const meta = await sharp(jpeg).metadata()
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', SHARE_CARD_SIZE.width, SHARE_CARD_SIZE.height])
  assert.ok(jpeg.length < 300_000, `${jpeg.length} bytes`)
  // Dark ink (the headline; the section and the name are in colour) in the headline's band.
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true })
  let [left, right] = [info.width, 0]
  for (let y = 140; y < 500; y++)
    for (let x = 0; x < info.width - 30; x++)
      if (data[y * info.width + x] < 80) [left, right] = [Math.min(left, x), Math.max(right, x)]
  assert.ok(right > 1095 && right <= 1118, `the headline ends at x=${right}`)
  assert.ok(left > 200, `a short headline starts at x=${left}, right-aligned (the left margin is at 72)`)
  // The ground is even (between the pill and the headline), the accent bar runs down the right edge.
  const colour = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  const pixel = (x: number, y: number) => [...colour.data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)]
  const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]) <= 8)
  for (let x = 0; x < 1180; x += 7) assert.ok(near(pixel(x, 122), [0xfb, 0xfa, 0xf7]), `ground at x=${x}: ${pixel(x, 122)}`)
  for (const y of [0, 315, 629]) assert.ok(near(pixel(1194, y), [0x9b, 0x1c, 0x1c]), `bar at y=${y}: ${pixel(1194, y)}`)
})
