// Why a comment is where it is, and why a reader reported it: stored as codes, worded in Arabic only
// by the moderation page. Every lookup here is by own property: the keys come from readers and
// moderators, and `constructor` or `__proto__` must not find Object.prototype.

/** A status reason: a code, optionally followed by `:` and one parameter (`links:3`, `note:<words>`). */
export type StatusReasonCode =
  | 'first_comment'
  | 'known_commenter'
  | 'staff_reply'
  | 'approved_with_staff_reply'
  | 'demo'
  | 'links'
  | 'reports'
  | 'word_list'
  /** A moderator's own words. */
  | 'note'
  | 'approve'
  | 'spam'
  | 'trash'
  | 'restore'
  | 'pending'

export const statusReason = (code: StatusReasonCode, param?: string | number): string => (param === undefined ? code : `${code}:${param}`)

// Rows written before reasons were codes held English phrases.
const LEGACY_REASONS = new Map<string, string>([
  ['first comment', 'first_comment'],
  ['known commenter', 'known_commenter'],
  ['staff reply', 'staff_reply'],
  ['approved with a staff reply', 'approved_with_staff_reply'],
])

/** A stored status reason as code and parameter; an unknown code is the caller's to show as stored. */
export function parseStatusReason(stored: string): { code: string; param: string } {
  const legacy = LEGACY_REASONS.get(stored)
  if (legacy) return { code: legacy, param: '' }
  const old = /^(\d+) (links|reports)$/.exec(stored) ?? /^(word list): (.*)$/s.exec(stored)
  if (old) return old[1] === 'word list' ? { code: 'word_list', param: old[2] } : { code: old[2], param: old[1] }
  const colon = stored.indexOf(':')
  return colon < 0 ? { code: stored, param: '' } : { code: stored.slice(0, colon), param: stored.slice(colon + 1) }
}

export const REPORT_REASONS = Object.freeze({
  spam: 'إعلان أو رسالة مزعجة',
  abuse: 'إساءة أو خطاب كراهية',
  personal: 'معلومات شخصية عن أحد',
  other: 'سبب آخر',
})
export type ReportReason = keyof typeof REPORT_REASONS

export const isReportReason = (value: unknown): value is ReportReason => typeof value === 'string' && Object.hasOwn(REPORT_REASONS, value)

/** A stored report: its reason code, then the reader's own words after `: ` (or none). */
export const reportReason = (reason: ReportReason, details: string): string => (details ? `${reason}: ${details}` : reason)

export function parseReport(stored: string): { reason: string; details: string } {
  const at = stored.indexOf(': ')
  return at < 0 ? { reason: stored, details: '' } : { reason: stored.slice(0, at), details: stored.slice(at + 2) }
}
