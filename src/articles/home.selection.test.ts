import assert from 'node:assert/strict'
import { test } from 'node:test'
import { blockLeadIndex, collapseDuplicates, headlineTokens, isFeature, isWire, pickFront, sameReport, type Candidate, type Story } from './home.selection.js'

const SPA = 'https://www.spa.gov.sa/details.php?id=1'
const PAPER = 'https://paper.example/news/1'
let nextId = 1
const story = (title: string, fields: Partial<Candidate> = {}): Candidate => ({
  id: nextId++,
  title,
  wordCount: 400,
  sourceUrl: PAPER,
  hasImage: false,
  sectionId: 1,
  publishedAt: new Date('2026-04-10T09:00:00Z'),
  ...fields,
})
const single = (c: Candidate): Story => ({ shown: c, members: [c] })

test('wire copy is an agency host; a brief is under 150 words; neither stands as a feature', () => {
  assert.equal(isWire({ sourceUrl: SPA }), true)
  assert.equal(isWire({ sourceUrl: 'https://spa.gov.sa/x' }), true)
  assert.equal(isWire({ sourceUrl: 'https://notspa.gov.sa.example/x' }), false)
  assert.equal(isWire({ sourceUrl: PAPER }), false)
  assert.equal(isWire({ sourceUrl: null }), false)
  assert.equal(isWire({ sourceUrl: 'not a url' }), false)
  assert.equal(isFeature(story('تقرير مطول عن الموانئ', { wordCount: 600 })), true)
  assert.equal(isFeature(story('موجز عن الطقس', { wordCount: 60 })), false)
  assert.equal(isFeature(story('بيان مطول من الوكالة', { wordCount: 600, sourceUrl: SPA })), false)
})

test('headline tokens drop the wire label, «إضافة أولى», diacritics and spelling variants of alef, ya and ta marbuta', () => {
  assert.deepEqual(headlineTokens('اقتصادي / مؤشر البورصة يُغلق مرتفعاً'), headlineTokens('مؤشر البورصه يغلق مرتفعا'))
  assert.deepEqual(headlineTokens('سياسي / وزير الخارجية يلتقي نظيره الإيطالي    إضافة أولى '), headlineTokens('وزير الخارجية يلتقي نظيره الايطالي'))
  assert.deepEqual(headlineTokens('«الأمطار» تعود إلى المرتفعات'), ['امطار', 'تعود', 'مرتفعات'])
})

test('same report: most words shared, or a short headline all but contained in a longer one', () => {
  const t = headlineTokens
  assert.equal(sameReport(t('أمير المنطقة يفتتح مهرجان التمور في بريدة'), t('عام / أمير المنطقة يفتتح مهرجان التمور ببريدة')), true)
  assert.equal(sameReport(t('افتتاح جسر الملك فهد الجديد للمشاة'), t('افتتاح جسر الملك فهد الجديد للمشاة أمام الزوار مساء اليوم')), true)
  assert.equal(sameReport(t('أمير المنطقة يفتتح مهرجان التمور'), t('أمير المنطقة يستقبل وفد الغرفة التجارية')), false)
  assert.equal(sameReport(t('وزير الصحة'), t('وزير الصحة يدشن حملة التطعيم الموسمية')), false, 'two words are not enough to call it the same report')
})

test('near-identical reports collapse into one card showing the longest, at the place of the newest; far apart in time they stay apart', () => {
  const h = (hours: number) => new Date(Date.UTC(2026, 3, 10, hours))
  const brief = story('عام / الهلال الأحمر يرسل قافلة إغاثة إلى الحدود', { wordCount: 90, sourceUrl: SPA, publishedAt: h(12) })
  const other = story('ارتفاع أسعار الذهب في السوق المحلية', { publishedAt: h(11) })
  const full = story('الهلال الأحمر يرسل قافلة إغاثة إلى الحدود', { wordCount: 380, publishedAt: h(10) })
  const more = story('عام / الهلال الأحمر يرسل قافلة إغاثة إلى الحدود إضافة ثانية', { wordCount: 120, sourceUrl: SPA, publishedAt: h(9) })
  const lastWeek = story('الهلال الأحمر يرسل قافلة إغاثة إلى الحدود', { publishedAt: new Date(Date.UTC(2026, 3, 3)) })
  const stories = collapseDuplicates([brief, other, full, more, lastWeek])
  assert.deepEqual(
    stories.map((s) => [s.shown.id, s.members.map((m) => m.id)]),
    [
      [full.id, [brief.id, full.id, more.id]],
      [other.id, [other.id]],
      [lastWeek.id, [lastWeek.id]],
    ],
  )
  const first = story('سياسي / وزير الخارجية يستقبل سفير اليابان', { wordCount: 80, publishedAt: h(8) })
  const addition = story('سياسي / وزير الخارجية يستقبل سفير اليابان إضافة أولى', { wordCount: 80, publishedAt: h(9) })
  assert.equal(collapseDuplicates([addition, first])[0].shown.id, first.id, 'of reports as long, the first filed')
})

test('by rule, the lead is the longest recent feature (a picture first) and top stories come from other sections first', () => {
  const wire = story('عام / موجز عن اجتماع المجلس', { wordCount: 900, sourceUrl: SPA, sectionId: 9 })
  const brief = story('موجز قصير عن حركة المرور', { wordCount: 40, sectionId: 2 })
  const long = story('تحقيق عن مياه الأمطار في الأودية', { wordCount: 1200, sectionId: 1 })
  const pictured = story('حوار مع مديرة متحف الخط العربي', { wordCount: 700, hasImage: true, sectionId: 1 })
  const sameSection = story('مقال عن صناعة الورق', { wordCount: 1000, sectionId: 1 })
  const sport = story('تقرير عن موسم الدوري', { wordCount: 300, sectionId: 3 })
  const economy = story('قراءة في ميزانية البلديات', { wordCount: 250, sectionId: 4 })
  const pool = [wire, brief, long, pictured, sameSection, sport, economy].map(single)
  const { lead, top } = pickFront({ placedLead: undefined, placedTop: [], pool, topCount: 4 })
  assert.equal(lead?.shown.id, pictured.id, 'a feature with a picture before a longer one without')
  assert.deepEqual(
    top.map((s) => s.shown.id),
    [sport.id, economy.id, long.id, sameSection.id],
    'other sections first, then the longest; the wire story and the brief only when nothing else is left',
  )
})

test('the desk’s placements win; empty top slots are filled by rule; a placed story is never shown twice', () => {
  const placed = story('الخبر الذي اختاره المحرر', { wordCount: 80 })
  const placedTop = story('قصة بارزة اختارها المحرر', { wordCount: 90, sectionId: 2 })
  const long = story('تحقيق طويل عن النقل العام', { wordCount: 1500, sectionId: 3 })
  const pool = [placed, placedTop, long].map(single)
  const { lead, top } = pickFront({ placedLead: single(placed), placedTop: [single(placedTop), single(placed)], pool, topCount: 4 })
  assert.equal(lead?.shown.id, placed.id)
  assert.deepEqual(
    top.map((s) => s.shown.id),
    [placedTop.id, long.id],
  )
})

test('a section block leads with its newest feature with a picture, else its newest feature, else its newest story', () => {
  const brief = single(story('موجز عن مباراة الأمس', { wordCount: 50, hasImage: true }))
  const plain = single(story('تقرير عن ملاعب الأحياء', { wordCount: 300 }))
  const pictured = single(story('قصة مصورة عن حارس المرمى', { wordCount: 300, hasImage: true }))
  assert.equal(blockLeadIndex([brief, plain, pictured]), 2)
  assert.equal(blockLeadIndex([brief, plain]), 1)
  assert.equal(blockLeadIndex([brief]), 0)
})
