import assert from 'node:assert/strict'
import { test } from 'node:test'
import { getEditorialArticle, listRevisions } from '../articles/index.js'
import { ROLES, type Role } from '../staff/index.js'
import { ArticleEditPage } from './article-edit.page.js'
import { capabilitiesOf } from './articles.routes.js'
import { deskFormatter } from './desk-errors.js'
import { emptyForm } from './desk-form.js'
import { browseAs, deskApp, getPage, postForm, type DeskBrowser } from './testing.js'

type Desk = Awaited<ReturnType<typeof deskApp>>
type Who = Role | 'nobody'
const WHO: Who[] = [...ROLES, 'nobody']

const HEADLINE = 'مجلس الشورى يناقش مشروع نظام النقل العام في المدن الكبرى ويستمع إلى ملاحظات الجهات المختصة'
const BODY = '<p>ناقش المجلس في جلسته الأسبوعية مشروع النظام بحضور ممثلين عن وزارة النقل.</p>'

/** One signed-in browser per role. */
async function browsers(desk: Desk): Promise<Record<Who, DeskBrowser | undefined>> {
  const all = { nobody: undefined } as Record<Who, DeskBrowser | undefined>
  for (const role of ROLES) all[role] = await browseAs(desk, role)
  return all
}

const articleFields = (extra: Record<string, string> = {}) => ({ title: HEADLINE, bodyHtml: BODY, section: 'local', commentsOpen: '1', ...extra })

/** Creates an article through the form as `who`; its id. */
async function createAs(desk: Desk, who: DeskBrowser | undefined, extra: Record<string, string> = {}): Promise<number> {
  const res = await postForm(desk, who, '/newsroom/articles', articleFields(extra))
  assert.equal(res.statusCode, 303, res.body.slice(0, 500))
  const id = Number(/\/newsroom\/articles\/(\d+)\/edit/.exec(String(res.headers.location))?.[1])
  assert.ok(id > 0)
  return id
}

/** The edit page's form as a browser would post it back: every named input, textarea and select. */
async function formOf(desk: Desk, who: DeskBrowser, id: number): Promise<Record<string, string>> {
  const page = await getPage(desk, who, `/newsroom/articles/${id}/edit`)
  assert.equal(page.statusCode, 200)
  const html = page.body.slice(page.body.indexOf('<form id="article-form"'), page.body.indexOf('</form>', page.body.indexOf('<form id="article-form"')))
  const fields: Record<string, string> = {}
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(m[1])?.[1]
    if (!name || name === '_csrf' || / disabled/.test(m[1])) continue
    if (/type="checkbox"/.test(m[1]) && !/ checked/.test(m[1])) continue
    fields[name] = unescape(/value="([^"]*)"/.exec(m[1])?.[1] ?? '')
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[m[1]] = unescape(m[2])
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) fields[m[1]] = unescape(/<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '')
  return fields
}

function autosave(desk: Desk, who: DeskBrowser | undefined, id: number, fields: Record<string, string>) {
  return postForm(desk, who, `/newsroom/articles/${id}/autosave`, { ...fields, action: 'autosave' }, { accept: 'application/json' })
}

async function matrix(name: string, expected: Record<Who, number>, act: (who: Who) => Promise<{ statusCode: number; body: string }>) {
  for (const who of WHO) {
    const res = await act(who)
    assert.equal(res.statusCode, expected[who], `${name}: ${who} → ${res.statusCode} ${res.body.slice(0, 300)}`)
  }
}

test('every desk page and action, per role: admin, editor, writer, legal, moderator, signed out', async (t) => {
  const desk = await deskApp(t)
  const as = await browsers(desk)
  const editorDraft = await createAs(desk, as.editor)
  const page = (url: string) => (who: Who) => getPage(desk, as[who], url)
  const readers = { admin: 200, editor: 200, writer: 200, legal: 403, moderator: 403, nobody: 303 }
  const editorsOnly = { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 303 }

  await matrix('home', { admin: 200, editor: 200, writer: 200, legal: 200, moderator: 200, nobody: 303 }, page('/newsroom'))
  await matrix('article list', readers, page('/newsroom/articles'))
  await matrix('new article form', readers, page('/newsroom/articles/new'))
  await matrix('tag suggestions', readers, page('/newsroom/articles/suggest/tags?q=نقل'))
  await matrix("someone else's draft", editorsOnly, page(`/newsroom/articles/${editorDraft}/edit`))
  await matrix("someone else's revisions", editorsOnly, page(`/newsroom/articles/${editorDraft}/revisions`))
  await matrix('legal queue', { admin: 403, editor: 403, writer: 403, legal: 200, moderator: 403, nobody: 303 }, page('/newsroom/legal'))

  await matrix('create', { admin: 303, editor: 303, writer: 303, legal: 403, moderator: 403, nobody: 303 }, (who) => postForm(desk, as[who], '/newsroom/articles', articleFields()))
  await matrix("save someone else's draft", { admin: 303, editor: 303, writer: 403, legal: 403, moderator: 403, nobody: 303 }, async (who) =>
    postForm(desk, as[who], `/newsroom/articles/${editorDraft}`, { ...(await formOf(desk, as.editor!, editorDraft)), summary: `موجز من ${who}`, action: 'save' }),
  )
  await matrix('publish an own draft', { admin: 303, editor: 303, writer: 403, legal: 403, moderator: 403, nobody: 303 }, async (who) => {
    const id = await createAs(desk, who === 'admin' || who === 'editor' || who === 'writer' ? as[who] : as.editor)
    return postForm(desk, as[who], `/newsroom/articles/${id}`, { ...articleFields(), action: 'publish' })
  })
  await matrix('autosave', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) =>
    autosave(desk, as[who], editorDraft, { ...(await formOf(desk, as.editor!, editorDraft)), version: '', summary: `مسودة تلقائية من ${who}` }),
  )
  await matrix('preview link', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 303 }, (who) => postForm(desk, as[who], `/newsroom/articles/${editorDraft}/preview`, {}))
  // Signed out, a page sends to the login form and comes back.
  const out = await getPage(desk, undefined, '/newsroom/articles?status=draft')
  assert.equal(out.headers.location, '/newsroom/login?next=%2Fnewsroom%2Farticles%3Fstatus%3Ddraft')
  const forbidden = await getPage(desk, as.legal, '/newsroom/articles')
  assert.match(forbidden.body, /غرفة الأخبار/, "the newsroom's own 403 page")
  assert.equal(forbidden.headers['cache-control'], 'private, no-store')
})

test('CSRF: a form without the token, with a wrong one or from another site is refused and writes nothing', async (t) => {
  const desk = await deskApp(t)
  const editor = await browseAs(desk, 'editor')
  const count = async () => Number((await desk.db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  for (const [fields, headers] of [
    [{ _csrf: '' }, {}],
    [{ _csrf: editor.csrf.slice(0, -3) + 'abc' }, {}],
    [{}, { 'sec-fetch-site': 'cross-site' }],
    [{}, { origin: 'https://evil.example' }],
  ] as const) {
    const res = await postForm(desk, editor, '/newsroom/articles', { ...articleFields(), ...fields }, headers)
    assert.equal(res.statusCode, 403, JSON.stringify([fields, headers]))
    assert.match(res.body, /تعذّر التحقق من مصدر الطلب/)
  }
  assert.equal(await count(), 0)
  const id = await createAs(desk, editor)
  const version = (await getEditorialArticle(desk.db, id)).version
  for (const url of [`/newsroom/articles/${id}`, `/newsroom/articles/${id}/autosave`, `/newsroom/articles/${id}/preview`]) {
    const res = await postForm(desk, editor, url, { ...articleFields({ title: 'عنوان مزور' }), _csrf: 'x', action: 'publish' })
    assert.equal(res.statusCode, 403, url)
  }
  const after = await getEditorialArticle(desk.db, id)
  assert.equal(after.version, version)
  assert.equal(after.status, 'draft')
  assert.equal(after.previewToken, null)
})

test('a writer: no publishing controls, a publish POST is 403 with the text kept; sees and edits only their own', async (t) => {
  const desk = await deskApp(t)
  const writer = await browseAs(desk, 'writer')
  const editor = await browseAs(desk, 'editor')
  const mine = await createAs(desk, writer, { tags: 'نقل عام، الرياض', authors: 'سارة المطيري\nفهد العتيبي', sources: 'وكالة الأنباء السعودية | https://www.spa.gov.sa/\nهيئة النقل' })
  const theirs = await createAs(desk, editor, { title: 'خبر المحرر عن مهرجان الكتاب' })

  const page = await getPage(desk, writer, `/newsroom/articles/${mine}/edit`)
  assert.equal(page.statusCode, 200)
  for (const value of ['save', 'submit']) assert.match(page.body, new RegExp(`name="action" value="${value}"`))
  for (const value of ['publish', 'schedule', 'unpublish']) assert.doesNotMatch(page.body, new RegExp(`value="${value}"`))
  assert.doesNotMatch(page.body, /name="urgent"|name="placement"|name="publishAt"/)
  assert.match(page.body, /value="نقل عام، الرياض"/)
  assert.match(page.body, /سارة المطيري\nفهد العتيبي/)
  assert.match(page.body, /وكالة الأنباء السعودية \| https:\/\/www\.spa\.gov\.sa\/\nهيئة النقل/)

  const typed = { ...(await formOf(desk, writer, mine)), bodyHtml: '<p>نص كتبته الكاتبة للتو ولم يُحفظ</p>', action: 'publish' }
  const refused = await postForm(desk, writer, `/newsroom/articles/${mine}`, typed)
  assert.equal(refused.statusCode, 403)
  assert.match(refused.body, /نص كتبته الكاتبة للتو ولم يُحفظ/, 'the typed text is kept')
  assert.match(refused.body, /ليست لديك صلاحية/)
  const stored = await getEditorialArticle(desk.db, mine)
  assert.equal(stored.status, 'draft')
  assert.equal(stored.bodyHtml, BODY, 'nothing saved when the action is refused before the save')
  // Urgent and placement sent anyway are not the writer's to set.
  const sneaky = await postForm(desk, writer, `/newsroom/articles/${mine}`, { ...(await formOf(desk, writer, mine)), urgent: '1', placement: 'lead', action: 'save' })
  assert.equal(sneaky.statusCode, 303)
  const afterSneaky = await getEditorialArticle(desk.db, mine)
  assert.equal(afterSneaky.urgent, false)
  assert.equal(afterSneaky.placement, null)
  // A create asking to publish: refused with the text, nothing left behind.
  const before = (await desk.db.selectFrom('article').select('id').execute()).length
  const create = await postForm(desk, writer, '/newsroom/articles', { ...articleFields({ title: 'عنوان لم يُنشر' }), action: 'publish' })
  assert.equal(create.statusCode, 403)
  assert.match(create.body, /value="عنوان لم يُنشر"/)
  assert.equal((await desk.db.selectFrom('article').select('id').execute()).length, before)

  const list = await getPage(desk, writer, '/newsroom/articles')
  assert.match(list.body, new RegExp(`/newsroom/articles/${mine}/edit`))
  assert.doesNotMatch(list.body, new RegExp(`/newsroom/articles/${theirs}/edit`))
  assert.match(list.body, /مقالاتي/)
  assert.equal((await getPage(desk, writer, `/newsroom/articles/${theirs}/edit`)).statusCode, 403)
  const other = await postForm(desk, writer, `/newsroom/articles/${theirs}`, { ...articleFields(), action: 'save' })
  assert.equal(other.statusCode, 403)
  assert.equal((await getEditorialArticle(desk.db, theirs)).title, 'خبر المحرر عن مهرجان الكتاب')

  // Submitted, then published by an editor: the writer's page turns read-only, without buttons.
  assert.equal((await postForm(desk, writer, `/newsroom/articles/${mine}`, { ...(await formOf(desk, writer, mine)), action: 'submit' })).statusCode, 303)
  assert.equal((await getEditorialArticle(desk.db, mine)).status, 'review')
  const publish = await postForm(desk, editor, `/newsroom/articles/${mine}`, { ...(await formOf(desk, editor, mine)), action: 'publish' })
  assert.equal(publish.statusCode, 303)
  assert.equal(publish.headers.location, `/newsroom/articles/${mine}/edit?done=publish`)
  const readOnly = await getPage(desk, writer, `/newsroom/articles/${mine}/edit`)
  assert.match(readOnly.body, /للقراءة فقط/)
  assert.doesNotMatch(readOnly.body, /name="action"/)
  assert.doesNotMatch(readOnly.body, /data-autosave-url/)
})

test('an editor saves, schedules in the newsroom time zone, publishes and unpublishes from the form', async (t) => {
  const desk = await deskApp(t)
  const editor = await browseAs(desk, 'editor')
  const id = await createAs(desk, editor, { tags: 'ثقافة', placement: 'lead', urgent: '1' })
  const created = await getPage(desk, editor, `/newsroom/articles/${id}/edit?done=created`)
  assert.match(created.body, /أُنشئت المقالة/)
  assert.match(created.body, /data-autosave-url="\/newsroom\/articles\/\d+\/autosave"/)
  assert.match(created.body, /data-media-url="\/newsroom\/media.json"/)
  assert.match(created.body, /<textarea id="body-html" name="bodyHtml" dir="rtl"/)
  assert.match(created.body, /<input type="hidden" name="version" value="1"/)
  const stored = await getEditorialArticle(desk.db, id)
  assert.equal(stored.urgent, true)
  assert.equal(stored.placement, 'lead')

  // Saving an unchanged form writes no new version.
  const unchanged = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), action: 'save' })
  assert.equal(unchanged.headers.location, `/newsroom/articles/${id}/edit?done=unchanged`)
  assert.equal((await getEditorialArticle(desk.db, id)).version, 1)

  // 2030-01-15 10:30 in Riyadh (UTC+3) is 07:30 UTC.
  const scheduled = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), publishAt: '2030-01-15T10:30', action: 'schedule' })
  assert.equal(scheduled.statusCode, 303, scheduled.body.slice(0, 300))
  const after = await getEditorialArticle(desk.db, id)
  assert.equal(after.status, 'scheduled')
  assert.equal(after.publishAt?.toISOString(), '2030-01-15T07:30:00.000Z')
  const page = await getPage(desk, editor, `/newsroom/articles/${id}/edit`)
  assert.match(page.body, /name="publishAt" type="datetime-local" value="2030-01-15T10:30"/)
  assert.match(page.body, /value="unpublish"/)
  assert.match(page.body, /Asia\/Riyadh/)
  const list = await getPage(desk, editor, '/newsroom/articles?status=scheduled')
  assert.match(list.body, /مجدولة/)
  assert.match(list.body, /datetime="2030-01-15T07:30:00.000Z"/)
  assert.match(list.body, /عاجل/)

  const past = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), publishAt: '2001-01-01T10:00', action: 'schedule' })
  assert.equal(past.statusCode, 400)
  assert.match(past.body, /id="err-publishAt"/)
  const badTime = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), publishAt: 'غداً', action: 'schedule' })
  assert.equal(badTime.statusCode, 400)
  assert.match(badTime.body, /value="غداً"/)

  const published = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), action: 'publish' })
  assert.equal(published.statusCode, 303)
  const live = await getEditorialArticle(desk.db, id)
  assert.equal(live.status, 'published')
  assert.equal((await desk.app.inject({ url: live.path })).statusCode, 200)
  const unpublished = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), action: 'unpublish' })
  assert.equal(unpublished.headers.location, `/newsroom/articles/${id}/edit?done=unpublish`)
  assert.equal((await getEditorialArticle(desk.db, id)).status, 'unpublished')
  const events = await getPage(desk, editor, `/newsroom/articles/${id}/edit`)
  for (const step of ['أُنشئت', 'جُدولت', 'نُشرت', 'أُلغي نشرها']) assert.match(events.body, new RegExp(step))
})

test('a refused save shows the form again with everything typed and the reason beside the field', async (t) => {
  const desk = await deskApp(t)
  const editor = await browseAs(desk, 'editor')
  const typedBody = '<p>فقرة طويلة كتبها المحرر للتو عن <strong>الميزانية</strong> ولا يجوز أن تضيع</p>'
  const noTitle = await postForm(desk, editor, '/newsroom/articles', { ...articleFields({ title: '   ', bodyHtml: typedBody, tags: 'اقتصاد، ميزانية', dateline: 'جدة' }) })
  assert.equal(noTitle.statusCode, 400)
  assert.ok(noTitle.body.includes('فقرة طويلة كتبها المحرر للتو عن &lt;strong>الميزانية&lt;/strong>'), 'the body as typed, escaped in its textarea')
  assert.match(noTitle.body, /value="اقتصاد، ميزانية"/)
  assert.match(noTitle.body, /value="جدة"/)
  assert.match(noTitle.body, /id="f-title"[^>]*aria-invalid="true"/)
  assert.match(noTitle.body, /<p class="nr-field-error" id="err-title">«العنوان»: هذا الحقل مطلوب.<\/p>/)

  const id = await createAs(desk, editor)
  const form = await formOf(desk, editor, id)
  for (const [fields, field] of [
    [{ sources: 'وكالة | javascript:alert(1)' }, 'sources'],
    [{ title: 'ع'.repeat(301) }, 'title'],
    [{ featuredImage: '999' }, 'featuredImage'],
    [{ featuredImage: 'صورة' }, 'featuredImage'],
    [{ section: 'nowhere' }, 'section'],
    [{ seoDescription: 'و'.repeat(501) }, 'seoDescription'],
  ] as const) {
    const res = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...form, bodyHtml: typedBody, ...fields, action: 'save' })
    assert.equal(res.statusCode, 400, JSON.stringify(fields))
    assert.match(res.body, new RegExp(`id="err-${field}"`), field)
    assert.ok(res.body.includes('ولا يجوز أن تضيع'), `${field}: the body is kept`)
  }
  assert.equal((await getEditorialArticle(desk.db, id)).version, 1, 'nothing was saved')
  // The publishing step refused after the save: the text is saved, the form says so and carries the new version.
  const legal = await postForm(desk, editor, `/newsroom/articles/${id}`, { ...form, bodyHtml: typedBody, requiresLegalReview: '1', action: 'publish' })
  assert.equal(legal.statusCode, 409)
  assert.match(legal.body, /حُفظت تعديلاتك، لكن تعذّر إكمال الإجراء/)
  assert.match(legal.body, /المستشار القانوني/)
  assert.match(legal.body, /name="version" value="2"/)
  assert.equal((await getEditorialArticle(desk.db, id)).status, 'draft')
})

test('two people save one article: the second gets a 409 page with both texts, a word diff, and saving again keeps theirs in the revisions', async (t) => {
  const desk = await deskApp(t)
  const editor = await browseAs(desk, 'editor')
  const admin = await browseAs(desk, 'admin')
  const id = await createAs(desk, editor)
  const openedByAdmin = await formOf(desk, admin, id)
  const editorText = '<p>ناقش المجلس مشروع النظام وأقرّه بالأغلبية بعد التصويت.</p>'
  const adminText = '<p>ناقش المجلس مشروع النظام وأجّل التصويت عليه إلى الأسبوع المقبل.</p>'
  assert.equal((await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), bodyHtml: editorText, action: 'save' })).statusCode, 303)

  const conflict = await postForm(desk, admin, `/newsroom/articles/${id}`, { ...openedByAdmin, bodyHtml: adminText, action: 'save' })
  assert.equal(conflict.statusCode, 409)
  assert.ok(conflict.body.includes('وأجّل التصويت عليه إلى الأسبوع المقبل'), "the person's own text stays in the form")
  assert.ok(conflict.body.includes('وأقرّه بالأغلبية بعد التصويت'), "the other person's saved text is shown")
  assert.match(conflict.body, /حفظ شخص آخر هذه المقالة قبلك/)
  assert.match(conflict.body, /حساب editor/, 'who saved it')
  assert.match(conflict.body, /<del>وأقرّه بالأغلبية بعد<\/del><ins>وأجّل<\/ins>/)
  assert.match(conflict.body, /name="version" value="2"/, 'the hidden version is the current one')
  assert.equal((await getEditorialArticle(desk.db, id)).bodyHtml, editorText, 'nothing overwritten')

  // Submitting that form again saves the admin's text over; both stay in the revisions.
  const resubmitted = { ...openedByAdmin, bodyHtml: adminText, version: '2', action: 'save' }
  assert.equal((await postForm(desk, admin, `/newsroom/articles/${id}`, resubmitted)).statusCode, 303)
  assert.equal((await getEditorialArticle(desk.db, id)).bodyHtml, adminText)
  const revisions = await listRevisions(desk.db, id)
  assert.deepEqual(revisions.map((r) => [r.version, r.user?.name]), [[3, 'حساب admin'], [2, 'حساب editor'], [1, 'حساب editor']])
})

test('autosave answers the editor bundle exactly: 200 with version, 409 with the current article, 4xx error JSON', async (t) => {
  const desk = await deskApp(t)
  const writer = await browseAs(desk, 'writer')
  const editor = await browseAs(desk, 'editor')
  const id = await createAs(desk, writer)
  const form = await formOf(desk, writer, id)

  const first = await autosave(desk, writer, id, { ...form, bodyHtml: '<p>مسودة أولى</p>' })
  assert.equal(first.statusCode, 200)
  const body = first.json()
  assert.deepEqual(Object.keys(body).sort(), ['revisionId', 'savedAt', 'version'])
  assert.equal(body.version, 2)
  assert.ok(!Number.isNaN(Date.parse(body.savedAt)))
  const second = (await autosave(desk, writer, id, { ...form, version: '2', bodyHtml: '<p>مسودة ثانية</p>' })).json()
  assert.equal(second.version, 3)
  assert.equal(second.revisionId, body.revisionId, 'autosaves by one person coalesce into one revision')
  const revisions = await listRevisions(desk.db, id)
  assert.deepEqual(revisions.map((r) => r.kind), ['autosave', 'save'])
  // Nothing changed: no new version, the current one back.
  const same = (await autosave(desk, writer, id, { ...form, version: '3', bodyHtml: '<p>مسودة ثانية</p>' })).json()
  assert.equal(same.version, 3)

  // The editor saves meanwhile: the writer's next autosave is a 409 with the current article.
  assert.equal((await postForm(desk, editor, `/newsroom/articles/${id}`, { ...(await formOf(desk, editor, id)), title: 'عنوان المحرر', action: 'save' })).statusCode, 303)
  const stale = await autosave(desk, writer, id, { ...form, version: '3', bodyHtml: '<p>مسودة ثالثة</p>' })
  assert.equal(stale.statusCode, 409)
  const conflict = stale.json()
  assert.deepEqual(Object.keys(conflict).sort(), ['current', 'error'])
  assert.equal(conflict.error.code, 'conflict')
  assert.match(conflict.error.message, /حساب editor/)
  assert.deepEqual(Object.keys(conflict.current).sort(), ['bodyHtml', 'title', 'updatedAt', 'updatedBy', 'version'])
  assert.equal(conflict.current.version, 4)
  assert.equal(conflict.current.title, 'عنوان المحرر')
  assert.equal(conflict.current.bodyHtml, '<p>مسودة ثانية</p>')
  assert.equal(conflict.current.updatedBy, 'حساب editor')
  // «اعتماد نسختي»: the version set to theirs, saved again.
  const mine = await autosave(desk, writer, id, { ...form, version: '4', bodyHtml: '<p>مسودة ثالثة</p>' })
  assert.equal(mine.statusCode, 200)
  assert.equal(mine.json().version, 5)

  const tooLong = await autosave(desk, writer, id, { ...form, version: '5', title: 'ع'.repeat(400) })
  assert.equal(tooLong.statusCode, 400)
  assert.deepEqual(Object.keys(tooLong.json().error).sort(), ['code', 'field', 'message'])
  assert.equal(tooLong.json().error.field, 'title')
  const noCsrf = await autosave(desk, { ...writer, csrf: 'nope' }, id, form)
  assert.equal(noCsrf.statusCode, 403)
  assert.equal(noCsrf.json().error.code, 'csrf')
  const signedOut = await autosave(desk, undefined, id, form)
  assert.equal(signedOut.statusCode, 401)
  assert.equal(signedOut.json().error.code, 'unauthorized')
  const missing = await autosave(desk, writer, 999999, form)
  assert.equal(missing.statusCode, 404)
  assert.equal(missing.json().error.code, 'article_not_found')

  // A published article is not autosaved: the page leaves the URL out and the endpoint refuses.
  const published = await createAs(desk, editor)
  await postForm(desk, editor, `/newsroom/articles/${published}`, { ...(await formOf(desk, editor, published)), action: 'publish' })
  assert.doesNotMatch((await getPage(desk, editor, `/newsroom/articles/${published}/edit`)).body, /data-autosave-url/)
  const live = await autosave(desk, editor, published, { ...(await formOf(desk, editor, published)), title: 'تعديل تلقائي على المنشور' })
  assert.equal(live.statusCode, 400)
  assert.equal(live.json().error.code, 'autosave_not_draft')
})

test('the list: filters by status, searches headlines, pages; suggestions as JSON; the editor assets when given', async (t) => {
  const desk = await deskApp(t)
  const editor = await browseAs(desk, 'editor')
  for (let i = 1; i <= 27; i++) await createAs(desk, editor, { title: `خبر رقم ${i} عن ${i % 2 ? 'الطرق' : 'المدارس'}`, tags: i === 1 ? 'نقل عام، نقل بحري' : '' })
  const first = await getPage(desk, editor, '/newsroom/articles')
  assert.equal((first.body.match(/<tr>/g) ?? []).length, 26, 'a header row and 25 articles')
  assert.match(first.body, /الصفحة 1 من 2/)
  assert.match(first.body, /href="\/newsroom\/articles\?page=2"/)
  const second = await getPage(desk, editor, '/newsroom/articles?page=2')
  assert.equal((second.body.match(/<tr>/g) ?? []).length, 3)
  const search = await getPage(desk, editor, '/newsroom/articles?q=' + encodeURIComponent('المدارس'))
  assert.match(search.body, /13 نتيجة للبحث عن «المدارس»/)
  const none = await getPage(desk, editor, '/newsroom/articles?status=published')
  assert.match(none.body, /لا مقالات هنا/)
  assert.equal((await getPage(desk, editor, '/newsroom/articles?status=live')).statusCode, 400)

  const tags = await getPage(desk, editor, '/newsroom/articles/suggest/tags?q=' + encodeURIComponent('نقل'))
  assert.deepEqual(tags.json(), { suggestions: [{ name: 'نقل عام', slug: 'نقل-عام' }, { name: 'نقل بحري', slug: 'نقل-بحري' }] })
  const people = await getPage(desk, editor, '/newsroom/articles/suggest/people?q=')
  assert.deepEqual(people.json(), { suggestions: [] })

  // The app serves the built bundle; the page works without it too (the textarea), as rendered below.
  const plain = await getPage(desk, editor, '/newsroom/articles/new')
  assert.match(plain.body, /<script type="module" src="\/newsroom\/assets\/editor-[A-Z0-9]+\.js"><\/script>/)
  assert.doesNotMatch(plain.body, /data-autosave-url/, 'no autosave before the first save')
  const staff = { id: 1, email: 'e@example.com', name: 'محرر', role: 'editor' as const }
  const page = (await ArticleEditPage({
    staff,
    csrf: 'token',
    format: deskFormatter('Asia/Riyadh'),
    timeZone: 'Asia/Riyadh',
    form: emptyForm(),
    sections: [{ slug: 'local', name: 'محليات' }],
    can: capabilitiesOf(staff),
    events: [],
    assets: { js: '/newsroom/assets/editor-abc.js', css: '/newsroom/assets/editor-abc.css' },
  })) as string
  assert.match(page, /<link rel="stylesheet" href="\/newsroom\/assets\/editor-abc.css"/)
  assert.match(page, /<script type="module" src="\/newsroom\/assets\/editor-abc.js"><\/script>/)
})
