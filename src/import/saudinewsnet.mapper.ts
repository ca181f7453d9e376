import { paragraphsToHtml } from '../articles/index.js'
import { parseByline } from './saudinewsnet.byline.js'
import { parseRiyadhTime, withoutControlCharacters } from './saudinewsnet.fields.js'
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
  bodyHtml: string
  publishedAt: Date
  section: { slug: string; name: string }
  dateline: string
  people: string[]
  sources: string[]
}

/** Why a record can't become an article: no headline, or no body text. */
export function skipReason(record: SaudiNewsNetRecord): SkipReason | undefined {
  if (isBlank(record.title)) return 'no_title'
  if (isBlank(record.content)) return 'no_body'
  return undefined
}

/** Blank once cleaned: a headline of control characters only would be stored empty. */
function isBlank(text: string): boolean {
  return withoutControlCharacters(text).trim() === ''
}

/**
 * A corpus record that has a headline and body text → what Nashra stores. Text loses its control
 * characters (scraping left U+001A in 91 corpus bodies and a headline); the URL is kept byte for byte, as the
 * duplicate key, and the reader refuses one with control characters.
 */
export function mapRecord(record: SaudiNewsNetRecord): MappedArticle {
  const bodyHtml = paragraphsToHtml(withoutControlCharacters(record.content))
  const byline = parseByline(withoutControlCharacters(record.author))
  return {
    sourceUrl: record.url,
    title: withoutControlCharacters(record.title),
    bodyHtml,
    publishedAt: checkedTime(record.date_extracted),
    section: { slug: record.source, name: NEWSPAPERS[record.source] ?? record.source },
    dateline: byline.dateline,
    people: byline.people,
    sources: byline.sources,
  }
}

/** The reader has refused impossible times already; a record that skipped it must not get an invented date. */
function checkedTime(local: string): Date {
  const time = parseRiyadhTime(local)
  if (!time) throw new Error(`not a real time: ${JSON.stringify(local)}`)
  return time
}
