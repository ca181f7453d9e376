import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isNotAPerson, parseByline } from './saudinewsnet.byline.js'

test('a leading "city:" becomes the dateline and the rest a person', () => {
  assert.deepEqual(parseByline('الدمام: سارة المطيري'), { dateline: 'الدمام', people: ['سارة المطيري'], sources: [] })
})

test('"name (city)" and "name - city" put the place in the dateline too', () => {
  assert.deepEqual(parseByline(' نادر الزهراني (تبوك)'), { dateline: 'تبوك', people: ['نادر الزهراني'], sources: [] })
  assert.deepEqual(parseByline('منيرة العتيبي - الباحة'), { dateline: 'الباحة', people: ['منيرة العتيبي'], sources: [] })
  assert.deepEqual(parseByline('ماجد الحربي من القصيم'), { dateline: 'القصيم', people: ['ماجد الحربي'], sources: [] })
})

test('several "city: name" parts make several people; the first city is the dateline', () => {
  assert.deepEqual(parseByline('جازان: ليلى القحطاني - نجران: فهد الشمري'), {
    dateline: 'جازان',
    people: ['ليلى القحطاني', 'فهد الشمري'],
    sources: [],
  })
  assert.deepEqual(parseByline('بيروت: رامي خليل  دمشق: هالة يوسف').people, ['رامي خليل', 'هالة يوسف'])
})

test('an agency or outlet named as byline is a source, not a person', () => {
  assert.deepEqual(parseByline('واس - الرياض'), { dateline: 'الرياض', people: [], sources: ['واس'] })
  assert.deepEqual(parseByline('لندن: «الشرق الأوسط»'), { dateline: 'لندن', people: [], sources: ['الشرق الأوسط'] })
  assert.deepEqual(parseByline('لندن: «الشرق الأوسط أونلاين»').sources, ['الشرق الأوسط'])
  assert.deepEqual(parseByline('بانكوك : (د. ب. أ)').sources, ['د ب أ'])
  assert.deepEqual(parseByline('رويترز').sources, ['رويترز'])
  assert.deepEqual(parseByline('عبدالله الشهري - سبق - جدة:'), { dateline: 'جدة', people: ['عبدالله الشهري'], sources: ['سبق'] })
})

test('the city of Riyadh is a place; the newspaper al-Riyadh is a source', () => {
  assert.equal(parseByline('الرياض - واس').dateline, 'الرياض')
  assert.deepEqual(parseByline('متابعة - الرياض الإلكتروني'), { dateline: '', people: [], sources: ['صحيفة الرياض'] })
})

test('multi-word places are places, and labels, times and entities are dropped', () => {
  assert.deepEqual(parseByline('مكة المكرمة - تصوير: خالد البقمي'), { dateline: 'مكة المكرمة', people: ['خالد البقمي'], sources: [] })
  assert.deepEqual(parseByline('لندن - الرياضية | Tuesday, 11 August 2015 - 15:45 pm'), { dateline: 'لندن', people: [], sources: ['الرياضية'] })
  assert.deepEqual(parseByline('&nbsp;سلمى العنزي (حائل)'), { dateline: 'حائل', people: ['سلمى العنزي'], sources: [] })
})

test('story text that ran into the byline is not taken for names', () => {
  const byline = parseByline('نوف السبيعي - الرياض: أعلنت الجمعية اليوم عن برنامج جديد لتدريب المتطوعين في الأحياء القديمة، موضحة أنه')
  assert.deepEqual(byline, { dateline: 'الرياض', people: ['نوف السبيعي'], sources: [] })
})

test('a tatweel between spaces separates parts; inside a word it does not', () => {
  assert.deepEqual(parseByline('الطائف ـ الوئام ـ سعيد الثقفي'), { dateline: 'الطائف', people: ['سعيد الثقفي'], sources: ['الوئام'] })
  assert.deepEqual(parseByline('جـدة: ريم الحـربي').people, ['ريم الحـربي'])
})

test('an empty byline names nobody', () => {
  assert.deepEqual(parseByline(''), { dateline: '', people: [], sources: [] })
})

test('places, offices, bodies and outlets are no one: datelines, sources, or dropped', () => {
  assert.deepEqual(parseByline('ديار بكر - رويترز'), { dateline: 'ديار بكر', people: [], sources: ['رويترز'] })
  assert.deepEqual(parseByline('المنسق الإعلامي - سلمان الحربي'), { dateline: '', people: ['سلمان الحربي'], sources: [] })
  assert.deepEqual(parseByline('سلمان الحربي - المنسق الإعلامي'), { dateline: '', people: ['سلمان الحربي'], sources: [] })
  assert.deepEqual(parseByline('الرياض - اللجنة الاعلامية'), { dateline: 'الرياض', people: [], sources: [] })
  assert.deepEqual(parseByline('هند العتيبي عضو جمعية المكتبات').people, ['هند العتيبي'])
  assert.deepEqual(parseByline('واشنطن رويترز'), { dateline: 'واشنطن', people: [], sources: ['رويترز'] })
  assert.deepEqual(parseByline('القاهرةد ب أ'), { dateline: 'القاهرة', people: [], sources: ['د ب أ'] })
  assert.deepEqual(parseByline('رامي خليل لندن'), { dateline: 'لندن', people: ['رامي خليل'], sources: [] })
  assert.deepEqual(parseByline('اليوم وكالات'), { dateline: '', people: [], sources: ['وكالات', 'اليوم'] })
  assert.deepEqual(parseByline('شمال بيروت').people, [])
})

test('isNotAPerson tells a name from a place, an office or an outlet', () => {
  for (const name of ['ديار بكر', 'المنسق الإعلامي', 'لندن رويترز', 'اللجنة الاعلامية', 'شمال بيروت', 'وكالات الأنباء']) assert.ok(isNotAPerson(name), name)
  for (const name of ['سلمان الحربي', 'بكر فاضل', 'محمد الهلالي']) assert.ok(!isNotAPerson(name), name)
})

test('a place or an outlet run into a part without a separator', () => {
  assert.deepEqual(parseByline('الرياض خالد الزامل'), { dateline: 'الرياض', people: ['خالد الزامل'], sources: [] })
  assert.deepEqual(parseByline('مكة المكرمة تصوير منصور الغامدي'), { dateline: 'مكة المكرمة', people: ['منصور الغامدي'], sources: [] })
  assert.deepEqual(parseByline('سامي الشهري مكة المكرمة'), { dateline: 'مكة المكرمة', people: ['سامي الشهري'], sources: [] })
  assert.deepEqual(parseByline('سبق زاوية الأسبوع'), { dateline: '', people: [], sources: ['سبق'] })
})
