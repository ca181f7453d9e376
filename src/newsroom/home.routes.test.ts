import assert from 'node:assert/strict'
import { test } from 'node:test'
import { browseAs, deskApp, getPage, postForm } from './testing.js'

test('the newsroom home shows each role its work: a writer their own, editors the desk, legal its queue, never «no sections»', async (t) => {
  const desk = await deskApp(t)
  const writer = await browseAs(desk, 'writer')
  const editor = await browseAs(desk, 'editor')
  const create = (who: typeof writer, title: string, extra: Record<string, string> = {}) =>
    postForm(desk, who, '/newsroom/articles', { title, bodyHtml: '<p>نص</p>', section: 'local', ...extra })
  await create(writer, 'مسودة الكاتبة عن افتتاح المكتبة العامة')
  await create(writer, 'مقالة الكاتبة المرسلة للمراجعة القانونية', { requiresLegalReview: '1', action: 'submit' })
  await create(editor, 'مسودة المحرر عن نتائج الدوري')

  const counts = (html: string) =>
    Object.fromEntries([...html.matchAll(/<span class="nr-stat-count">([^<]*)<\/span><span class="nr-stat-label">([^<]*)<\/span>/g)].map((m) => [m[2], m[1]]))

  const mine = await getPage(desk, writer, '/newsroom')
  assert.deepEqual(counts(mine.body), { 'أعادها المستشار القانوني إليك': '0', مسوداتي: '1', 'مقالاتي قيد المراجعة': '1', 'مقالاتي المجدولة': '0' })
  assert.match(mine.body, /مسودة الكاتبة عن افتتاح المكتبة العامة/)
  assert.doesNotMatch(mine.body, /مسودة المحرر/, "a writer's home shows only their own")
  assert.match(mine.body, /href="\/newsroom\/articles\/new"/)

  const desk1 = await getPage(desk, editor, '/newsroom')
  assert.deepEqual(counts(desk1.body), {
    'قيد المراجعة': '1',
    'بانتظار المستشار القانوني': '1',
    'أعادها المستشار القانوني': '0',
    مجدولة: '0',
    مسودات: '2',
    منشورة: '0',
  })
  assert.match(desk1.body, /مسودة المحرر عن نتائج الدوري/)

  const legal = await getPage(desk, await browseAs(desk, 'legal'), '/newsroom')
  assert.deepEqual(counts(legal.body), { 'تنتظر رأيك القانوني': '1' })
  assert.match(legal.body, /href="\/newsroom\/legal\/\d+"/)
  assert.doesNotMatch(legal.body, /مقالة جديدة/)

  const moderator = await getPage(desk, await browseAs(desk, 'moderator'), '/newsroom')
  assert.match(moderator.body, /href="\/newsroom\/comments"/)
  assert.deepEqual(counts(moderator.body), {})
  for (const page of [mine, desk1, legal, moderator]) {
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /لا أقسام متاحة لدورك/)
    assert.equal(page.headers['cache-control'], 'private, no-store')
  }
  assert.match((await getPage(desk, await browseAs(desk, 'admin'), '/newsroom')).body, /href="\/newsroom\/accounts"/)
})
