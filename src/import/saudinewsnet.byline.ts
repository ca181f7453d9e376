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
  'وكالات': ['وكالات', 'الوكالات', 'كالات', 'وكالات الأنباء'],
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
  'أيم', 'بي إم', 'وبعد', 'مرات', 'هاتفيا', 'هاتفياً',
]

// Places of more than one word (a one-word part that is no outlet or label is taken for a place).
const PLACES = [
  'مكة المكرمة', 'المدينة المنورة', 'حفر الباطن', 'وادي الدواسر', 'خميس مشيط', 'ظهران الجنوب', 'الجبيل الصناعية',
  'المنطقة الشرقية', 'الحدود الشمالية', 'أحد رفيدة', 'محايل عسير', 'أبو عريش', 'رأس تنورة', 'رام الله', 'القدس المحتلة',
  'تل أبيب', 'بيت لحم', 'شرم الشيخ', 'الدار البيضاء', 'أبو ظبي', 'إسلام آباد', 'نيو دلهي', 'هونغ كونغ', 'كوالا لمبور',
  'لوس أنجليس', 'لوس أنجلوس', 'سان فرانسيسكو', 'سان بطرسبرج', 'ساو باولو', 'ريو دي جانيرو', 'بوينس آيرس',
  'الولايات المتحدة', 'الأمم المتحدة', 'جنوب أفريقيا', 'دير الزور', 'بئر السبع', 'ديار بكر', 'الحد الجنوبي',
  'دومة الجندل', 'عواصم عربية', 'عواصم العالم',
]

// Cities a byline may run into a name without a separator («نذير رضا لندن»).
const CITIES = [
  'لندن', 'بيروت', 'القاهرة', 'واشنطن', 'باريس', 'دبي', 'عمان', 'بغداد', 'دمشق', 'صنعاء', 'عدن', 'طهران', 'أنقرة',
  'إسطنبول', 'موسكو', 'نيويورك', 'جدة', 'الرياض', 'الدمام', 'جنيف', 'برلين', 'روما', 'الكويت', 'الدوحة', 'المنامة',
  'مسقط', 'تونس', 'الرباط', 'الخرطوم', 'غزة', 'القدس', 'أبوظبي', 'بروكسل', 'عواصم', 'مكة', 'الطائف', 'أبها', 'تبوك',
]

// A part that starts with one of these names an office, a desk or a body, not a person
// («المنسق الإعلامي», «اللجنة الإعلامية»); after a name, it is that person's title and is dropped.
const OFFICES = [
  'المنسق', 'منسق', 'الموفد', 'موفد', 'القسم', 'قسم', 'المركز', 'مركز', 'اللجنة', 'لجنة', 'المتحدث', 'متحدث', 'فريق',
  'رئيس', 'سعادة', 'عضو', 'إشراف', 'مكتب', 'المكتب', 'إدارة', 'الإدارة', 'وحدة', 'هيئة', 'الهيئة', 'جمعية', 'الجمعية',
  'وزارة', 'مجلس', 'المجلس', 'مراسل', 'مراسلنا', 'المراسل', 'مندوب', 'قناة', 'صحيفة', 'جريدة', 'موقع', 'الجنرال',
  'نادي', 'النادي', 'شرطة', 'أمانة', 'جامعة', 'مدير', 'المدير', 'وكيل', 'مصدر', 'مصادر',
]
/** First words of a two-word place («شمال بيروت»). */
const PLACE_PREFIXES = ['شمال', 'جنوب', 'شرق', 'غرب', 'وسط', 'ريف', 'جنوبي', 'شمالي']

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
const cityKeys = new Set(CITIES.map(matchKey))
const officeKeys = new Set(OFFICES.map(matchKey))
const placePrefixKeys = new Set(PLACE_PREFIXES.map(matchKey))

/** True when a name as printed names an office, a body, a place or an outlet rather than a person. */
export function isNotAPerson(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean)
  const keys = words.map(matchKey)
  const key = matchKey(name)
  return (
    outletByKey.has(key) || placeKeys.has(key) || keys.some((k) => officeKeys.has(k) || cityKeys.has(k) || outletByKey.has(k)) ||
    (words.length === 2 && placePrefixKeys.has(keys[0])) || (keys.length > 1 && outletByKey.has(keys.slice(-2).join('')))
  )
}

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
    .replace(/(\S)(د ب [أا]|[أا] ف ب)(?=\s|$)/g, '$1 $2') // «القاهرةد ب أ»
  const byline: Byline = { dateline: '', people: [], sources: [] }
  const addPlace = (place: string) => {
    if (!byline.dateline) byline.dateline = place
  }
  const addSource = (outlet: string) => {
    if (!byline.sources.includes(outlet)) byline.sources.push(outlet)
  }
  for (const part of text.split(SEPARATORS)) {
    const token = part.trim().replace(LEADING_LABEL, '').replace(/^مكتب\s+/, '').trim()
    if (matchKey(token).length < 2 || labelKeys.has(matchKey(token))) continue
    if (/[0-9a-z٠-٩]/i.test(token) && !outletByKey.has(matchKey(token))) continue // times, dates and stray Latin words
    let words = token.split(/\s+/)
    // An outlet or a city run into the part without a separator: «لندن رويترز», «نذير رضا لندن».
    for (;;) {
      const n = [3, 2, 1].find((k) => words.length > k && outletByKey.has(matchKey(words.slice(-k).join(' '))))
      if (n) {
        addSource(outletByKey.get(matchKey(words.slice(-n).join(' ')))!)
        words = words.slice(0, -n)
      } else if (words.length > 2 && placeKeys.has(matchKey(words.slice(-2).join(' '))) && !placeKeys.has(matchKey(words.join(' ')))) {
        addPlace(words.splice(-2).join(' '))
      } else if (words.length > 1 && cityKeys.has(matchKey(words[words.length - 1])) && !placeKeys.has(matchKey(words.join(' ')))) {
        addPlace(words.pop()!)
      } else break
    }
    if (words.length === 0) continue
    const outlet = outletByKey.get(matchKey(words.join(' ')))
    if (outlet) {
      addSource(outlet)
      continue
    }
    // A place or an outlet at the start, with no separator after it: «الرياض خالد الفهد», «مكة المكرمة تصوير …».
    // After an outlet comes a desk or a column's name («سبق تقول للمسؤول»), never a person.
    if (words.length > 1 && !placeKeys.has(matchKey(words.join(' ')))) {
      if (outletByKey.has(matchKey(words[0]))) {
        addSource(outletByKey.get(matchKey(words[0]))!)
        continue
      }
      const head = words.length > 2 && placeKeys.has(matchKey(words.slice(0, 2).join(' '))) ? 2 : cityKeys.has(matchKey(words[0])) ? 1 : 0
      if (head > 0) {
        addPlace(words.splice(0, head).join(' '))
        while (words.length > 0 && labelKeys.has(matchKey(words[0]))) words.shift()
        if (words.length === 0) continue
      }
    }
    const key = matchKey(words.join(' '))
    if (words.length === 1 || placeKeys.has(key) || (words.length === 2 && placePrefixKeys.has(matchKey(words[0])))) {
      addPlace(words.join(' '))
      continue
    }
    // A sentence: the story's first lines ran into the byline, so nothing after it is a name.
    if (words.length > MAX_NAME_WORDS || token.length > MAX_NAME_LENGTH || /[.!؟?]{2}|[!؟?]|\p{L}{3}\.$/u.test(token)) break
    // An office: alone it is no one; after a name it is their title.
    const office = words.findIndex((w) => officeKeys.has(matchKey(w)))
    if (office === 0 || office === 1) continue
    if (office > 1) words = words.slice(0, office)
    const name = words.join(' ')
    if (!byline.people.includes(name)) byline.people.push(name)
  }
  return byline
}
