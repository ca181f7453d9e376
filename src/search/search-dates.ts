import { Invalid } from '../http/index.js'

/** `YYYY-MM-DD` → the instant that day begins in `timeZone`; a full ISO timestamp as given. Else a 400 naming `field`. */
export function dayStart(value: string, timeZone: string, field: string): Date {
  if (value.includes('T')) return instant(value, field)
  return midnightIn(calendarDay(value, field), timeZone)
}

/** `YYYY-MM-DD` → the last millisecond of that day in `timeZone` (the next midnight, less 1 ms); a full ISO timestamp as given. */
export function dayEnd(value: string, timeZone: string, field: string): Date {
  if (value.includes('T')) return instant(value, field)
  const [y, m, d] = calendarDay(value, field)
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return new Date(midnightIn([next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()], timeZone).getTime() - 1)
}

function instant(value: string, field: string): Date {
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) throw new Invalid('invalid_parameter', field)
  return at
}

type Day = [year: number, month: number, day: number]

/** A real calendar day: `Date` would roll 2026-02-30 over to 2 March, so the parts are checked back. */
function calendarDay(value: string, field: string): Day {
  const [y, m, d] = value.split('-').map(Number)
  const check = new Date(Date.UTC(y, m - 1, d))
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new Invalid('invalid_parameter', field)
  return [y, m, d]
}

/** Midnight starting `day` in `timeZone`, with the zone's offset read from Intl rather than computed by hand. */
function midnightIn([y, m, d]: Day, timeZone: string): Date {
  const local = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00`
  const first = new Date(local + offsetAt(new Date(`${local}Z`), timeZone))
  // Where the offset changes that night (summer time), the offset at UTC midnight may not be the one at local midnight.
  return new Date(local + offsetAt(first, timeZone))
}

/** The zone's UTC offset at an instant as ISO text (`+03:00`), from Intl's `longOffset` name (`GMT+03:00`, or `GMT`). */
function offsetAt(at: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  return name.slice(3) || '+00:00'
}
