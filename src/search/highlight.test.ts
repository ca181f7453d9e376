import assert from 'node:assert/strict'
import { test } from 'node:test'
import { foldWithOffsets, normalizeForMatching, wordSpans } from './arabic-analyzer.js'
import { highlight, leadSnippet, snippet } from './highlight.js'
import { parseQuery, queryForms } from './query-parser.js'

const formsOf = (q: string) => queryForms(parseQuery(q))

test('folding with offsets gives the analyzer\'s folded text and where each character came from', () => {
  for (const text of ['أعلنت الوزارةُ عن «الإطار» الجديد', 'كـتـاب ﻻ يقرأ', 'Covid-19 في ٢٠٢٤', 'مسؤولو الهيئة 🙂 اليوم', 'كـتـاب…']) {
    const { folded, origin } = foldWithOffsets(text)
    assert.equal(folded, normalizeForMatching(text), text)
    assert.equal(origin.length, folded.length)
    assert.ok(origin.every((o, i) => i === 0 || o >= origin[i - 1]), 'offsets never go back')
  }
  // A long text, folded in pieces.
  const long = 'أعلن '.repeat(5000)
  assert.equal(foldWithOffsets(long).folded, normalizeForMatching(long))
  // The lam-alef ligature is two folded letters from one original character.
  assert.deepEqual(foldWithOffsets('ﻻ').origin, [0, 0])
  // Two tatweels deleted, «…» grown to three dots.
  assert.deepEqual(foldWithOffsets('كـتـاب…').origin, [0, 2, 4, 5, 6, 6, 6])
})

test('word spans skip dashes made of tatweel, which fold to nothing', () => {
  const text = 'قال ـــ الوزير'
  assert.deepEqual(
    wordSpans(text).map((s) => text.slice(s.start, s.end)),
    ['قال', 'الوزير'],
  )
})

test('word spans are the analyzer\'s words, found without its regular expression', () => {
  // The analyzer's definition: runs of letters, digits, marks, tatweel and joiners holding something that folds to a letter.
  const reference = (text: string) =>
    [...text.matchAll(/[\p{L}\p{N}\p{M}\u0640\u200C\u200D]+/gu)]
      .filter((m) => !/^[\p{M}\u0640\u200C\u200D\u06D6-\u06ED]*$/u.test(m[0]))
      .map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const alphabet = ['ك', 'ت', 'ا', 'ب', 'ُ', 'ّ', 'ـ', '\u200C', ' ', '،', '.', 'a', 'Z', '7', '٣', '🙂', '𐐀', '\uD800', 'ﻻ', '\u06E5', '-']
  let seed = 11
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  for (let n = 0; n < 500; n++) {
    const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    assert.deepEqual(wordSpans(text, 5), reference(text).map((s) => ({ start: s.start + 5, end: s.end + 5 })), JSON.stringify(text))
  }
})

test('headlines are marked in their own spelling, whatever the reader typed', () => {
  const forms = formsOf('الاطار اسعار')
  assert.equal(highlight('«الإطارُ» يرفع والأسعار & <b>', forms), '«<mark>الإطارُ</mark>» يرفع <mark>والأسعار</mark> &amp; &lt;b>')
  // Tatweel and harakat inside the word, and a word ending the text.
  assert.equal(highlight('تقرير عن الإطـــار', forms), 'تقرير عن <mark>الإطـــار</mark>')
  // Only whole words: «اطارات» holds the letters of «اطار» but is a different word here.
  assert.equal(highlight('حريق في مصنع إطارات', formsOf('مصنع')), 'حريق في <mark>مصنع</mark> إطارات')
  assert.equal(highlight('نص بلا كلمة من السؤال', forms), 'نص بلا كلمة من السؤال')
})

test('a candidate the folded text suggests is confirmed by the analyzer before it is marked', () => {
  // «والكتابين» fits the pattern for «كتاب» (و + ال + stem + suffixes) and the analyzer agrees.
  // The pattern allows suffixes in any order; light10 walks them once in its order, so it leaves
  // «كتابهاان» as «كتابها»: not a match, not marked.
  assert.equal(highlight('والكتابين كتابهاان', formsOf('كتاب')), '<mark>والكتابين</mark> كتابهاان')
  assert.equal(highlight('فبالكتاب وفالكتاب', formsOf('كتاب')), '<mark>فبالكتاب</mark> وفالكتاب') // ف then ب then ال; never و then ف (analyzer 3)
})

test('snippets open at the best window, cut with an ellipsis', () => {
  const filler = Array.from({ length: 120 }, (_, i) => `كلمة${i}`).join(' ')
  const text = `${filler} أعلنت الحكومة خطة لتطوير الموانئ ${filler}`
  const html = snippet(text, formsOf('الموانئ الحكومة')) ?? ''
  assert.match(html, /^… /)
  assert.match(html, / …$/)
  assert.match(html, /<mark>الحكومة<\/mark> خطة لتطوير <mark>الموانئ<\/mark>/)
  assert.equal(snippet(text, formsOf('الصحة')), undefined)
  assert.equal(snippet('قصير عن الموانئ', formsOf('ميناء الموانئ')), 'قصير عن <mark>الموانئ</mark>')
})

test('the quick check on the folded passage never misses a word the analyzer would match', () => {
  // Clitics stacked, a broken plural's suffix, harakat and a hamza seat: all found, in the story's spelling.
  const text = 'وبالقرارات الأخيرة أُعلِنَ'
  assert.equal(snippet(text, formsOf('قرار')), '<mark>وبالقرارات</mark> الأخيرة أُعلِنَ')
  assert.equal(snippet(text, formsOf('اعلن')), 'وبالقرارات الأخيرة <mark>أُعلِنَ</mark>')
  assert.equal(snippet(text, formsOf('الموانئ')), undefined)
})

test('a lead snippet is the first thirty words, escaped', () => {
  const words = Array.from({ length: 40 }, (_, i) => `كلمة${i}`)
  assert.equal(leadSnippet(words.join(' ')), `${words.slice(0, 30).join(' ')} …`)
  assert.equal(leadSnippet('قصير <جدا>'), 'قصير &lt;جدا>')
})
