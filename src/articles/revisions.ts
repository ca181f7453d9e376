import { diffWords } from 'diff'
import { htmlToText } from './article-text.js'
import { EDITABLE_FIELD_NAMES, EMPTY_FIELDS, type EditableFields } from './editorial.js'

// A revision stores the editable fields as JSON. Older snapshots may lack fields added later:
// they read as the defaults (EMPTY_FIELDS), so a restore never fails on an old revision.

export function snapshotOf(fields: EditableFields): string {
  const picked: Record<string, unknown> = {}
  for (const name of EDITABLE_FIELD_NAMES) picked[name] = fields[name]
  return JSON.stringify(picked)
}

export function fieldsOfSnapshot(snapshot: string): EditableFields {
  const parsed = JSON.parse(snapshot) as Partial<EditableFields>
  return { ...EMPTY_FIELDS, ...parsed }
}

/** One piece of a word diff: kept, added or removed text. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

export interface FieldChange {
  field: keyof EditableFields
  before: string
  after: string
  /** Word diff for text fields; absent for ids and flags. */
  parts?: DiffPart[]
}

// Arabic words are whole words to Intl.Segmenter; the diff library's own splitter cuts them into letters.
const WORDS = new Intl.Segmenter('ar', { granularity: 'word' })
const TEXT_FIELDS = new Set<keyof EditableFields>(['title', 'slug', 'summary', 'bodyHtml', 'dateline', 'seoTitle', 'seoDescription'])

/** The body as readable text: one line per block, so the diff reads paragraph by paragraph. */
export function bodyAsText(html: string): string {
  return html
    .split(/<\/(?:p|h[1-6]|li|blockquote|figcaption)>|<br\s*\/?>/i)
    .map(htmlToText)
    .filter(Boolean)
    .join('\n')
}

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: WORDS }).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }))
}

function shown(field: keyof EditableFields, value: unknown): string {
  if (field === 'bodyHtml') return bodyAsText(String(value))
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v ? `${v.name}${v.url ? ` <${v.url}>` : ''}` : String(v))).join('، ')
  if (typeof value === 'boolean') return value ? 'نعم' : 'لا'
  return value === null || value === undefined ? '' : String(value)
}

/** What changed from one revision to another, field by field, in the order of the form. */
export function diffRevisions(before: EditableFields, after: EditableFields): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of EDITABLE_FIELD_NAMES) {
    const a = shown(field, before[field])
    const b = shown(field, after[field])
    if (a === b) continue
    changes.push({ field, before: a, after: b, parts: TEXT_FIELDS.has(field) ? wordDiff(a, b) : undefined })
  }
  return changes
}
