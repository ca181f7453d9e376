import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dekFrom } from './saudinewsnet.dek.js'

test('the dek is the opening sentence, an abbreviation\'s dot not taken for its end', () => {
  const opening = 'افتتح د. سامي الخالدي معرض الكتاب السنوي بمشاركة أكثر من مئتي دار نشر عربية وأجنبية.'
  assert.equal(dekFrom([`${opening} وتستمر الفعاليات عشرة أيام.`, 'فقرة ثانية.']), opening)
})

test('a short first sentence runs on into the next; a long one is cut at a word with an ellipsis', () => {
  assert.equal(dekFrom(['أمطار غزيرة.', 'شهدت المرتفعات الجنوبية أمطارا غزيرة صباح اليوم وسط تحذيرات الدفاع المدني.']), 'أمطار غزيرة. شهدت المرتفعات الجنوبية أمطارا غزيرة صباح اليوم وسط تحذيرات الدفاع المدني.')
  const long = 'كلمة '.repeat(80).trim()
  const dek = dekFrom([long])
  assert.ok(dek.length <= 160, `${dek.length} characters`)
  assert.ok(dek.endsWith('كلمة…'))
})

test('SPA\'s dateline line, or a short kicker line, is not the dek', () => {
  assert.equal(dekFrom(['عين اليوم – جدة', 'أوضح رئيس الهيئة أن المشروع يبدأ الشهر المقبل في ثلاث مدن.']), 'أوضح رئيس الهيئة أن المشروع يبدأ الشهر المقبل في ثلاث مدن.')
  assert.equal(dekFrom(['أبها 18 شوال 1436 هـ الموافق 3 أغسطس 2015 م واس', 'عقد المجلس البلدي جلسته الأسبوعية مساء اليوم برئاسة رئيسه.']), 'عقد المجلس البلدي جلسته الأسبوعية مساء اليوم برئاسة رئيسه.')
})
