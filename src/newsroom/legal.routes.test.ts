import assert from 'node:assert/strict'
import { test } from 'node:test'
import { getEditorialArticle } from '../articles/index.js'
import { browseAs, deskApp, getPage, postForm } from './testing.js'

test('the legal queue: read-only review, return needs a note and reaches the writer, approval lets the editor publish', async (t) => {
  const desk = await deskApp(t)
  const writer = await browseAs(desk, 'writer')
  const legal = await browseAs(desk, 'legal')
  const editor = await browseAs(desk, 'editor')
  const admin = await browseAs(desk, 'admin')
  const body = '<p>قال المتحدث إن <strong>الشركة</strong> خالفت شروط العقد، وإن القضية أمام المحكمة.</p>'
  const created = await postForm(desk, writer, '/newsroom/articles', {
    title: 'دعوى قضائية على شركة مقاولات بسبب تأخر مشروع المستشفى الجديد في المدينة',
    summary: 'المحكمة تنظر الأسبوع المقبل في الدعوى',
    bodyHtml: body,
    section: 'courts',
    sources: 'صحيفة محلية | https://example.com/news/1',
    requiresLegalReview: '1',
    action: 'submit',
  })
  assert.equal(created.statusCode, 303, created.body.slice(0, 300))
  const id = Number(/articles\/(\d+)\//.exec(String(created.headers.location))?.[1])
  assert.equal((await getEditorialArticle(desk.db, id)).legal.status, 'pending')

  const queue = await getPage(desk, legal, '/newsroom/legal')
  assert.equal(queue.statusCode, 200)
  assert.match(queue.body, new RegExp(`href="/newsroom/legal/${id}"`))
  assert.match(queue.body, /1 مقالة تنتظر رأيك/)
  const review = await getPage(desk, legal, `/newsroom/legal/${id}`)
  assert.equal(review.statusCode, 200)
  assert.ok(review.body.includes(body), 'the body rendered as its sanitized HTML')
  assert.match(review.body, /المحكمة تنظر الأسبوع المقبل في الدعوى/)
  assert.match(review.body, /href="https:\/\/example.com\/news\/1"/)
  assert.doesNotMatch(review.body, /name="title"|name="bodyHtml"/, 'read-only')
  assert.match(review.body, /name="decision" value="approve"/)

  // Legal may not edit, publish or open the editor; others may not decide.
  assert.equal((await getPage(desk, legal, `/newsroom/articles/${id}/edit`)).statusCode, 403)
  assert.equal((await postForm(desk, legal, `/newsroom/articles/${id}`, { title: 'تعديل', action: 'publish' })).statusCode, 403)
  for (const who of [admin, editor, writer]) {
    assert.equal((await getPage(desk, who, `/newsroom/legal/${id}`)).statusCode, 403)
    assert.equal((await postForm(desk, who, `/newsroom/legal/${id}`, { decision: 'approve' })).statusCode, 403)
  }
  assert.equal((await postForm(desk, legal, `/newsroom/legal/${id}`, { decision: 'approve', _csrf: 'x' })).statusCode, 403, 'CSRF')

  const noNote = await postForm(desk, legal, `/newsroom/legal/${id}`, { decision: 'return', note: '  ' })
  assert.equal(noNote.statusCode, 400)
  assert.match(noNote.body, /id="err-note"/)
  assert.match(noNote.body, /«الملاحظة»: هذا الحقل مطلوب/)
  const note = 'احذف اسم الشركة من الفقرة الأولى أو أضف ردّها؛ الاتهام قبل الحكم قد يُعدّ تشهيراً.'
  const returned = await postForm(desk, legal, `/newsroom/legal/${id}`, { decision: 'return', note })
  assert.equal(returned.statusCode, 303)
  assert.equal(returned.headers.location, '/newsroom/legal?done=returned')
  assert.match((await getPage(desk, legal, '/newsroom/legal?done=returned')).body, /أُعيدت المقالة إلى كاتبها/)
  const back = await getEditorialArticle(desk.db, id)
  assert.equal(back.status, 'draft')
  assert.equal(back.legal.status, 'returned')

  // The writer sees the note first: on the home page and prominently on the article.
  const home = await getPage(desk, writer, '/newsroom')
  assert.match(home.body, /أعادها المستشار القانوني إليك/)
  assert.ok(home.body.includes(note))
  const edit = await getPage(desk, writer, `/newsroom/articles/${id}/edit`)
  assert.match(edit.body, /<section class="nr-returned" role="note"[^>]*><h2 id="returned-heading">أعاد المستشار القانوني هذه المقالة<\/h2><p class="nr-legal-note" dir="auto">احذف اسم الشركة/)
  // A decision on an article no longer pending is refused on the page, the note kept.
  const late = await postForm(desk, legal, `/newsroom/legal/${id}`, { decision: 'approve', note: 'موافقة متأخرة' })
  assert.equal(late.statusCode, 409)
  assert.match(late.body, /موافقة متأخرة/)

  // Resubmitted, approved, then an editor can publish.
  const form = { title: back.title, bodyHtml: '<p>قال المتحدث إن الشركة خالفت شروط العقد بحسب الدعوى، ولم يصدر حكم بعد.</p>', section: 'courts', requiresLegalReview: '1', version: String(back.version) }
  assert.equal((await postForm(desk, writer, `/newsroom/articles/${id}`, { ...form, action: 'submit' })).statusCode, 303)
  const early = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...form, version: String((await getEditorialArticle(desk.db, id)).version), action: 'publish' })
  assert.equal(early.statusCode, 409)
  assert.match(early.body, /قبل موافقة المستشار القانوني/)
  assert.equal((await postForm(desk, legal, `/newsroom/legal/${id}`, { decision: 'approve', note: '' })).headers.location, '/newsroom/legal?done=approved')
  assert.equal((await getEditorialArticle(desk.db, id)).legal.status, 'approved')
  const version = String((await getEditorialArticle(desk.db, id)).version)
  const published = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...form, version, action: 'publish' })
  assert.equal(published.statusCode, 303, published.body.slice(0, 300))
  assert.equal((await getEditorialArticle(desk.db, id)).status, 'published')
  assert.match((await getPage(desk, legal, '/newsroom/legal')).body, /لا مقالات تنتظر رأيك الآن/)
  // Once published the article awaits nothing from legal: its review page says so.
  assert.match((await getPage(desk, legal, `/newsroom/legal/${id}`)).body, /لا تنتظر قراراً قانونياً/)
})
