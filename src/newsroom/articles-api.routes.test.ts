import assert from 'node:assert/strict'
import { test } from 'node:test'
import { publishScheduledArticles } from '../articles/index.js'
import { ROLES, type Role } from '../staff/index.js'
import { browseAs, deskApp, getPage, postForm } from './testing.js'

type Desk = Awaited<ReturnType<typeof deskApp>>
type Who = Role | 'nobody'
const WHO: Who[] = [...ROLES, 'nobody']

function call(desk: Desk, who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const headers = who === 'nobody' ? {} : desk.bearer(who)
  return desk.app.inject({ method, url: `/api/v1/admin/articles${url}`, headers, ...(payload ? { payload } : {}) })
}

async function draftBy(desk: Desk, who: Role, extra: object = {}) {
  const res = await call(desk, who, 'POST', '', { title: 'مسودة للاختبار', bodyHtml: '<p>نص المسودة</p>', section: 'local', ...extra })
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: number; version: number; url: string; status: string }
}

/** Asserts each role's status for one action; `act` runs once per role on a fresh article where needed. */
async function matrix(name: string, expected: Record<Who, number>, act: (who: Who) => Promise<{ statusCode: number; body: string }>) {
  for (const who of WHO) {
    const res = await act(who)
    assert.equal(res.statusCode, expected[who], `${name}: ${who} → ${res.statusCode} ${res.body.slice(0, 200)}`)
  }
}

test('capability matrix of the admin article API, every cell through HTTP', async (t) => {
  const desk = await deskApp(t)
  const editorDraft = await draftBy(desk, 'editor')

  await matrix('create a draft', { admin: 201, editor: 201, writer: 201, legal: 403, moderator: 403, nobody: 401 }, (who) =>
    call(desk, who, 'POST', '', { title: 'خبر جديد', bodyHtml: '<p>نص</p>', section: 'local' }),
  )
  await matrix('create published', { admin: 201, editor: 201, writer: 403, legal: 403, moderator: 403, nobody: 401 }, (who) =>
    call(desk, who, 'POST', '', { title: 'خبر منشور', bodyHtml: '<p>نص</p>', section: 'local', status: 'published' }),
  )
  await matrix("read someone else's draft", { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, (who) =>
    call(desk, who, 'GET', `/${editorDraft.id}`),
  )
  await matrix("edit someone else's draft", { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, (who) =>
    call(desk, who, 'PATCH', `/${editorDraft.id}`, { summary: `موجز من ${who}` }),
  )
  await matrix('publish', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) =>
    call(desk, who, 'POST', `/${(await draftBy(desk, 'editor')).id}/publish`),
  )
  await matrix('schedule', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) =>
    call(desk, who, 'PATCH', `/${(await draftBy(desk, 'editor')).id}`, { status: 'scheduled', publishAt: new Date(Date.now() + 3_600_000).toISOString() }),
  )
  await matrix('unpublish', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) => {
    const { id } = await draftBy(desk, 'editor', { status: 'published' })
    return call(desk, who, 'POST', `/${id}/unpublish`)
  })
  await matrix('urgent flag and placement', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) => {
    const { id } = await draftBy(desk, who === 'admin' || who === 'editor' ? 'editor' : 'writer')
    return call(desk, who, 'PATCH', `/${id}`, { urgent: true, placement: 'lead' })
  })
  await matrix('legal decision (separation of duties: not even admin)', { admin: 403, editor: 403, writer: 403, legal: 200, moderator: 403, nobody: 401 }, async (who) => {
    const { id } = await draftBy(desk, 'writer', { requiresLegalReview: true, status: 'review' })
    return call(desk, who, 'POST', `/${id}/legal`, { decision: 'approve', note: 'لا مانع من النشر' })
  })
  await matrix('corrections', { admin: 201, editor: 201, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) => {
    const { id } = await draftBy(desk, 'editor', { status: 'published' })
    return call(desk, who, 'POST', `/${id}/corrections`, { kind: 'correction', body: `صُحّح اسم المتحدث (${who}).` })
  })
  await matrix('revisions', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, (who) => call(desk, who, 'GET', `/${editorDraft.id}/revisions`))
  await matrix('restore a revision', { admin: 200, editor: 200, writer: 403, legal: 403, moderator: 403, nobody: 401 }, async (who) => {
    const revisions = (await call(desk, 'editor', 'GET', `/${editorDraft.id}/revisions`)).json().revisions
    return call(desk, who, 'POST', `/${editorDraft.id}/revisions/${revisions.at(-1).id}/restore`)
  })
})

test('a writer: own drafts, submit for review, withdraw; never publishes, never touches a submitted article of others', async (t) => {
  const desk = await deskApp(t)
  const mine = await draftBy(desk, 'writer')
  const edited = await call(desk, 'writer', 'PATCH', `/${mine.id}`, { title: 'عنوان الكاتب', version: mine.version, tags: ['الرياض', 'نقل عام'], authors: ['سارة المطيري'] })
  assert.equal(edited.statusCode, 200)
  assert.deepEqual(edited.json().tags, ['الرياض', 'نقل عام'])
  assert.deepEqual(edited.json().authors, [{ name: 'سارة المطيري', slug: 'سارة-المطيري' }])
  const submitted = await call(desk, 'writer', 'PATCH', `/${mine.id}`, { status: 'review' })
  assert.equal(submitted.json().status, 'review')
  assert.equal((await call(desk, 'writer', 'PATCH', `/${mine.id}`, { status: 'published' })).statusCode, 403)
  assert.equal((await call(desk, 'writer', 'POST', `/${mine.id}/publish`)).statusCode, 403)
  assert.equal((await call(desk, 'writer', 'PATCH', `/${mine.id}`, { status: 'draft' })).json().status, 'draft')
  // Once an editor published it, the writer can no longer change it.
  await call(desk, 'editor', 'POST', `/${mine.id}/publish`)
  assert.equal((await call(desk, 'writer', 'PATCH', `/${mine.id}`, { title: 'تغيير بعد النشر' })).statusCode, 403)
  const list = (await call(desk, 'writer', 'GET', '')).json()
  assert.deepEqual(list.articles.map((a: { id: number }) => a.id), [mine.id], 'a writer lists only their own')
})

test('admin API refusals: 400 naming the field, 409 for a stale version with the stored article, 409 legal_review_pending; nothing half-made', async (t) => {
  const desk = await deskApp(t)
  const bad = [
    [{ bodyHtml: '<p>x</p>', section: 'local' }, 'title'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'local', urgent: 'yes' }, 'urgent'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'nowhere' }, 'section'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'local', status: 'live' }, 'status'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'local', status: 'scheduled' }, 'publishAt'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'local', status: 'scheduled', publishAt: 'tomorrow' }, 'publishAt'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'local', featuredImage: 999 }, 'featuredImage'],
    [{ title: 'x', bodyHtml: '<p>x</p>', section: 'local', sources: [{ name: 'وكالة', url: 'javascript:alert(1)' }] }, 'sources'],
    [{ title: '   ', bodyHtml: '<p>x</p>', section: 'local' }, 'title'],
  ] as const
  for (const [payload, field] of bad) {
    const res = await call(desk, 'editor', 'POST', '', payload)
    assert.equal(res.statusCode, 400, JSON.stringify(payload))
    assert.equal(res.json().error.field, field, JSON.stringify(payload))
    assert.ok(res.json().error.message)
  }
  const before = await desk.db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  assert.equal(Number(before.n), 0, 'no refused create left an article')
  const tags = await desk.db.selectFrom('tag').selectAll().execute()
  assert.deepEqual(tags, [])

  // Publishing straight away an article that needs a lawyer: refused, and no draft stays behind.
  const legal = await call(desk, 'editor', 'POST', '', { title: 'حكم', bodyHtml: '<p>x</p>', section: 'local', requiresLegalReview: true, status: 'published', tags: ['قضاء'] })
  assert.equal(legal.statusCode, 409)
  assert.equal(legal.json().error.code, 'legal_review_pending')
  assert.equal(Number((await desk.db.selectFrom('article').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0)

  const draft = await draftBy(desk, 'editor')
  const first = await call(desk, 'editor', 'PATCH', `/${draft.id}`, { bodyHtml: '<p>نسخة المحرر</p>', version: draft.version })
  assert.equal(first.json().version, draft.version + 1)
  const stale = await call(desk, 'admin', 'PATCH', `/${draft.id}`, { bodyHtml: '<p>نسخة المدير</p>', version: draft.version })
  assert.equal(stale.statusCode, 409)
  assert.equal(stale.json().error.code, 'conflict')
  assert.equal(stale.json().current.bodyHtml, '<p>نسخة المحرر</p>')
  assert.equal(stale.json().current.version, draft.version + 1)
  assert.equal((await call(desk, 'editor', 'GET', `/${draft.id}`)).json().bodyHtml, '<p>نسخة المحرر</p>')
})

test('workflow through the API: review, legal approval, scheduling, the scheduler publishes, readers see it', async (t) => {
  const desk = await deskApp(t)
  const created = await call(desk, 'writer', 'POST', '', { title: 'تحقيق عن العقود', bodyHtml: '<p>نص التحقيق</p>', section: 'courts', requiresLegalReview: true, status: 'review' })
  assert.equal(created.statusCode, 201)
  const { id, url } = created.json()
  assert.equal((await desk.app.inject({ method: 'GET', url: new URL(url).pathname })).statusCode, 404, 'unpublished: 404 to readers')
  const publishAt = new Date(Date.now() + 60_000).toISOString()
  const early = await call(desk, 'editor', 'PATCH', `/${id}`, { status: 'scheduled', publishAt })
  assert.equal(early.statusCode, 409)
  assert.equal(early.json().error.code, 'legal_review_pending')
  assert.equal((await call(desk, 'legal', 'GET', `/${id}`)).statusCode, 200, 'legal reads what awaits it')
  assert.equal((await call(desk, 'legal', 'POST', `/${id}/legal`, { decision: 'approve' })).statusCode, 200)
  const scheduled = await call(desk, 'editor', 'PATCH', `/${id}`, { status: 'scheduled', publishAt })
  assert.equal(scheduled.statusCode, 200, scheduled.body)
  assert.equal(scheduled.json().publishAt, publishAt)
  assert.deepEqual(await publishScheduledArticles(desk.db, new Date(Date.parse(publishAt) + 1000)), [id])
  const page = await desk.app.inject({ method: 'GET', url: new URL(url).pathname })
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /تحقيق عن العقود/)
  const revisions = (await call(desk, 'editor', 'GET', `/${id}/revisions`)).json().revisions
  assert.ok(revisions.length >= 1 && revisions.every((r: { user: string | null }) => typeof r.user === 'string'))
  const preview = await call(desk, 'editor', 'POST', `/${id}/preview`)
  assert.match(preview.json().url, /\/preview\/[A-Za-z0-9_-]{32}$/)
})

test('corrections and replies through the API: shown on the article and on /corrections; a reply names its party', async (t) => {
  const desk = await deskApp(t)
  const draft = await draftBy(desk, 'editor')
  const early = await call(desk, 'editor', 'POST', `/${draft.id}/corrections`, { kind: 'correction', body: 'تصحيح قبل النشر' })
  assert.equal(early.statusCode, 400, 'an article never published takes no correction')
  await call(desk, 'editor', 'POST', `/${draft.id}/publish`)
  const noParty = await call(desk, 'editor', 'POST', `/${draft.id}/corrections`, { kind: 'reply', body: 'نص الرد' })
  assert.equal(noParty.statusCode, 400)
  assert.equal(noParty.json().error.field, 'party')
  const correction = await call(desk, 'editor', 'POST', `/${draft.id}/corrections`, { kind: 'correction', body: 'كان الرقم الصحيح 42 لا 24.' })
  assert.equal(correction.statusCode, 201)
  const reply = await call(desk, 'editor', 'POST', `/${draft.id}/corrections`, { kind: 'reply', body: 'توضيح من الشركة بشأن العقد.', party: 'شركة الإنشاءات' })
  assert.equal(reply.statusCode, 201)
  const page = await desk.app.inject({ method: 'GET', url: new URL(draft.url).pathname })
  assert.match(page.body, /تصحيحات وردود/)
  assert.match(page.body, /شركة الإنشاءات/)
  assert.match(page.body, /"correction"/, 'JSON-LD carries them')
  const list = await desk.app.inject({ method: 'GET', url: '/corrections' })
  assert.equal(list.statusCode, 200)
  assert.ok(list.body.indexOf('توضيح من الشركة') < list.body.indexOf('كان الرقم الصحيح'), 'newest first')
})

test('corrections from the edit page: editors post them, writers may not, a refused one keeps the typed text', async (t) => {
  const desk = await deskApp(t)
  const { id } = await draftBy(desk, 'editor', { status: 'published' })
  const editor = await browseAs(desk, 'editor')
  const writer = await browseAs(desk, 'writer')
  const page = await getPage(desk, editor, `/newsroom/articles/${id}/edit`)
  assert.match(page.body, /id="correction-form"/)
  assert.equal((await postForm(desk, writer, `/newsroom/articles/${id}/corrections`, { kind: 'correction', body: 'تصحيح من كاتب' })).statusCode, 403)
  const refused = await postForm(desk, editor, `/newsroom/articles/${id}/corrections`, { kind: 'reply', body: 'رد بلا صاحب', party: '' })
  assert.equal(refused.statusCode, 400)
  assert.match(refused.body, /رد بلا صاحب/, 'the typed text comes back')
  const posted = await postForm(desk, editor, `/newsroom/articles/${id}/corrections`, { kind: 'reply', body: 'توضيح من الهيئة', party: 'هيئة النقل' })
  assert.equal(posted.statusCode, 303)
  assert.match((await getPage(desk, editor, `/newsroom/articles/${id}/edit?done=corrected`)).body, /هيئة النقل/)
  assert.equal((await postForm(desk, editor, `/newsroom/articles/${id}/corrections`, { kind: 'correction', body: 'x', _csrf: 'wrong' })).statusCode, 403)
})
