import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeEntities } from './saudinewsnet.entities.js'
import { leadingPart, parseHeadline } from './saudinewsnet.headline.js'

test('a leading wire label leaves the headline and becomes a tag; the rest is kept as given', () => {
  assert.deepEqual(parseHeadline('عام / افتتاح مدرسة جديدة '), { title: 'افتتاح مدرسة جديدة ', label: 'عام', part: undefined, story: 'افتتاح مدرسة جديدة' })
  assert.equal(parseHeadline('إقتصادي/ ارتفاع الصادرات').label, 'اقتصادي')
  // A slash elsewhere, or a word that is no wire desk, is the headline's own.
  assert.deepEqual(parseHeadline('كاريكاتير 2015 / يوم حار'), { title: 'كاريكاتير 2015 / يوم حار', label: undefined, part: undefined, story: 'كاريكاتير 2015 / يوم حار' })
})

test('a continuation gives its part number and the headline of the story it continues', () => {
  const first = parseHeadline('عام / المجلس يعقد جلسته        إضافة أولى')
  assert.equal(first.part, 1)
  assert.equal(first.story, 'المجلس يعقد جلسته')
  assert.equal(first.title, 'المجلس يعقد جلسته        إضافة أولى')
  assert.equal(parseHeadline('سياسي / الوزير يلتقي نظيره / إضافة ثانية وأخيرة').part, 2)
  assert.equal(parseHeadline('رياضي / الفريق يتدرب / إضافة أولى واخيرة').story, 'الفريق يتدرب')
  assert.equal(leadingPart(' إضافة خامسة وأخيرة\n \n نص الخبر'), 5)
  assert.equal(leadingPart('إضافة إلى ذلك قال المدير'), undefined)
})

test('entities are decoded once; unknown ones and control characters stay as written', () => {
  assert.equal(parseHeadline('يصف القرار بأنه &#8220;تاريخي&#8221;').title, 'يصف القرار بأنه “تاريخي”')
  assert.equal(decodeEntities('&quot;نص&quot; &amp;#8220; &#x2014; &#39;'), '"نص" &#8220; — \'')
  assert.equal(decodeEntities('&#1; &bogus; &#55296;'), '&#1; &bogus; &#55296;')
})
