import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { createArticle, ensureSection } from '../articles/index.js'
import { createTestDb } from '../db/testing.js'
import type { Db } from '../db/index.js'
import { refreshRelatedArticles } from './related.js'
import { FIXTURE_NOW, relatedByBothMethods } from './testing.js'

const day = (n: number) => new Date(FIXTURE_NOW.getTime() - n * 86400_000)

// Four subjects, a few stories each over some weeks, two wire copies; original writing for these tests.
const STORIES: { title: string; body: string; days: number }[] = [
  { title: 'أمطار غزيرة تغلق الطرق في المدينة', body: 'أغلقت الأمطار الغزيرة عدة طرق رئيسية، وقال الدفاع المدني إن فرقه أنقذت سائقين علقت سياراتهم في السيول.', days: 1 },
  { title: 'أمطار غزيرة تغلق الطرق في المدينة', body: 'أغلقت الأمطار الغزيرة عدة طرق رئيسية، وقال الدفاع المدني إن فرقه أنقذت سائقين علقت سياراتهم في السيول صباح اليوم.', days: 1 },
  { title: 'الدفاع المدني يحذر من السيول في الأودية', body: 'حذر الدفاع المدني من عبور الأودية أثناء السيول، ودعا السائقين إلى تجنب الطرق المنخفضة حتى تتوقف الأمطار.', days: 3 },
  { title: 'الأرصاد تتوقع استمرار الأمطار حتى نهاية الأسبوع', body: 'توقعت الأرصاد أن تستمر الأمطار والسيول في المرتفعات، مع رياح نشطة تثير الغبار على الطرق السريعة.', days: 4 },
  { title: 'إصلاح الطرق المتضررة من السيول يبدأ غدا', body: 'أعلنت البلدية أن فرقها تبدأ إصلاح الطرق التي جرفتها السيول، وأن الأعمال تستمر أسبوعين.', days: 20 },
  { title: 'افتتاح معرض الكتاب بمشاركة خمسمائة ناشر', body: 'افتتح معرض الكتاب أبوابه للزوار بمشاركة خمسمائة ناشر عربي، ويضم المعرض ندوات يومية للروائيين والشعراء.', days: 2 },
  { title: 'افتتاح معرض الكتاب بمشاركة خمسمائة ناشر', body: 'افتتح معرض الكتاب أبوابه للزوار بمشاركة خمسمائة ناشر عربي، ويضم المعرض ندوات يومية للروائيين والشعراء والنقاد.', days: 2 },
  { title: 'روائيون شباب يوقعون كتبهم في المعرض', body: 'وقع روائيون شباب رواياتهم الأولى في جناح الناشرين، وقال الزوار إن ندوات المعرض جذبت جمهورا كبيرا.', days: 5 },
  { title: 'الناشرون يطالبون بدعم ترجمة الكتاب العربي', body: 'طالب الناشرون في ندوة على هامش المعرض بدعم ترجمة الروايات العربية إلى لغات أخرى.', days: 9 },
  { title: 'المنتخب يفوز على ضيفه بهدفين', body: 'فاز المنتخب على ضيفه بهدفين نظيفين في المباراة الودية، وسجل المهاجم الهدفين في الشوط الثاني.', days: 1 },
  { title: 'المهاجم يقود المنتخب إلى الفوز', body: 'قاد المهاجم المنتخب إلى الفوز بعد أن سجل هدفين، وأشاد المدرب بأداء اللاعبين في المباراة.', days: 6 },
  { title: 'المدرب يعلن قائمة المنتخب للمباراة المقبلة', body: 'أعلن المدرب قائمة اللاعبين للمباراة المقبلة، وعاد المهاجم إلى التشكيلة بعد شفائه من الإصابة.', days: 12 },
  { title: 'ارتفاع أسعار الذهب في السوق المحلية', body: 'ارتفعت أسعار الذهب في السوق المحلية للأسبوع الثاني، وقال التجار إن الطلب زاد قبل موسم الأعراس.', days: 2 },
  { title: 'التجار يتوقعون استقرار أسعار الذهب', body: 'توقع تجار الذهب أن تستقر الأسعار في السوق بعد ارتفاعها، مع تراجع الطلب بعد الموسم.', days: 8 },
  { title: 'البنك المركزي يبقي أسعار الفائدة دون تغيير', body: 'أبقى البنك المركزي أسعار الفائدة دون تغيير، وقال إن التضخم في السوق المحلية ما زال معتدلا.', days: 30 },
]

async function seed(db: Db): Promise<number[]> {
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const ids: number[] = []
  for (const s of STORIES) {
    const a = await createArticle(db, { title: s.title, bodyHtml: `<p>${s.body}</p>`, sectionId, status: 'published', publishedAt: day(s.days) }, FIXTURE_NOW)
    ids.push(a.id)
  }
  return ids
}

test('the bulk model gives every article the list the per-article method gives: same ids, same order', async (t) => {
  const db = await createTestDb(t)
  const ids = await seed(db)
  const both = await relatedByBothMethods(db, ids)
  assert.ok(both.filter((b) => b.perArticle.length > 0).length >= 10, 'most stories have related ones (the comparison is not between empty lists)')
  for (const b of both) assert.deepEqual(b.model, b.perArticle, `article ${b.id}`)
  const [rain, rainCopy] = ids
  const rainList = both.find((b) => b.id === rain)!.model
  assert.ok(!rainList.includes(rainCopy), 'a wire copy of the story itself is left out')
  assert.ok(rainList.includes(ids[2]), 'the civil-defence flood warning is related to the rain story')
})

test('a refresh of many pending lists stores the bulk model\'s lists and empties the queue', async (t) => {
  const db = await createTestDb(t)
  const ids = await seed(db)
  const expected = await relatedByBothMethods(db, ids)
  await sql`delete from article_related`.execute(db)
  await sql`insert or ignore into search_related_pending (article_id) select id from article`.execute(db)
  assert.equal(await refreshRelatedArticles(db, undefined, { bulkFrom: 1 }), ids.length)
  assert.equal(Number((await sql<{ n: number }>`select count(*) as n from search_related_pending`.execute(db)).rows[0].n), 0)
  for (const e of expected) {
    const { rows } = await sql<{ related_id: number }>`select related_id from article_related where article_id = ${e.id} order by position`.execute(db)
    assert.deepEqual(rows.map((r) => r.related_id), e.perArticle, `article ${e.id}`)
  }
})
