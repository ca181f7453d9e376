import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../db/testing.js'
import { createArticle, ensureSection } from './index.js'
import { getHomePage } from './home.service.js'

const SENTENCE = 'وقال المتحدث إن العمل في المشروع يسير وفق الجدول المعلن وإن المرحلة التالية تبدأ مطلع الشهر المقبل. '
const body = (words: number) => `<p>${SENTENCE.repeat(Math.ceil(words / 17))}</p>`

async function seed(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const local = await ensureSection(db, 'local', 'محليات')
  const sport = await ensureSection(db, 'sport', 'رياضة')
  const wire = await ensureSection(db, 'wire', 'واس')
  const at = (minutes: number) => new Date(Date.UTC(2026, 4, 20, 6, minutes))
  const story = async (title: string, minutes: number, sectionId: number, words: number, fields: { summary?: string; sourceUrl?: string } = {}) =>
    (await createArticle(db, { title, bodyHtml: body(words), sectionId, status: 'published', publishedAt: at(minutes), ...fields }, at(minutes))).id
  const spa = (n: number) => ({ sourceUrl: `https://www.spa.gov.sa/details.php?id=${n}` })
  const ids = {
    feature: await story('تحقيق: كيف تغيّرت أسواق الخضار في المدينة خلال عشر سنوات', 1, local, 900, { summary: 'جولة على الباعة والمزارعين' }),
    interview: await story('حوار مع مدرب فريق الناشئين بعد التتويج', 2, sport, 600),
    report: await story('تقرير عن مواقف السيارات في وسط البلد', 3, local, 400),
    dupA: await story('عام / أمير المنطقة يدشن مشروع الإسكان الجديد في الضاحية', 40, wire, 90, spa(1)),
    dupB: await story('عام / أمير المنطقة يدشن مشروع الإسكان الجديد في الضاحية إضافة أولى', 41, wire, 60, spa(2)),
    dupC: await story('أمير المنطقة يدشن مشروع الإسكان الجديد بالضاحية', 42, local, 200),
    longWire: await story('عام / بيان مطول عن اجتماع اللجنة الوزارية', 43, wire, 2000, spa(3)),
    briefs: [] as number[],
  }
  const briefTitles = ['درجات الحرارة في ارتفاع طفيف', 'إغلاق طريق الكورنيش للصيانة', 'مؤشر الأسهم يغلق مستقراً', 'وصول أول رحلة إلى المطار الجديد', 'بدء التسجيل في المدارس الليلية', 'هطول أمطار خفيفة على المرتفعات']
  for (const [i, title] of briefTitles.entries()) ids.briefs.push(await story(title, 50 + i, wire, 40, spa(10 + i)))
  return { db, ids }
}

test('with nothing placed, the lead is the longest recent non-wire story and top stories follow by rule, wire copy only to fill', async (t) => {
  const { db, ids } = await seed(t)
  const home = await getHomePage(db)
  assert.equal(home.lead?.article.id, ids.feature, 'not the newest (a one-line brief) nor the long agency statement')
  assert.equal(home.lead?.article.summary, 'جولة على الباعة والمزارعين')
  assert.deepEqual(
    home.top.map((s) => s.article.id),
    [ids.interview, ids.report, ids.dupC, ids.longWire],
    'features of another section first, then the longest, then wire copy to fill',
  )
})

test('near-identical wire reports are one card in the latest, with the count of the others', async (t) => {
  const { db, ids } = await seed(t)
  // Keep the housing story out of the top stories: the desk places four others.
  for (const id of [ids.interview, ids.report, ids.longWire, ids.briefs[0]]) await db.updateTable('article').set({ placement: 'top' }).where('id', '=', id).execute()
  const home = await getHomePage(db)
  const housing = home.latest.find((s) => s.article.id === ids.dupC)
  assert.ok(housing, 'the longest report of the three stands for them')
  assert.equal(housing.related, 2)
  const shown = [home.lead, ...home.top, ...home.latest, ...home.sections.flatMap((b) => [b.lead, ...b.more])].map((s) => s?.article.id)
  assert.ok(!shown.includes(ids.dupA) && !shown.includes(ids.dupB), 'the other two reports appear nowhere on the page')
  assert.equal(new Set(shown).size, shown.length, 'no story twice')
})

test('the desk’s lead wins even over longer stories, which then lead the top stories', async (t) => {
  const { db, ids } = await seed(t)
  const brief = ids.briefs[5]
  await db.updateTable('article').set({ placement: 'lead' }).where('id', '=', brief).execute()
  const home = await getHomePage(db)
  assert.equal(home.lead?.article.id, brief)
  assert.equal(home.lead?.related, 0)
  assert.equal(home.top[0]?.article.id, ids.feature)
  assert.ok(!home.latest.some((s) => s.article.id === brief || s.article.id === ids.feature))
})

test('a placed report is shown as the desk placed it, standing for its near-identical reports', async (t) => {
  const { db, ids } = await seed(t)
  await db.updateTable('article').set({ placement: 'lead' }).where('id', '=', ids.dupA).execute()
  const home = await getHomePage(db)
  assert.equal(home.lead?.article.id, ids.dupA, 'not the longer report of the same news')
  assert.equal(home.lead?.related, 2)
  assert.ok(!home.latest.some((s) => s.article.id === ids.dupC || s.article.id === ids.dupB))
})
