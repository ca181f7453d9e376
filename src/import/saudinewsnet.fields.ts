// Rules for the corpus's field values: the reader refuses what breaks them, the mapper cleans what it can.

/** Riyadh keeps UTC+3 all year (no daylight saving), so the offset is fixed. */
const RIYADH_OFFSET_HOURS = 3

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/**
 * "2015-08-01 14:30:00" in Riyadh → the UTC instant; undefined unless it is a real time. Date.UTC
 * alone would roll "2015-99-99 25:00:00" over into 2023.
 */
export function parseRiyadhTime(local: string): Date | undefined {
  const match = LOCAL_TIME.exec(local)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day) // not Date.UTC: it reads years 0–99 as 1900–1999
  utc.setUTCHours(hour - RIYADH_OFFSET_HOURS, minute, second)
  return utc
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/**
 * Characters with no place in stored text: C0 and C1 controls, DEL, lone surrogate halves (not
 * UTF-8: SQLite keeps bytes that read back as three U+FFFD) and the noncharacters U+FFFE and U+FFFF.
 */
const CONTROL = /[\p{Cc}\p{Cs}\uFFFE\uFFFF]/u
const CONTROL_BUT_LINE_BREAKS = /(?![\t\n\r])[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu

/** Text without control characters; tabs and line breaks stay (they separate words and paragraphs). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_BUT_LINE_BREAKS, '')
}

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text)
}
