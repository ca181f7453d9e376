import { paragraphsToHtml } from '../articles/index.js'
import { parseBody } from './saudinewsnet.body.js'
import { parseByline } from './saudinewsnet.byline.js'
import { dekFrom, WIRE_DATELINE } from './saudinewsnet.dek.js'
import { parseRiyadhTime, withoutControlCharacters } from './saudinewsnet.fields.js'
import { parseHeadline } from './saudinewsnet.headline.js'
import type { SaudiNewsNetRecord } from './saudinewsnet.reader.js'

/** The corpus's newspapers (id → Arabic name), from the data set's README; the id is the section slug. */
export const NEWSPAPERS: Readonly<Record<string, string>> = {
  aawsat: 'الشرق الأوسط',
  aleqtisadiya: 'الاقتصادية',
  aljazirah: 'الجزيرة',
  almadina: 'المدينة',
  alriyadh: 'الرياض',
  alwatan: 'الوطن',
  alweeam: 'الوئام',
  alyaum: 'اليوم',
  arreyadi: 'الرياضي',
  arriyadiyah: 'الرياضية',
  okaz: 'عكاظ',
  sabq: 'سبق',
  was: 'واس',
  '3alyoum': 'عين اليوم',
}

export type SkipReason = 'no_title' | 'no_body'

export interface MappedArticle {
  sourceUrl: string
  title: string
  paragraphs: string[]
  bodyHtml: string
  /** The dek: the opening sentence, cut at a word boundary. */
  summary: string
  publishedAt: Date
  section: { slug: string; name: string }
  dateline: string
  people: string[]
  sources: string[]
  tags: string[]
  /** The headline without wire label and part number: a story's continuations share it. */
  story: string
  /** Set when the headline says the record continues a story («إضافة أولى»). */
  continues: number | undefined
  /** Where this part goes in its story: 0 for the story's own record unless its body numbers it. */
  order: number
}

/** Why a record can't become an article: no headline, or no body text. */
export function skipReason(record: SaudiNewsNetRecord): SkipReason | undefined {
  return mapOrSkip(record).skip
}

/** A record → why it is skipped, or what Nashra stores: its body parsed once for both. */
export function mapOrSkip(record: SaudiNewsNetRecord): { skip: SkipReason; article?: undefined } | { skip?: undefined; article: MappedArticle } {
  if (isBlank(record.title)) return { skip: 'no_title' }
  const body = recordBody(record)
  if (body.paragraphs.length === 0) return { skip: 'no_body' }
  return { article: mapRecord(record, body) }
}

function recordBody(record: SaudiNewsNetRecord) {
  return parseBody(withoutControlCharacters(record.content), record.source)
}

/** Blank once cleaned: a headline of control characters only would be stored empty. */
function isBlank(text: string): boolean {
  return withoutControlCharacters(text).trim() === ''
}

/**
 * A corpus record that has a headline and body text → what Nashra stores. Text loses its control
 * characters (scraping left U+001A in 91 corpus bodies and a headline) and its HTML entities; the
 * URL is kept byte for byte, as the duplicate key, and the reader refuses one with control characters.
 */
export function mapRecord(record: SaudiNewsNetRecord, body = recordBody(record)): MappedArticle {
  const headline = parseHeadline(withoutControlCharacters(record.title))
  const byline = parseByline(withoutControlCharacters(record.author))
  const wire = WIRE_DATELINE.exec(body.paragraphs[0] ?? '')
  const sources = wire && !byline.sources.includes('واس') ? [...byline.sources, 'واس'] : byline.sources
  return {
    sourceUrl: record.url,
    title: headline.title,
    ...withParagraphs(body.paragraphs),
    publishedAt: checkedTime(record.date_extracted),
    section: { slug: record.source, name: NEWSPAPERS[record.source] ?? record.source },
    dateline: byline.dateline || (wire ? wire[1] : ''),
    people: byline.people,
    sources,
    tags: headline.label ? [headline.label, ...body.tags.filter((t) => t !== headline.label)] : body.tags,
    story: headline.story,
    continues: headline.part,
    order: headline.part ?? body.part ?? 0,
  }
}

/** The body's HTML and dek from its paragraphs. */
export function withParagraphs(paragraphs: string[]): Pick<MappedArticle, 'paragraphs' | 'bodyHtml' | 'summary'> {
  return { paragraphs, bodyHtml: paragraphsToHtml(paragraphs.join('\n\n')), summary: dekFrom(paragraphs) }
}

/** The reader has refused impossible times already; a record that skipped it must not get an invented date. */
function checkedTime(local: string): Date {
  const time = parseRiyadhTime(local)
  if (!time) throw new Error(`not a real time: ${JSON.stringify(local)}`)
  return time
}
