import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { createArticle, ensureSection, getRelatedArticles, setArticleStatus, updateArticle } from '../articles/index.js'
import { createTestDb } from '../db/testing.js'
import { FIXTURE_NOW, seedStories } from './testing.js'
import { indexStatus, refreshRelatedArticles, reindexAll, searchArticles } from './index.js'
import { parseQuery } from './query-parser.js'
import { matchExpression } from './sqlite-engine.js'

const search = (db: Parameters<typeof searchArticles>[0], q: string, extra: Partial<Parameters<typeof searchArticles>[1]> = {}) =>
  searchArticles(db, { q, page: 1, limit: 10, filter: {}, sort: 'relevance', ...extra }, FIXTURE_NOW)

test('spelling variants readers type find the story: hamza, taa marbuta, alef maqsura, harakat, tatweel, clitics', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  const cases: [string, number][] = [
    ['اعلنت الوزاره', s.framework.id],
    ['الاطار الجديد', s.framework.id],
    ['أَعْلَنَتِ الوِزَارَةُ', s.framework.id],
    ['الإطـــار', s.framework.id],
    ['مستشفي الاطفال', s.hospital.id],
    ['وبالسيارات المستعمله', s.cars.id],
    ['بسيارات', s.cars.id], // a bare proclitic light10 keeps
    ['الوزير مدرسة', s.minister.id], // «وزير» in the headline: light10 strips its و, the query tries both
    ['الطاقه الشمسيه', s.solar.id],
  ]
  for (const [q, id] of cases) {
    const { results } = await search(db, q)
    assert.equal(results[0]?.article.id, id, q)
  }
})

test('the index follows article writes in their transaction: update, unpublish, republish', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  await updateArticle(db, s.hospital.id, { title: 'افتتاح مركز صحي للأطفال في جدة', bodyHtml: '<p>مركز جديد.</p>', sectionId, status: 'published' }, FIXTURE_NOW)
  assert.equal((await search(db, 'مستشفى')).total, 0)
  assert.equal((await search(db, 'مركز صحي')).results[0]?.article.id, s.hospital.id)
  await setArticleStatus(db, s.hospital.id, 'unpublished', FIXTURE_NOW)
  assert.equal((await search(db, 'مركز صحي')).total, 0)
  await setArticleStatus(db, s.hospital.id, 'published', FIXTURE_NOW)
  assert.equal((await search(db, 'مركز صحي')).total, 1)
  // A failed write leaves the index as it was.
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await createArticle(trx, { title: 'خبر لن يُحفظ عن القمر', bodyHtml: '<p>نص</p>', sectionId, status: 'published' }, FIXTURE_NOW)
      throw new Error('rollback')
    }),
  )
  assert.equal((await search(db, 'القمر')).total, 0)
})

test('phrases, exclusions, filters and sorting', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  const phrase = await search(db, '"ترشيد استهلاك الطاقة"')
  assert.deepEqual(new Set(phrase.results.map((r) => r.article.id)), new Set([s.energy.id, s.energyCopy.id, s.solar.id]))
  assert.equal((await search(db, '"الطاقة ترشيد"')).total, 0) // words present, not in that order
  const excluded = await search(db, 'الطاقة -الشمسية')
  assert.ok(excluded.results.every((r) => r.article.id !== s.solar.id) && excluded.total > 0)
  const inLocal = await search(db, 'الوزارة', { filter: { sectionId: (await ensureSection(db, 'local', 'محليات')) } })
  assert.ok(inLocal.results.every((r) => r.article.section.slug === 'local'))
  const byHuda = await search(db, 'الطاقة')
  const huda = await sql<{ id: number }>`select id from person where slug = 'huda'`.execute(db)
  const filtered = await search(db, 'الطاقة', { filter: { personId: huda.rows[0].id } })
  assert.deepEqual(filtered.results.map((r) => r.article.id), [s.solar.id])
  assert.ok(byHuda.total > filtered.total)
  const recent = await search(db, 'الطاقة', { filter: { from: new Date(FIXTURE_NOW.getTime() - 3 * 86400_000).toISOString() } })
  assert.ok(recent.results.every((r) => r.article.id !== s.solar.id))
  const newest = await search(db, 'الطاقة', { sort: 'newest' })
  const dates = newest.results.map((r) => r.article.publishedAt!.getTime())
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a))
})

test('thousands of matches: the headline matches first, then the best of the latest added, scores falling', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  const write = (title: string, body: string) =>
    createArticle(db, { title, summary: '', bodyHtml: `<p>${body}</p>`, sectionId, status: 'published' }, FIXTURE_NOW)
  const headlines: number[] = []
  await db.transaction().execute(async (trx) => {
    const add = (title: string, body: string) =>
      createArticle(trx, { title, summary: '', bodyHtml: `<p>${body}</p>`, sectionId, status: 'published' }, FIXTURE_NOW)
    for (let i = 0; i < 1100; i++) await add(`نشرة السوق رقم ${i}`, `ارتفعت أسعار القمح في السوق المحلية اليوم، والتقرير رقم ${i}.`)
    for (let i = 0; i < 3; i++) headlines.push((await add(`موسم القمح ${i} يبدأ مبكرا`, 'تقرير عن الموسم الزراعي.')).id)
  })
  await write('آخر نشرة للسوق', 'أسعار القمح في آخر نشرة.')
  const outcome = await search(db, 'القمح')
  assert.equal(outcome.total, 1104)
  const ids = outcome.results.map((r) => r.article.id)
  assert.deepEqual(new Set(ids.slice(0, 3)), new Set(headlines))
  assert.equal(ids.length, 10)
  // The rest of the page comes from the latest added: never the first stories written.
  assert.ok(ids.slice(3).every((id) => id > headlines[0] - 500), ids.join(','))
  const scores = outcome.results.map((r) => r.score)
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a))
  // Page 2 goes on in the same order, without repeating a story.
  const next = (await search(db, 'القمح', { page: 2 })).results.map((r) => r.article.id)
  assert.equal(next.length, 10)
  assert.ok(next.every((id) => !ids.includes(id)))
})

test('a story holding every word comes first even when thousands hold some, in their headlines', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  let full = 0
  await db.transaction().execute(async (trx) => {
    const add = (title: string, body: string) =>
      createArticle(trx, { title, summary: '', bodyHtml: `<p>${body}</p>`, sectionId, status: 'published' }, FIXTURE_NOW)
    full = (await add('تقرير الموسم الزراعي', 'تراجع محصول القمح وارتفع إنتاج الزيتون هذا العام.')).id
    for (let i = 0; i < 1050; i++) await add(`أسعار القمح في النشرة ${i}`, `نشرة السوق رقم ${i}.`)
  })
  const outcome = await search(db, 'القمح الزيتون')
  assert.equal(outcome.results[0]?.article.id, full)
  assert.ok(outcome.total > 1)
})

test('one word spelled unusually still finds the story, ranked by how many words match', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  const outcome = await search(db, 'محطة الطاقة الشمسيت')
  assert.equal(outcome.partial, true)
  assert.equal(outcome.results[0]?.article.id, s.solar.id)
})

test('an empty result suggests the closest indexed spelling, as written in the stories', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const outcome = await search(db, 'مستشفا')
  assert.equal(outcome.total, 0)
  assert.equal(outcome.didYouMean, 'مستشفى')
  // A slip in the second letter: no headline word starts «مش…», so the wider «م…» is searched.
  assert.equal((await search(db, 'مشتشفى')).didYouMean, 'مستشفى')
  // Past the article: «المشتشفى» is looked for among «الم…» words.
  assert.equal((await search(db, 'المستشفا')).didYouMean, 'المستشفى')
})

test('highlighting marks words in the original spelling and escapes everything else', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  await createArticle(db, { title: 'تقرير <b>عن</b> «الإطار» & الأسعار', summary: '', bodyHtml: '<p>نص عن الإطار &lt;script&gt; والأسعار.</p>', sectionId, status: 'published' }, FIXTURE_NOW)
  const [result] = (await search(db, 'الاطار اسعار')).results
  assert.equal(result.titleHtml, 'تقرير &lt;b>عن&lt;/b> «<mark>الإطار</mark>» &amp; <mark>الأسعار</mark>')
  assert.equal(result.snippetHtml, 'نص عن <mark>الإطار</mark> &lt;script> <mark>والأسعار</mark>.')
})

test('query text never reaches FTS5 as syntax', () => {
  for (const q of ['AND OR NOT', 'NEAR(a b)', '"unbalanced', 'col:val ^start *', '{title}: x', '-', '""', '(((', 'a" OR "b']) {
    const expression = matchExpression(parseQuery(q), 'all') ?? ''
    // Everything outside our quoted strings is our own operators and column filters.
    const outside = expression.replace(/"(?:[^"]|"")*"/g, '')
    assert.match(outside, /^[\s(){}:ORANDNOT_a-z]*$/, q)
  }
})

test('related articles: by content, never the article itself, wire copies collapsed', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  assert.ok((await indexStatus(db)).relatedPending >= 7)
  await refreshRelatedArticles(db)
  assert.equal((await indexStatus(db)).relatedPending, 0)
  const stored = await sql<{ related_id: number }>`select related_id from article_related where article_id = ${s.energy.id} order by position`.execute(db)
  const ids = stored.rows.map((r) => r.related_id)
  assert.ok(ids.includes(s.solar.id), 'the solar plant story shares the energy-saving plan')
  assert.ok(!ids.includes(s.energy.id), 'never the article itself')
  assert.ok(!ids.includes(s.energyCopy.id), 'a copy of the same wire story is not "related"')
  const related = await getRelatedArticles(db, { id: s.energy.id, section: { id: 0, slug: 'economy', name: 'اقتصاد' }, tags: [] })
  assert.equal(related[0]?.id, s.solar.id)
})

test('reindex rebuilds the index and clears a stale analyzer version', async (t) => {
  const db = await createTestDb(t)
  const s = await seedStories(db)
  assert.equal((await indexStatus(db)).stale, false, 'a new database is indexed by this analyzer from its first article')
  await sql`update search_state set value = '0' where key = 'analyzer_version'`.execute(db)
  await sql`delete from article_fts`.execute(db)
  assert.equal((await indexStatus(db)).stale, true)
  assert.equal((await search(db, 'مستشفى')).total, 0)
  const { indexed, related } = await reindexAll(db)
  assert.equal(indexed, 7)
  assert.equal(related, 7)
  assert.equal((await indexStatus(db)).stale, false)
  assert.equal((await search(db, 'مستشفى')).results[0]?.article.id, s.hospital.id)
})

test('names are matched as written, not through stems of other words; a word no story holds gives nothing and «هل تقصد»', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'world', 'دولي')
  const story = (title: string, body: string) =>
    createArticle(db, { title, bodyHtml: `<p>${body}</p>`, sectionId, status: 'published', publishedAt: FIXTURE_NOW }, FIXTURE_NOW)
  const lePen = await story('مارين لوبان تخاطب أنصارها في ليون', 'قالت لوبان إن حزبها سيخوض الانتخابات المحلية بقوائم كاملة.')
  const laurent = await story('لوران فابيوس يزور العاصمة', 'التقى لوران فابيوس نظيره وبحثا ملفات المنطقة.')
  const kobani = await story('عودة الأهالي إلى كوباني بعد شهور', 'بدأ سكان كوباني إصلاح بيوتهم المهدمة.')
  await story('نادي كلوب الرياضي يفتتح موسمه', 'أعلن الكلوب الرياضي برنامجه للموسم، وقال المدرب بأنه راضٍ عن اللاعبين.')
  await story('تحذير من الإفراط في الكلور', 'يستعمل الكلور في تعقيم المسابح، وأكد الأطباء بأنه مضر بكميات كبيرة.')
  await story('فيد يعلن الأسعار الجديدة', 'قرر فيد رفع الأسعار، وقال مسؤول بأنه قرار مؤقت.')
  await story('افتتاح كوفي جديد في الحي', 'يقدم الكوفي القهوة العربية والحلويات.')
  const ids = async (q: string) => (await search(db, q)).results.map((r) => r.article.id)
  assert.deepEqual(await ids('لوبان'), [lePen.id]) // not «كلوب»
  assert.deepEqual(await ids('لوران'), [laurent.id]) // not «الكلور»
  assert.deepEqual(await ids('كوباني'), [kobani.id]) // not «بأنه»
  assert.deepEqual(await ids('للوبان'), [lePen.id]) // a preposition and the article before the name, in order
  assert.deepEqual(await ids('وكوباني'), [kobani.id]) // a conjunction before the name
  const absent = await search(db, 'كوفيد') // not «فيد»: a preposition is never read before a conjunction
  assert.equal(absent.total, 0)
  assert.equal(absent.didYouMean, 'كوفي')
})

test('proclitics the story does not write: the words are ranked side by side as the story writes them; a name keeps its ب', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'economy', 'اقتصاد')
  const story = (title: string, body: string) =>
    createArticle(db, { title, bodyHtml: `<p>${body}</p>`, sectionId, status: 'published', publishedAt: FIXTURE_NOW }, FIXTURE_NOW)
  const loan = await story('قرض مليون ريال لتمويل المشروعات الصغيرة', 'أعلن الصندوق قرضا لتمويل مشروعات الشباب.')
  // The same words, apart: the phrase of their stems as typed («بمليون بريال») would rank neither first.
  await story('تمويل جديد للمشروعات', 'بلغ الدعم مليون دولار، وسعر الريال ثابت، والتمويل يبدأ بمليون وبريال واحد رمزي للرسوم.')
  const putin = await story('بوتين يستقبل ضيوفه في الكرملين', 'قال بوتين إن المحادثات كانت مثمرة.')
  const putinAgain = await story('اتصال هاتفي بين بوتين وأوباما', 'بحث بوتين مع نظيره الأزمة.')
  await story('الوتين شريان القلب', 'الوتين عرق في القلب إذا انقطع مات صاحبه.')
  const first = async (q: string) => (await search(db, q)).results[0]?.article.id
  assert.equal(await first('بمليون وبريال لتمويل'), loan.id) // ب and وب peeled in both words at once in the phrase
  assert.equal(await first('وبمليون ريال'), loan.id)
  const ids = async (q: string) => (await search(db, q)).results.map((r) => r.article.id).sort()
  assert.deepEqual(await ids('بوتين'), [putin.id, putinAgain.id]) // not ب + «وتين»
  assert.deepEqual(await ids('وبوتين'), [putin.id, putinAgain.id]) // the conjunction peeled, the ب kept: «بوتين» is commoner than «وتين»
  // The whole-query phrase holds each word's readings in every combination, typed reading first.
  const typed = parseQuery('بمليون وبريال')
  const words = typed.words.map((w, i) => ({ ...w, alternatives: [['ملي'], ['ريال']][i] }))
  const expression = matchExpression({ ...typed, words }, 'all') ?? ''
  for (const first of [words[0].stem, 'ملي']) for (const second of [words[1].stem, 'ريال']) assert.ok(expression.includes(`"${first} ${second}"`), `${first} ${second}`)
})

/** A story writer for a section: title, body (one paragraph), published `daysAgo` days before FIXTURE_NOW. */
async function datedStories(db: Parameters<typeof searchArticles>[0], slug: string, name: string) {
  const sectionId = await ensureSection(db, slug, name)
  return (title: string, body: string, daysAgo: number) => {
    const publishedAt = new Date(FIXTURE_NOW.getTime() - daysAgo * 86400_000)
    return createArticle(db, { title, bodyHtml: `<p>${body}</p>`, sectionId, status: 'published', publishedAt }, FIXTURE_NOW)
  }
}

test('the story whose headline holds every word typed ranks first, small words included, above a newer story quoting it', async (t) => {
  const db = await createTestDb(t)
  const story = await datedStories(db, 'opinion', 'رأي')
  // Other stories, so that bm25's rarity weights mean something.
  for (const [i, topic] of ['الأمطار', 'المرور', 'الكتاب', 'الدوري', 'الأسهم', 'المدارس', 'الحج', 'النفط'].entries()) await story(`أخبار ${topic} اليوم`, `تقرير قصير عن ${topic} في المدينة.`, i + 2)
  const column = await story('الحاجة لقانون ضبط الإيجارات', 'ترتفع الإيجارات كل عام، ويحتاج السوق إلى قواعد واضحة تحمي المستأجر والمالك معا.', 20)
  // Newer, most of the words in its headline and the other headline quoted in its body.
  await story('مرة أخرى.. ضبط الإيجارات ضرورة', 'كتبت الخميس تحت عنوان «الحاجة لقانون ضبط الإيجارات» وتلقيت ردودا كثيرة عن ضبط الإيجارات.', 1)
  const mine = await story('أنا من التيار الكهربائي', 'مقال ساخر عن انقطاع التيار الكهربائي في الصيف الحار.', 20)
  await story('حي كامل ينتظر التيار الكهربائي', 'قال أحد السكان: أنا أنتظر التيار الكهربائي منذ شهور، وأنا لست وحدي، فالتيار الكهربائي لم يصل.', 1)
  const first = async (q: string) => (await search(db, q)).results[0]?.article.id
  assert.equal(await first('الحاجة لقانون ضبط الإيجارات'), column.id, 'الحاجة لقانون ضبط الإيجارات')
  assert.equal(await first('أنا التيار الكهربائي'), mine.id, 'أنا') // «أنا» is a stop word: not required, but held by the headline as written
  assert.equal(await first('وأنا التيار الكهربائي'), mine.id, 'وأنا') // …also typed with the conjunction
  const inSection = await search(db, 'أنا التيار الكهربائي', { filter: { sectionId: await ensureSection(db, 'opinion', 'رأي') } })
  assert.equal(inSection.results[0]?.article.id, mine.id, 'filtered by section') // filtered pages rank the same way
})

test('a word typed with the article finds the story writing it without, when other stories hold the typed form', async (t) => {
  const db = await createTestDb(t)
  const story = await datedStories(db, 'local', 'محليات')
  // «المراجعون» as written in a page of stories: the typed form alone would be matched, not the story's «مراجعون».
  for (let i = 0; i < 10; i++) await story(`خدمة جديدة في الفرع ${i + 1}`, 'أبدى المراجعون رضاهم عن سرعة إنجاز المعاملات.', i + 2)
  // …and its stem, «مراجع», far commoner (references, reviewers): the stem would stand for other words.
  for (let i = 0; i < 25; i++) await story(`كتاب جديد رقم ${i + 1}`, 'يعد الكتاب من أهم المراجع في تاريخ المنطقة.', i + 2)
  await story('تمديد ساعات العمل', 'قال المراجعون إن الانتظار يطول أحيانا حتى منتصف الليل في بعض الأيام.', 1)
  const target = await story('مراجعون في منتصف الليل لتصحيح الأوضاع', 'استقبل المركز مئات الطلبات حتى ساعة متأخرة.', 20)
  assert.equal((await search(db, 'المراجعون منتصف الليل')).results[0]?.article.id, target.id)
})
