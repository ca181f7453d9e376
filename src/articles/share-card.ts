import sharp from 'sharp'
import { CARD_FONT_FAMILY, loadCardFonts } from './share-card-fonts.js'
import { SHARE_CARD_SIZE, type ShareCardText } from './share-card-path.js'

// The card readers see when a story is shared (WhatsApp, X): the headline in the site's headline
// face, right-aligned, over at most five lines; the section in a pill above it and the site's name
// under a rule, beside the accent bar on the inline-start (right) edge. Text is laid out by Pango
// with HarfBuzz through sharp's `text` input: shaping, ligatures and the bidi algorithm are theirs.

const { width: WIDTH, height: HEIGHT } = SHARE_CARD_SIZE
const COLOURS = { background: '#fbfaf7', text: '#1b1b1f', accent: '#9b1c1c', onAccent: '#ffffff', rule: '#dedbd2' }
const BAR = 14
const MARGIN = 72
/** The x of the text's inline-start (right) edge. */
const START = WIDTH - BAR - MARGIN
const MEASURE = START - MARGIN
const HEADLINE = { top: 136, bottom: 500 }
/** The largest size whose lines fit wins; past the last step the headline ends in an ellipsis. */
const STEPS = [
  { size: 68, lines: 3 },
  { size: 58, lines: 4 },
  { size: 48, lines: 5 },
] as const
/** Line pitch as a share of the size (the page's headlines: line-height 1.4). */
const LEADING = 1.45
const PILL = { top: 52, height: 56, padding: 24, size: 28 }
const RULE_Y = 528
const BRAND = { size: 40, bottom: 598 }
const RLM = '\u200f'

export interface TextImage {
  data: Buffer
  width: number
  height: number
}

/** Pango markup is the one input the text renderer takes: text from people is escaped. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * One paragraph as RGBA pixels cropped to its ink, base direction right-to-left (a leading RLM: Pango
 * takes the direction from the first strong letter, so «Apple تطلق…» would otherwise run left to
 * right), wrapped at word boundaries to `width` when given, each line against the right edge.
 */
export async function renderCardText(text: string, options: { size: number; width?: number; colour?: string; spacing?: number }): Promise<TextImage> {
  await loadCardFonts()
  const markup = `<span foreground="${options.colour ?? COLOURS.text}">${escapeMarkup(RLM + text)}</span>`
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: `${CARD_FONT_FAMILY} Bold ${options.size}`,
      rgba: true,
      dpi: 72, // sizes in pixels
      // Pango swaps 'left' to the right edge in a right-to-left paragraph.
      align: 'left',
      ...(options.width ? { width: options.width, wrap: 'word-char' as const } : {}),
      ...(options.spacing ? { spacing: options.spacing } : {}),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

interface Leading {
  /** Extra space between lines that brings the font's own pitch to LEADING × size. */
  spacing: number
  /** The height of one line's ink and the pitch from line to line, to count lines from a height. */
  oneLine: number
  pitch: number
}

const leadings = new Map<number, Promise<Leading>>()

/** Noto Kufi Arabic's own line pitch is nearly twice its size (room for stacked marks): measured once per size. */
function leadingOf(size: number): Promise<Leading> {
  let leading = leadings.get(size)
  if (!leading) {
    leading = (async () => {
      const [one, two] = await Promise.all([renderCardText('لي', { size }), renderCardText('لي\nلي', { size })])
      const pitch = Math.round(LEADING * size)
      return { spacing: pitch - (two.height - one.height), oneLine: one.height, pitch }
    })()
    leadings.set(size, leading)
  }
  return leading
}

export interface HeadlineLayout {
  size: number
  lines: number
  /** The headline as drawn: whole, or cut after a word with an ellipsis. */
  text: string
  image: TextImage
}

async function tryLayout(text: string, size: number): Promise<HeadlineLayout> {
  const leading = await leadingOf(size)
  const image = await renderCardText(text, { size, width: MEASURE, spacing: leading.spacing })
  const lines = 1 + Math.max(0, Math.round((image.height - leading.oneLine) / leading.pitch))
  return { size, lines, text, image }
}

/** At most the step's lines, and ink no taller than the box (a line count from a height is an estimate). */
const fits = (layout: HeadlineLayout, lines: number) => layout.lines <= lines && layout.image.height <= HEADLINE.bottom - HEADLINE.top

/** The largest step the headline fits; at the smallest, the most whole words that fit, then «…». */
export async function layoutHeadline(title: string): Promise<HeadlineLayout> {
  const text = title.replace(/\s+/g, ' ').trim()
  for (const step of STEPS) {
    const layout = await tryLayout(text, step.size)
    if (fits(layout, step.lines)) return layout
  }
  const { size, lines } = STEPS[STEPS.length - 1]
  // By words; when not even the first word fits (a pasted address), by characters (a letter keeps its marks).
  const characters = [...new Intl.Segmenter('ar', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment)
  return (await longestPrefix(text.split(' '), ' ', size, lines)) ?? (await longestPrefix(characters, '', size, lines)) ?? tryLayout('…', size)
}

/** The layout of the most `units` that fit before an ellipsis (a binary search), if any do. */
async function longestPrefix(units: string[], joiner: string, size: number, lines: number): Promise<HeadlineLayout | undefined> {
  let [kept, tooMany] = [0, units.length] // all of them did not fit: that is why we cut
  let best: HeadlineLayout | undefined
  while (tooMany - kept > 1) {
    const middle = (kept + tooMany) >> 1
    const layout = await tryLayout(`${units.slice(0, middle).join(joiner)}…`, size)
    if (fits(layout, lines)) [kept, best] = [middle, layout]
    else tooMany = middle
  }
  return best
}

/** A single line at `size`, made smaller if it is wider than `max`. */
async function renderLabel(text: string, size: number, max: number, colour: string): Promise<TextImage> {
  const image = await renderCardText(text, { size, colour })
  return image.width <= max ? image : renderCardText(text, { size: Math.floor((size * max) / image.width), colour })
}

const raw = (image: TextImage, left: number, top: number) => ({
  input: image.data,
  raw: { width: image.width, height: image.height, channels: 4 as const },
  left: Math.round(left),
  top: Math.round(top),
})

let backgroundPixels: Promise<Buffer> | undefined

/** What every card shares (ground, accent bar, rule), drawn once: libvips' `create` costs more than the rest of a card. */
function background(): Promise<Buffer> {
  backgroundPixels ??= sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: COLOURS.background } })
    .composite([
      { input: { create: { width: BAR, height: HEIGHT, channels: 3, background: COLOURS.accent } }, left: WIDTH - BAR, top: 0 },
      { input: { create: { width: MEASURE, height: 2, channels: 3, background: COLOURS.rule } }, left: MARGIN, top: RULE_Y },
    ])
    .removeAlpha() // composite adds one
    .raw()
    .toBuffer()
  return backgroundPixels
}

/** The share card as a JPEG, WhatsApp's preferred type. */
export async function renderShareCard(card: ShareCardText): Promise<Buffer> {
  const [headline, section, brand] = await Promise.all([
    layoutHeadline(card.title),
    renderLabel(card.section, PILL.size, MEASURE / 2, COLOURS.onAccent),
    renderLabel(card.siteName, BRAND.size, MEASURE, COLOURS.accent),
  ])
  const pillWidth = section.width + 2 * PILL.padding
  const pill = `<svg xmlns="http://www.w3.org/2000/svg" width="${pillWidth}" height="${PILL.height}"><rect width="100%" height="100%" rx="8" fill="${COLOURS.accent}"/></svg>`
  const headlineTop = HEADLINE.top + (HEADLINE.bottom - HEADLINE.top - headline.image.height) / 2
  return sharp(await background(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .composite([
      { input: Buffer.from(pill), left: START - pillWidth, top: PILL.top },
      raw(headline.image, START - headline.image.width, headlineTop),
      raw(section, START - PILL.padding - section.width, PILL.top + (PILL.height - section.height) / 2),
      raw(brand, START - brand.width, BRAND.bottom - brand.height),
    ])
    // libjpeg-turbo, not mozjpeg: 6 ms against 53 ms of CPU for 15 % more bytes (about 50 KiB; WhatsApp wants under 300).
    .jpeg({ quality: 82 })
    .toBuffer()
}
