import { decodeEntities } from './saudinewsnet.entities.js'

// SPA's headlines open with the desk's category («عام /», «رياضي /») and a story sent in parts
// ends with the part's number («… إضافة أولى», «… / إضافة ثانية وأخيرة»).

/** Wire category labels → the tag each becomes (spelling variants folded). */
const WIRE_LABELS: Record<string, string> = {
  'عام': 'عام', 'سياسي': 'سياسي', 'اقتصادي': 'اقتصادي', 'إقتصادي': 'اقتصادي', 'ثقافي': 'ثقافي',
  'رياضي': 'رياضي', 'اجتماعي': 'اجتماعي', 'إجتماعي': 'اجتماعي', 'تقرير': 'تقرير', 'صحي': 'صحي',
  'علمي': 'علمي', 'محلي': 'محلي', 'دولي': 'دولي', 'عربي': 'عربي',
}

const LEADING_LABEL = new RegExp(`^\\s*(${Object.keys(WIRE_LABELS).join('|')})\\s*/\\s*`)

const ORDINALS: Record<string, number> = {
  'أولى': 1, 'اولى': 1, 'ثانية': 2, 'ثالثة': 3, 'رابعة': 4, 'خامسة': 5, 'سادسة': 6, 'سابعة': 7, 'ثامنة': 8, 'تاسعة': 9, 'عاشرة': 10,
}
const PART = `إضافة\\s+(${Object.keys(ORDINALS).join('|')})(?:\\s*و\\s*[أا]خيرة)?`
const TRAILING_PART = new RegExp(`[\\s/]*${PART}\\s*$`)
/** A part's number printed as the body's first line (SPA's last part often carries the plain headline). */
export const LEADING_PART = new RegExp(`^\\s*${PART}\\s*(?:\\n|$)`)

export interface Headline {
  /** As given, entities decoded, without the wire label. */
  title: string
  /** The wire label, as the tag it becomes. */
  label: string | undefined
  /** The part's number when the headline says it continues a story; the story's headline is `story`. */
  part: number | undefined
  /** What a story and its continuations share: the headline without label, part and spacing. */
  story: string
}

export function parseHeadline(raw: string): Headline {
  const decoded = decodeEntities(raw)
  const labelMatch = LEADING_LABEL.exec(decoded)
  const title = labelMatch ? decoded.slice(labelMatch[0].length) : decoded
  const partMatch = TRAILING_PART.exec(title)
  const story = (partMatch ? title.slice(0, partMatch.index) : title).replace(/\s+/g, ' ').trim()
  return {
    title,
    label: labelMatch ? WIRE_LABELS[labelMatch[1]] : undefined,
    part: partMatch ? ORDINALS[partMatch[1]] : undefined,
    story,
  }
}

/** The part number a body's first line gives, if any. */
export function leadingPart(body: string): number | undefined {
  const match = LEADING_PART.exec(body)
  return match ? ORDINALS[match[1]] : undefined
}
