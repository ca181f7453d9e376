import { paragraphsToHtml } from '../articles/index.js'
import { parseByline } from './saudinewsnet.byline.js'
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

/** Riyadh keeps UTC+3 all year (no daylight saving), so the offset is fixed. */
const RIYADH_OFFSET_HOURS = 3

/** "2015-08-01 14:30:00" in Riyadh → the UTC instant. */
export function riyadhTime(local: string): Date {
  const [y, mo, d, h, mi, s] = local.split(/[- :]/).map(Number)
  return new Date(Date.UTC(y, mo - 1, d, h - RIYADH_OFFSET_HOURS, mi, s))
}

/** Why a record can't become an article: no headline, or no body text. */
export function skipReason(record: SaudiNewsNetRecord): SkipReason | undefined {
  if (record.title.trim() === '') return 'no_title'
  if (record.content.trim() === '') return 'no_body'
  return undefined
}

/** A corpus record that has a headline and body text → what Nashra stores. */
export function mapRecord(record: SaudiNewsNetRecord): MappedArticle {
  const bodyHtml = paragraphsToHtml(record.content)
  const byline = parseByline(record.author)
  return {
    sourceUrl: record.url,
    title: record.title,
    bodyHtml,
    publishedAt: riyadhTime(record.date_extracted),
    section: { slug: record.source, name: NEWSPAPERS[record.source] ?? record.source },
    dateline: byline.dateline,
    people: byline.people,
    sources: byline.sources,
  }
}
