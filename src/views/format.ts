// Dates, numbers and plurals for Arabic readers, from Intl; the site's settings pick locale and digits.

export interface FormatOptions {
  locale: string // 'ar', 'ar-LB', …
  digits: 'arab' | 'latn'
  timeZone: string
}

export interface Formatter {
  date(d: Date): string
  dateTime(d: Date): string
  time(d: Date): string
  year(d: Date): string
  hijri(d: Date): string
  /** The day in the site's time zone as a `<time datetime>` takes it: 2026-12-07. */
  isoDay(d: Date): string
  relative(d: Date, now: Date): string
  number(n: number): string
  /** The plural form of a count: 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'. */
  plural(n: number): Intl.LDMLPluralRule
}

const cache = new Map<string, Formatter>()

/** One formatter per locale/digits/zone, built once: Intl constructors are slow, formatting is fast. */
export function formatter(options: FormatOptions): Formatter {
  const key = `${options.locale}|${options.digits}|${options.timeZone}`
  let f = cache.get(key)
  if (!f) cache.set(key, (f = buildFormatter(options)))
  return f
}

function buildFormatter({ locale, digits, timeZone }: FormatOptions): Formatter {
  const tag = `${locale}-u-nu-${digits}`
  const date = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone })
  const dateTime = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone })
  const time = new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit', timeZone })
  const year = new Intl.DateTimeFormat(tag, { year: 'numeric', timeZone })
  const hijri = new Intl.DateTimeFormat(`${locale}-u-ca-islamic-umalqura-nu-${digits}`, { day: 'numeric', month: 'long', year: 'numeric', timeZone })
  // en-CA writes a date as ISO 8601 does (year-month-day, Latin digits).
  const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })
  const number = new Intl.NumberFormat(tag)
  const plural = new Intl.PluralRules('ar')
  return {
    date: (d) => date.format(d),
    dateTime: (d) => dateTime.format(d),
    time: (d) => time.format(d),
    year: (d) => year.format(d),
    hijri: (d) => hijri.format(d),
    isoDay: (d) => isoDay.format(d),
    relative: (d, now) => relativeTime(relative, date, d, now),
    number: (n) => number.format(n),
    plural: (n) => plural.select(n),
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86400],
]

/** «منذ ساعتين» up to a week back, then the date itself. */
function relativeTime(rtf: Intl.RelativeTimeFormat, date: Intl.DateTimeFormat, d: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - d.getTime()) / 1000)
  if (seconds < 0 || seconds >= 7 * 86400) return date.format(d)
  if (seconds < 60) return 'الآن'
  let unit = UNITS[0]
  for (const candidate of UNITS) if (seconds >= candidate[1]) unit = candidate
  // Intl writes «قبل ساعتين»; Arabic newsrooms write «منذ ساعتين».
  return rtf.format(-Math.floor(seconds / unit[1]), unit[0]).replace(/^قبل /, 'منذ ')
}

/** Picks the Arabic wording for a count from its six plural forms. */
export function pluralize(f: Formatter, n: number, forms: Record<Intl.LDMLPluralRule, string>): string {
  return forms[f.plural(n)].replace('{n}', f.number(n))
}
