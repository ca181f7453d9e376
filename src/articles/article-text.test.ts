import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dekRepeatsOpening, openingWords } from './article-text.js'

test('a dek that only repeats the opening sentence is recognised; a dek of its own is not', () => {
  const body = '<p>افتتحت البلدية صباح اليوم حديقة &quot;النخيل&quot; في الحي الشرقي بعد عامين من العمل.</p><p>وقال رئيس البلدية إن الحديقة مفتوحة للجميع.</p>'
  assert.equal(dekRepeatsOpening('افتتحت البلدية صباح اليوم حديقة "النخيل" في الحي الشرقي…', body), true, 'cut with an ellipsis')
  assert.equal(dekRepeatsOpening('افتتحت البلدية صباح اليوم حديقة "النخيل" في الحي الشرقي بعد عامين من العمل.', body), true, 'the whole sentence')
  assert.equal(dekRepeatsOpening('حديقة جديدة بعد عامين من الانتظار', body), false, "an editor's own dek")
  assert.equal(dekRepeatsOpening('…', body), false, 'nothing to compare')
  assert.equal(dekRepeatsOpening('وقال رئيس البلدية', body), false, 'words from further down are not the opening')
})

test('a meta description from a story\'s opening: short text whole, long text cut at a word with «…»', () => {
  assert.equal(openingWords('افتتح المجلس دورته الجديدة.'), 'افتتح المجلس دورته الجديدة.')
  const long = 'قال رئيس البلدية إن أعمال الصيانة في الطرق الرئيسة ستبدأ الأسبوع المقبل وتستمر شهرين '.repeat(4).trim()
  const cut = openingWords(long)
  assert.ok(cut.length <= 161, cut)
  assert.ok(cut.endsWith('…'), cut)
  assert.ok(long.startsWith(cut.slice(0, -1)), cut)
  assert.match(long[cut.length - 1] ?? '', /\s/, 'cut before a space, not inside a word')
})
