// Bylines as the newspapers printed them: "city: name", "name - city", " name (city)", "«outlet» من city",
// several "city: name" parts, or an agency alone. Each part becomes a place, a person or a source.

export interface Byline {
  /** The first place named: the story's dateline. */
  dateline: string
  people: string[]
  /** Outlets and agencies named in the byline (canonical names). */
  sources: string[]
}

// Canonical name → spellings found in bylines. Matching ignores dots, spaces, hamza forms and ة/ه.
const OUTLETS: Record<string, string[]> = {
  'واس': ['واس', 'وأس', 'وكالة الأنباء السعودية'],
  'الشرق الأوسط': ['الشرق الأوسط', 'الشرق الأوسط أونلاين'],
  'رويترز': ['رويترز'],
  'أ ف ب': ['أ ف ب', 'فرانس برس', 'الفرنسية', 'وكالة الصحافة الفرنسية'],
  'د ب أ': ['د ب أ', 'الألمانية'],
  'يو بي آي': ['يو بي آي'],
  'أ ب': ['أسوشيتد برس'],
  'أ ش أ': ['أ ش أ'],
  'الأناضول': ['الأناضول'],
  'كونا': ['كونا'],
  'وام': ['وام'],
  'بنا': ['بنا'],
  'العمانية': ['العمانية'],
  'سكاي نيوز': ['سكاي نيوز', 'سكاي', 'sky'],
  'CNN': ['cnn', 'سي إن إن'],
  'BBC': ['bbc'],
  'RT': ['rt'],
  'وكالات': ['وكالات', 'الوكالات', 'كالات'],
  'الاقتصادية': ['الاقتصادية', 'الاقتصادية الإلكترونية', 'كلمة الاقتصادية'],
  'الجزيرة': ['الجزيرة'],
  'المدينة': ['المدينة'],
  'صحيفة الرياض': ['الرياض الإلكتروني', 'خاص بالرياض'], // plain «الرياض» is the city
  'الوطن': ['الوطن'],
  'الوئام': ['الوئام'],
  'اليوم': ['اليوم', 'كلمة اليوم'],
  'الرياضي': ['الرياضي'],
  'الرياضية': ['الرياضية'],
  'عكاظ': ['عكاظ'],
  'سبق': ['سبق'],
  'عين اليوم': ['عين اليوم'],
}

// Words that label the piece rather than name anyone ("متابعة", "تصوير", a desk name).
const LABELS = [
  'متابعة', 'متابعات', 'كتب', 'كتبت', 'بقلم', 'تحقيق', 'تصوير', 'عدسة', 'إعداد', 'تقرير', 'تحليل', 'حوار', 'حاوره',
  'خاص', 'زائر', 'إضاءة', 'هاتفيا', 'قراءة', 'استطلاع', 'شعر', 'عرض', 'ترجمة', 'الترجمة', 'تغطية', 'فن', 'نص',
  'كتابة', 'المؤلف', 'المناطق', 'المحليات', 'الثقافية', 'ثقافة اليوم', 'المحرر', 'المحرر الثقافي', 'مساحة زمنية',
  'أيم', 'بي إم', 'وبعد', 'مرات',
]

// Places of more than one word (a one-word part that is no outlet or label is taken for a place).
const PLACES = [
  'مكة المكرمة', 'المدينة المنورة', 'حفر الباطن', 'وادي الدواسر', 'خميس مشيط', 'ظهران الجنوب', 'الجبيل الصناعية',
  'المنطقة الشرقية', 'الحدود الشمالية', 'أحد رفيدة', 'محايل عسير', 'أبو عريش', 'رأس تنورة', 'رام الله', 'القدس المحتلة',
  'تل أبيب', 'بيت لحم', 'شرم الشيخ', 'الدار البيضاء', 'أبو ظبي', 'إسلام آباد', 'نيو دلهي', 'هونغ كونغ', 'كوالا لمبور',
  'لوس أنجليس', 'لوس أنجلوس', 'سان فرانسيسكو', 'سان بطرسبرج', 'ساو باولو', 'ريو دي جانيرو', 'بوينس آيرس',
  'الولايات المتحدة', 'الأمم المتحدة', 'جنوب أفريقيا', 'دير الزور', 'بئر السبع',
]

/** A comparison key: no dots, spaces, tatweel or diacritics; one alef, ه for ة, ي for ى; lower case. */
export function matchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640.\s]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
}

const outletByKey = new Map<string, string>()
for (const [name, spellings] of Object.entries(OUTLETS)) for (const s of [name, ...spellings]) outletByKey.set(matchKey(s), name)
const labelKeys = new Set(LABELS.map(matchKey))
const placeKeys = new Set(PLACES.map(matchKey))

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&quot;': '"', '&ndash;': '-', '&mdash;': '-', '&amp;': '&', '&#39;': "'" }
const SEPARATORS = /\s*[-–—:(),،؛;/|*]\s*|\s+من\s+|\s+و\s+|\s{2,}/
const LEADING_LABEL = new RegExp(`^(${LABELS.filter((w) => !w.includes(' ')).join('|')})\\s+`)
const MAX_NAME_WORDS = 7
const MAX_NAME_LENGTH = 60

/** Splits a printed byline into its dateline, people and cited outlets. */
export function parseByline(raw: string): Byline {
  const text = raw
    .replace(/&[a-z]+;|&#\d+;/gi, (e) => ENTITIES[e.toLowerCase()] ?? ' ')
    .replace(/[\u00a0\u200b-\u200f\u202a-\u202e]/g, ' ')
    .replace(/\s+ـ+|ـ+\s+/g, ' - ') // tatweel beside a space is a dash; inside a word it is a stretch
    .replace(/[«»"“”'{}[\]]/g, '')
  const byline: Byline = { dateline: '', people: [], sources: [] }
  for (const part of text.split(SEPARATORS)) {
    const token = part.trim().replace(LEADING_LABEL, '').replace(/^مكتب\s+/, '').trim()
    const key = matchKey(token)
    if (key.length < 2 || labelKeys.has(key)) continue
    const outlet = outletByKey.get(key)
    if (outlet) {
      if (!byline.sources.includes(outlet)) byline.sources.push(outlet)
      continue
    }
    if (/[0-9a-z٠-٩]/i.test(token)) continue // times, dates and stray Latin words
    const words = token.split(/\s+/)
    if (words.length === 1 || placeKeys.has(key)) {
      if (!byline.dateline) byline.dateline = token
      continue
    }
    // A sentence: the story's first lines ran into the byline, so nothing after it is a name.
    if (words.length > MAX_NAME_WORDS || token.length > MAX_NAME_LENGTH || /[.!؟?]{2}|[!؟?]/.test(token)) break
    const name = words.join(' ')
    if (!byline.people.includes(name)) byline.people.push(name)
  }
  return byline
}
