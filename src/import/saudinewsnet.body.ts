import { decodeEntities } from './saudinewsnet.entities.js'
import { LEADING_PART, leadingPart } from './saudinewsnet.headline.js'

// A corpus body → paragraphs and the tags the source page listed. Paragraphs end at every line
// break: two thirds of the records separate them with a single newline, the rest with a blank line.

export interface Body {
  paragraphs: string[]
  /** The source site's tag list («سمات …» at the end of «عين اليوم» pages). */
  tags: string[]
  /** The part number a continued story's first line gives («إضافة خامسة وأخيرة»). */
  part: number | undefined
}

/** Okaz pages open with the share bar's text. */
const SHARE_BAR = /^\s*شارك من خلال\s+تويتر\s+فيسبوك(?:\s+جوجل\s+بلس)?(?:\s+اكتب\s+رأيك)?\s*/
/** «عين اليوم» pages end with «سمات» and the tags, on the last line, with no full stop after them. */
const TAG_LIST = /(?:^|(?<=\s))سمات((?:[ \t]+[^\s]+){1,30})(?<![.!؟])[ \t]*$/
/** SPA's end mark and the desk's time stamp: «// انتهى //», «19:23 ت م». */
const WIRE_END = /^(?:\/\/\s*انتهى\s*\/\/|\d{1,2}:\d{2}\s*ت\s*م|ت\s*م)$/
/** Words that always go with the next one in a tag: «آل سعود», «محمد بن نايف», «عبد الله». */
const PARTICLES = new Set(['آل', 'أبو', 'ابو', 'أبا', 'بن', 'بنت', 'ابن', 'عبد', 'أم', 'ام', 'ذو'])
/** Words that open a longer name: titles, common first names, nouns of an institution («وزارة العمل»). */
const OPENS_NAME = new Set([
  'الأمير', 'الامير', 'الملك', 'الشيخ', 'الرئيس', 'ولي', 'أمير', 'امير', 'وزير', 'وزارة', 'جامعة', 'أمانة', 'امانة', 'هيئة',
  'مدينة', 'منطقة', 'مجلس', 'نادي', 'مطار', 'شركة', 'سوق', 'كأس', 'دوري', 'حرس', 'محمد', 'أحمد', 'احمد', 'عبدالله',
  'عبدالعزيز', 'عبدالرحمن', 'علي', 'خالد', 'ناصر', 'فهد', 'سعد', 'سعود', 'سلمان', 'فيصل', 'حسن', 'حسين', 'عمر', 'يوسف',
  'إبراهيم', 'ابراهيم', 'صالح', 'سلطان', 'مشعل', 'تركي', 'بندر', 'نايف', 'ماجد', 'سامي', 'عادل', 'طلال', 'جمال', 'مقرن', 'متعب',
])
const MAX_TAGS = 8

export function parseBody(content: string, source: string): Body {
  const decoded = decodeEntities(content).replace(SHARE_BAR, '')
  const part = leadingPart(decoded)
  let text = decoded.replace(LEADING_PART, '')
  let tags: string[] = []
  if (source === '3alyoum') {
    const match = TAG_LIST.exec(text)
    if (match) {
      tags = tagsFrom(match[1])
      text = text.slice(0, match.index)
    }
  }
  const paragraphs = text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && !WIRE_END.test(line))
  return { paragraphs, tags, part }
}

/**
 * The tag list lost its links when scraped: tags are single words, joined to the next word where
 * the word begins a name («آل سعود», «الأمير محمد بن نايف»); a tag the rule splits becomes two.
 */
function tagsFrom(list: string): string[] {
  const words = list.split(/\s+/).map((w) => w.replace(/^[.،,:;…]+|[.،,:;…]+$/g, '')).filter(Boolean)
  const tags: string[] = []
  for (let i = 0; i < words.length; i++) {
    const name = [words[i]]
    const joinsNext = () =>
      PARTICLES.has(name[name.length - 1]) || /^بنت?$/.test(words[i + 1]) || (name.length === 1 && OPENS_NAME.has(name[0])) || (words[i + 1] === 'آل' && OPENS_NAME.has(name[name.length - 1]))
    while (i + 1 < words.length && name.length < 5 && joinsNext()) name.push(words[++i])
    const tag = name.join(' ')
    if (tag.length > 1 && !tags.includes(tag)) tags.push(tag)
  }
  return tags.slice(0, MAX_TAGS)
}
