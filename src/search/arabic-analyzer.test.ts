import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ANALYZER_VERSION, EXACT_MARK, WordMemo, analyze, indexForms, normalizeForMatching, procliticForms, procliticReadings, stem, wordHash } from './arabic-analyzer.js'
import { procliticAlternatives } from './query-parser.js'

const analyzed = (word: string) => stem(normalizeForMatching(word))

// Two spellings of one word, as readers and newspapers really write them: each pair must meet.
const SAME_WORD: [string, string][] = [
  // hamza written or dropped
  ['أعلن', 'اعلن'],
  ['إعلان', 'اعلان'],
  ['الإطار', 'الاطار'],
  ['أصوات', 'اصوات'],
  ['أمير', 'امير'],
  ['الأمير', 'الامير'],
  ['إسلام', 'اسلام'],
  ['أسعار', 'اسعار'],
  ['الأسعار', 'الاسعار'],
  ['إدارة', 'ادارة'],
  ['الإدارة', 'الادارة'],
  ['أكد', 'اكد'],
  ['أكثر', 'اكثر'],
  ['إنتاج', 'انتاج'],
  ['الإنتاج', 'الانتاج'],
  ['آخر', 'اخر'],
  ['الآن', 'الان'],
  ['آلاف', 'الاف'],
  ['القرآن', 'القران'],
  ['مسؤول', 'مسوول'],
  ['المسؤولين', 'المسوولين'],
  ['رؤية', 'روية'],
  ['شؤون', 'شوون'],
  ['رئيس', 'رييس'],
  ['الرئيس', 'الرييس'],
  ['هيئة', 'هيية'],
  ['الهيئة', 'الهييه'],
  ['جزائر', 'جزاير'],
  ['أبناء', 'ابناء'],
  ['إيران', 'ايران'],
  ['ٱلله', 'الله'],
  ['أمن', 'امن'],
  // taa marbuta written as haa
  ['المدرسة', 'المدرسه'],
  ['مدرسة', 'مدرسه'],
  ['الحكومة', 'الحكومه'],
  ['حكومة', 'حكومه'],
  ['المملكة', 'المملكه'],
  ['العربية', 'العربيه'],
  ['السعودية', 'السعوديه'],
  ['وزارة', 'وزاره'],
  ['الصحة', 'الصحه'],
  ['جامعة', 'جامعه'],
  ['مباراة', 'مباراه'],
  ['الشركة', 'الشركه'],
  ['منطقة', 'منطقه'],
  ['المنطقة', 'المنطقه'],
  ['سيارة', 'سياره'],
  ['الطاقة', 'الطاقه'],
  ['مكة', 'مكه'],
  ['دولة', 'دوله'],
  ['ثقافة', 'ثقافه'],
  ['قمة', 'قمه'],
  // alef maqsura written as yaa
  ['مستشفى', 'مستشفي'],
  ['المستشفى', 'المستشفي'],
  ['على', 'علي'],
  ['إلى', 'الي'],
  ['مصطفى', 'مصطفي'],
  ['موسى', 'موسي'],
  ['أعلى', 'اعلي'],
  ['مبنى', 'مبني'],
  ['مستوى', 'مستوي'],
  ['الكبرى', 'الكبري'],
  ['أخرى', 'اخري'],
  // harakat and other marks
  ['مُحَمَّد', 'محمد'],
  ['الْقَرَارُ', 'القرار'],
  ['كِتَابٌ', 'كتاب'],
  ['السَّلَامُ', 'السلام'],
  ['عَلَى', 'على'],
  ['مَدْرَسَةٌ', 'مدرسة'],
  ['الحُكُومَةُ', 'الحكومة'],
  ['وَزِيرٌ', 'وزير'],
  ['شَهْرًا', 'شهرا'],
  ['اقْتِصَادِيَّة', 'اقتصادية'],
  ['هٰذا', 'هذا'],
  ['الرَّحْمٰن', 'الرحمن'],
  ['ذٰلِكَ', 'ذلك'],
  ['عُلَمَاءُ', 'علماء'],
  ['مَسْؤُولٌ', 'مسؤول'],
  // tatweel
  ['كتـــاب', 'كتاب'],
  ['الـرياض', 'الرياض'],
  ['جـدة', 'جدة'],
  ['الســعودية', 'السعودية'],
  ['مـبـاراة', 'مباراة'],
  // clitics: و, ال, بال, كال, فال, لل — added, dropped or stacked
  ['وبالقرار', 'قرار'],
  ['والقرار', 'القرار'],
  ['بالقرار', 'قرار'],
  ['فالقرار', 'قرار'],
  ['للقرار', 'قرار'],
  ['والكتاب', 'كتاب'],
  ['وبالكتاب', 'الكتاب'],
  ['كالكتاب', 'كتاب'],
  ['والمدرسة', 'مدرسة'],
  ['بالمدرسة', 'المدرسه'],
  ['للمدرسة', 'مدرسه'],
  ['والحكومة', 'حكومة'],
  ['بالحكومة', 'الحكومة'],
  ['والرياض', 'الرياض'],
  ['بالرياض', 'رياض'],
  ['والسعودية', 'السعودية'],
  ['وبالسعودية', 'سعودية'],
  ['والوزير', 'الوزير'],
  ['للوزير', 'الوزير'],
  ['والشركات', 'الشركات'],
  ['بالشركات', 'شركات'],
  ['والمواطنين', 'المواطنين'],
  ['للمواطنين', 'مواطنين'],
  ['وبالإطار', 'الاطار'],
  ['والأسعار', 'أسعار'],
  // suffixes: plural, dual, nisba and pronoun endings meet their stem
  ['سيارات', 'سيارة'],
  ['السيارات', 'سيارة'],
  ['معلمون', 'معلمين'],
  ['المعلمون', 'معلمين'],
  ['موظفين', 'موظفون'],
  ['لاعبان', 'لاعبين'],
  ['كتابها', 'كتاب'],
  ['حكومتها', 'حكومته'],
  ['قراره', 'قرار'],
  ['اقتصادية', 'اقتصادي'],
  ['الاقتصادية', 'اقتصادي'],
  ['عربية', 'عربي'],
  ['سعودي', 'سعودية'],
  // digits and presentation forms
  ['٢٠١٥', '2015'],
  ['۲۰۱۵', '2015'],
  ['١٠', '10'],
  ['ﻻ', 'لا'],
  ['ﺍﻟﻘﺮﺍﺭ', 'القرار'],
  // Persian letters, Latin case
  ['کتاب', 'كتاب'],
  ['فی', 'في'],
  ['COVID', 'covid'],
  ['Saudi', 'SAUDI'],
]

test(`the analyzer table: ${SAME_WORD.length} pairs of real spellings meet`, () => {
  assert.ok(SAME_WORD.length >= 100)
  const failures = SAME_WORD.filter(([a, b]) => analyzed(a) !== analyzed(b)).map(([a, b]) => `${a} → ${analyzed(a)} ≠ ${b} → ${analyzed(b)}`)
  assert.deepEqual(failures, [])
})

test('different words stay apart', () => {
  const DIFFERENT: [string, string][] = [
    ['كتاب', 'كاتب'],
    ['قرار', 'قرر'],
    ['سلام', 'اسلام'],
    ['مدرسة', 'مدير'],
    ['علم', 'عالم'],
    ['ملك', 'مالك'],
  ]
  for (const [a, b] of DIFFERENT) assert.notEqual(analyzed(a), analyzed(b), `${a} / ${b}`)
})

test('light10 stems: و then one article prefix, then the suffix walk', () => {
  assert.equal(stem('وبالقرار'), 'قرار')
  assert.equal(stem('وبالكتاب'), 'كتاب') // و, then ب, then ال
  assert.equal(stem('فبالكتاب'), 'كتاب') // ف is a conjunction before a preposition and the article too
  assert.equal(stem('فللمدرسه'), 'مدرس')
  assert.equal(stem('فالقرار'), 'قرار')
  assert.equal(stem('وفالقرار'), 'فالقرار') // two conjunctions: no one writes it, nothing is peeled after و
  assert.equal(stem('فريق'), 'فريق') // a bare ف stays: a root letter as often as a conjunction
  assert.equal(stem('بوتين'), 'بوت') // a bare preposition stays in the index (only the suffix walk cuts): names are not split
  assert.equal(stem('والكتاب'), 'كتاب') // Snowball leaves it whole
  assert.equal(stem('سيارات'), 'سيار')
  assert.equal(stem('المدرسه'), 'مدرس')
  assert.equal(stem('وزير'), 'زير') // light10 removes a leading و when three letters remain
  assert.equal(stem('ولد'), 'ولد') // …but not when only two would
  assert.equal(stem('الم'), 'الم') // ال only when two letters remain
  assert.equal(stem('هو'), 'هو')
  assert.equal(stem('covid'), 'covid')
})

test('normalizeForMatching folds without stemming', () => {
  assert.equal(normalizeForMatching('أعلنَت الوزارةُ إلى المستشفى ـ ٢٠١٥'), 'اعلنت الوزاره الي المستشفي  2015')
  assert.equal(normalizeForMatching('والكتاب'), 'والكتاب')
  assert.equal(normalizeForMatching('Hello مرحبا'), 'hello مرحبا')
  assert.equal(normalizeForMatching('مر\u200cحبا'), 'مرحبا')
})

test('tokens keep their spans in the original text, vowelled words whole', () => {
  const text = 'قالَ الوزيرُ: «وبالقرار» ﻻ ١٢'
  const tokens = analyze(text)
  assert.deepEqual(
    tokens.map((t) => [text.slice(t.start, t.end), t.exact, t.stem]),
    [
      ['قالَ', 'قال', 'قال'],
      ['الوزيرُ', 'الوزير', 'وزير'],
      ['وبالقرار', 'وبالقرار', 'قرار'],
      ['ﻻ', 'لا', 'لا'],
      ['١٢', '12', '12'],
    ],
  )
})

test('indexForms holds the same tokens as analyze, space-joined, exact forms marked', () => {
  // Ligatures, marks alone, tatweel as a dash, letters outside the BMP, a lone surrogate, joiners.
  const text = 'أعلنت الحكومةُ — في ٢٠١٥ — «الإطار» الجديد؛ ﷺ and COVID-19. ́ ـــ 𝐀𝐁c \ud800x كتاب\u200dه بـ«داعش»'
  const tokens = analyze(text)
  assert.deepEqual(tokens.slice(-5).map((t) => t.exact), ['𝐀𝐁c'.normalize('NFKC').toLowerCase(), 'x', 'كتابه', 'ب', 'داعش'])
  assert.deepEqual(indexForms(text), { exact: tokens.map((t) => EXACT_MARK + t.exact).join(' '), stem: tokens.map((t) => t.stem).join(' ') })
  assert.ok(Number.isInteger(ANALYZER_VERSION) && ANALYZER_VERSION >= 1)
})

test('proclitics are read only in the order Arabic writes them: conjunction, preposition, article', () => {
  const readings = (word: string) => procliticReadings(normalizeForMatching(word)).map((r) => `${r.proclitics}+${r.base}${r.article ? '!' : ''}`)
  assert.deepEqual(readings('وبالمدرسة'), ['+وبالمدرسه', 'و+بالمدرسه', 'وب+المدرسه', 'وبال+مدرسه!'])
  assert.deepEqual(readings('فللطلاب'), ['+فللطلاب', 'ف+للطلاب', 'فل+لطلاب', 'فلل+طلاب!'])
  // A preposition is never read before a conjunction, nor two prepositions in a row.
  assert.deepEqual(readings('كلوب'), ['+كلوب', 'ك+لوب'])
  assert.deepEqual(readings('لوبان'), ['+لوبان', 'ل+وبان'])
  assert.deepEqual(readings('لوران'), ['+لوران', 'ل+وران'])
  assert.deepEqual(readings('بأنه'), ['+بانه', 'ب+انه'])
  assert.deepEqual(readings('كوفيد'), ['+كوفيد', 'ك+وفيد'])
  assert.deepEqual(readings('لندن'), ['+لندن', 'ل+ندن'])
  // The forms a base is written in: the same order, the article after ل written «لل».
  const forms = procliticForms('مدرسه')
  for (const f of ['مدرسه', 'المدرسه', 'وبالمدرسه', 'فللمدرسه', 'ولمدرسه', 'كالمدرسه']) assert.ok(forms.includes(f), f)
  for (const f of ['بوالمدرسه', 'لالمدرسه', 'بفمدرسه', 'لومدرسه']) assert.ok(!forms.includes(f), f)
})

test('a query word stands for stems of its legal readings only: a name is not another word cut short', () => {
  const alternatives = (word: string) => {
    const exact = normalizeForMatching(word)
    return procliticAlternatives(exact, stem(exact))
  }
  assert.ok(!alternatives('كوفيد').includes('فيد'), 'ك then و: a preposition before a conjunction')
  assert.ok(!alternatives('كوباني').includes('بان'), '«بأنه» is not «كوباني»')
  assert.ok(!alternatives('لوران').includes('كلور'), '«الكلور» is not «لوران»')
  assert.ok(!alternatives('لوبان').includes('كلوب'), '«كلوب» is not «لوبان»')
  assert.ok(alternatives('بالمدرسة').includes('مدرس') || stem(normalizeForMatching('بالمدرسة')) === 'مدرس')
  assert.ok(alternatives('وبسيارات').includes('سيار'), 'و then ب: in order')
})

test('the word memo answers each word by its span: new words analyzed once, the table grown and emptied when full', () => {
  const analyzed: string[] = []
  const memo = new WordMemo((word) => (analyzed.push(word), `<${word}>`), 3000)
  const words = Array.from({ length: 5000 }, (_, i) => `كلمة${i.toString(36)}`)
  const text = ` ${words.join(' ')} `
  const spans = words.map((w) => ({ start: text.indexOf(` ${w} `) + 1, end: text.indexOf(` ${w} `) + 1 + w.length }))
  // The first 3,000 words fill the memo (growing it from 1,024 slots); each is then answered from it.
  for (const { start, end } of spans.slice(0, 3000)) memo.get(text, start, end)
  analyzed.length = 0
  for (const [i, { start, end }] of spans.slice(0, 3000).entries()) assert.equal(memo.get(text, start, end), `<${words[i]}>`)
  assert.equal(analyzed.length, 0, 'words already analyzed are not analyzed again')
  // The 3,001st word empties it: the 2,000 new words are analyzed once each, the first word again.
  for (const [i, { start, end }] of spans.entries()) assert.equal(memo.get(text, start, end), `<${words[i]}>`)
  assert.equal(analyzed.length, 2000)
  assert.equal(memo.get(text, spans[4999]!.start, spans[4999]!.end), `<${words[4999]}>`)
  assert.equal(analyzed.length, 2000)
  assert.equal(memo.get(text, spans[0]!.start, spans[0]!.end), `<${words[0]}>`)
  assert.deepEqual(analyzed.slice(-1), [words[0]])
})

test('two words with the same hash each keep their own analysis', () => {
  const seen = new Map<number, string>()
  let pair: [string, string] | undefined
  for (let i = 0; !pair; i++) {
    const word = `w${i.toString(36)}`
    const hash = wordHash(word, 0, word.length)
    const other = seen.get(hash)
    if (other !== undefined) pair = [other, word]
    seen.set(hash, word)
  }
  const [a, b] = pair
  assert.notEqual(a, b)
  const memo = new WordMemo((word) => word.toUpperCase())
  const text = `${a} ${b}`
  assert.equal(memo.get(text, 0, a.length), a.toUpperCase())
  assert.equal(memo.get(text, a.length + 1, text.length), b.toUpperCase())
  assert.equal(memo.get(text, 0, a.length), a.toUpperCase())
})
