import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isolateLatinRuns, isolateLatinRunsInText, latinRuns } from './bidi.js'

const runsOf = (text: string) => latinRuns(text).map(([s, e]) => text.slice(s, e))

test('latinRuns finds names, dates, times, phone numbers and URLs; not plain numbers, decimals, percentages or Arabic', () => {
  assert.deepEqual(runsOf('قال Barack Obama إن'), ['Barack Obama'])
  assert.deepEqual(runsOf('الساعة 10:30 يوم 25 الجاري'), ['10:30'])
  assert.deepEqual(runsOf('زر https://example.org/a?b=1&c=2. ثم'), ['https://example.org/a?b=1&c=2'])
  assert.deepEqual(runsOf('نمو 5.5% و1,200 و+966 11 234 5678 يوم 2026-04-01 الساعة 10:30'), ['+966 11 234 5678', '2026-04-01', '10:30'])
  assert.deepEqual(runsOf('لغة C++ وC# وAT&T'), ['C++', 'C#', 'AT&T'])
  assert.deepEqual(runsOf('راسلونا على news@example.org، شكراً'), ['news@example.org'])
  assert.deepEqual(runsOf('BBC، CNN'), ['BBC', 'CNN'])
  assert.deepEqual(runsOf('٣٢ مركبة في ٢٠١٥ وَ١٢٠ مسلحاً'), [])
  assert.deepEqual(runsOf('Łódź وCafé وМосква'), ['Łódź', 'Café', 'Москва'])
})

test('the tatweel is an Arabic letter: «بـ5» and «لـ«داعش»» keep their joining, no isolate inside the word', () => {
  assert.deepEqual(runsOf('حماس تتلقى رسالة بـ5 تفجيرات'), [])
  assert.deepEqual(runsOf('يروج لـ«داعش» والـ BBC'), ['BBC'])
  assert.equal(isolateLatinRunsInText('مرتبطة بـ«داعش» لـ10 سنوات'), 'مرتبطة بـ«داعش» لـ10 سنوات')
})

test('isolateLatinRunsInText escapes and isolates only in Arabic text', () => {
  assert.equal(isolateLatinRunsInText('Apple تطلق iPhone 16 <b>'), '<bdi>Apple</bdi> تطلق <bdi>iPhone 16</bdi> &lt;<bdi>b</bdi>>')
  assert.equal(isolateLatinRunsInText('Breaking: "news" & more'), 'Breaking: &#34;news&#34; &amp; more')
  assert.equal(isolateLatinRunsInText('خبر عاجل'), 'خبر عاجل')
})

test('isolateLatinRuns wraps runs inside Arabic blocks and keeps every tag, attribute and entity', () => {
  const html = '<p dir="auto">قالت <a href="https://cnn.com/?a=1&amp;b=2" rel="noopener">CNN International</a>، إن <strong>AT&amp;T</strong> ربحت 5&nbsp;% عام 2015.</p>'
  assert.equal(
    isolateLatinRuns(html),
    '<p dir="auto">قالت <a href="https://cnn.com/?a=1&amp;b=2" rel="noopener"><bdi>CNN International</bdi></a>، إن <strong><bdi>AT&amp;T</bdi></strong> ربحت 5&nbsp;% عام 2015.</p>',
  )
})

test('isolateLatinRuns leaves English blocks, code and existing <bdi> alone, and text it does not change byte for byte', () => {
  const html = '<p>An English paragraph about Riyadh 2030.</p>\n<p>نص &amp; عربي فقط &#1575;</p><p>هذا <bdi>Already</bdi> معزول</p>'
  assert.equal(isolateLatinRuns(html), html)
})

test('isolateLatinRuns decides per block: a Latin word alone in a <strong> of an Arabic paragraph is isolated', () => {
  assert.equal(isolateLatinRuns('<ul><li><strong>Reuters</strong> وكالة</li><li>Only English</li></ul>'), '<ul><li><strong><bdi>Reuters</bdi></strong> وكالة</li><li>Only English</li></ul>')
  assert.equal(isolateLatinRuns('<blockquote><p>Quote</p><p>— محمد Ali</p></blockquote>'), '<blockquote><p>Quote</p><p>— محمد <bdi>Ali</bdi></p></blockquote>')
})

test('isolateLatinRuns never lets text become markup, and survives broken HTML', () => {
  const out = isolateLatinRuns('<p>نص &lt;script&gt;alert(1)&lt;/script&gt; Latin</p><p>غير مغلق <em>em')
  assert.equal(out, '<p>نص &lt;<bdi>script</bdi>><bdi>alert</bdi>(1)&lt;/<bdi>script</bdi>> <bdi>Latin</bdi></p><p>غير مغلق <em><bdi>em</bdi>')
  assert.doesNotMatch(out, /<script/)
})
