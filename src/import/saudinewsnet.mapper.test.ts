import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseRiyadhTime } from './saudinewsnet.fields.js'
import { mapRecord, NEWSPAPERS, skipReason } from './saudinewsnet.mapper.js'
import type { SaudiNewsNetRecord } from './saudinewsnet.reader.js'

const record: SaudiNewsNetRecord = {
  source: 'okaz',
  url: 'http://example.sa/okaz/محليات?id=12&live',
  date_extracted: '2015-08-02 02:05:09',
  title: ' «المطر» يعود إلى الطائف ',
  author: 'الطائف: هند الغامدي',
  content: 'عادت الأمطار إلى الطائف مساء أمس.\n\n\nوقال الدفاع المدني إن <الوضع> مطمئن.',
}

test('Riyadh local time (UTC+3 all year) becomes the UTC instant', () => {
  assert.equal(parseRiyadhTime('2015-08-02 02:05:09')?.toISOString(), '2015-08-01T23:05:09.000Z')
  assert.equal(parseRiyadhTime('2015-01-15 12:00:00')?.toISOString(), '2015-01-15T09:00:00.000Z')
  assert.equal(parseRiyadhTime('2016-03-01 01:00:00')?.toISOString(), '2016-02-29T22:00:00.000Z')
  assert.equal(parseRiyadhTime('0050-01-01 12:00:00')?.toISOString(), '0050-01-01T09:00:00.000Z', 'a two-digit year is not 1950')
})

test('an impossible time is not a time (no rolling over into the next month or year)', () => {
  for (const local of ['2015-99-99 25:00:00', '2015-02-29 10:00:00', '2100-02-29 10:00:00', '2015-06-31 10:00:00', '2015-08-01 24:00:00', '2015-08-01 12:60:00', '2015-08-01 12:00:60', '2015-8-1 12:00:00', ' 2015-08-01 12:00:00'])
    assert.equal(parseRiyadhTime(local), undefined, local)
})

test('a record maps to section, headline as given, URL byte for byte, escaped paragraphs and byline', () => {
  const mapped = mapRecord(record)
  assert.deepEqual(mapped.section, { slug: 'okaz', name: 'عكاظ' })
  assert.equal(mapped.title, ' «المطر» يعود إلى الطائف ')
  assert.equal(mapped.sourceUrl, 'http://example.sa/okaz/محليات?id=12&live')
  assert.equal(mapped.bodyHtml, '<p>عادت الأمطار إلى الطائف مساء أمس.</p>\n<p>وقال الدفاع المدني إن &lt;الوضع> مطمئن.</p>')
  assert.equal(mapped.publishedAt.toISOString(), '2015-08-01T23:05:09.000Z')
  assert.equal(mapped.dateline, 'الطائف')
  assert.deepEqual(mapped.people, ['هند الغامدي'])
})

test('every newspaper of the corpus has its Arabic name; an unknown id keeps the id', () => {
  assert.equal(Object.keys(NEWSPAPERS).length, 14)
  assert.equal(NEWSPAPERS['3alyoum'], 'عين اليوم')
  assert.equal(mapRecord({ ...record, source: 'newpaper' }).section.name, 'newpaper')
})

test('no headline or no body text is a skip reason; a headline is checked first', () => {
  assert.equal(skipReason(record), undefined)
  assert.equal(skipReason({ ...record, title: '  ' }), 'no_title')
  assert.equal(skipReason({ ...record, content: ' \n\n ' }), 'no_body')
  assert.equal(skipReason({ ...record, title: '', content: '' }), 'no_title')
})

test('control characters are stripped from headline, body and byline; tab, newline and CR stay', () => {
  const mapped = mapRecord({
    ...record,
    title: '\u0000«المطر»\u001a يعود\t إلى الطائف\u007f\u0085\ufffe',
    author: 'الطائف\u0001: هند\u001b الغامدي\ud800',
    content: 'عادت الأمطار\u001a\u001a إلى الطائف\u0008 مساء أمس.\r\n\r\nوقال الدفاع\uffff المدني إن الوضع مطمئن\udc00.',
  })
  assert.equal(mapped.title, '«المطر» يعود\t إلى الطائف')
  assert.equal(mapped.bodyHtml, '<p>عادت الأمطار إلى الطائف مساء أمس.</p>\n<p>وقال الدفاع المدني إن الوضع مطمئن.</p>')
  assert.equal(mapped.dateline, 'الطائف')
  assert.deepEqual(mapped.people, ['هند الغامدي'])
  // A pair of surrogates is one character (an emoji), not a stray half.
  assert.equal(mapRecord({ ...record, title: 'عيد سعيد 🌙' }).title, 'عيد سعيد 🌙')
})

test('a headline or body of control characters only counts as missing', () => {
  assert.equal(skipReason({ ...record, title: '\u0000\u001a ' }), 'no_title')
  assert.equal(skipReason({ ...record, content: '\u001a\u001a\n\u0007' }), 'no_body')
})
