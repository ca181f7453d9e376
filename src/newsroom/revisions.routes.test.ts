import assert from 'node:assert/strict'
import { test } from 'node:test'
import { getEditorialArticle, listRevisions } from '../articles/index.js'
import { browseAs, deskApp, getPage, postForm } from './testing.js'

test('revisions: the list, a readable word diff of any two, restore behind a confirmation, CSRF and version checked', async (t) => {
  const desk = await deskApp(t)
  const writer = await browseAs(desk, 'writer')
  const editor = await browseAs(desk, 'editor')
  const base = { section: 'local', summary: 'موجز أول', tags: 'طقس' }
  const created = await postForm(desk, writer, '/newsroom/articles', { ...base, title: 'أمطار غزيرة على مدن المنطقة الجنوبية', bodyHtml: '<p>هطلت أمطار غزيرة صباح اليوم.</p>' })
  const id = Number(/articles\/(\d+)\//.exec(String(created.headers.location))?.[1])
  const save = async (who: typeof writer, fields: Record<string, string>) => {
    const version = String((await getEditorialArticle(desk.db, id)).version)
    const res = await postForm(desk, who, `/newsroom/articles/${id}`, { ...base, title: 'أمطار غزيرة على مدن المنطقة الجنوبية', bodyHtml: '<p>هطلت أمطار غزيرة صباح اليوم.</p>', version, action: 'save', ...fields })
    assert.equal(res.statusCode, 303, res.body.slice(0, 300))
  }
  await save(writer, { bodyHtml: '<p>هطلت أمطار غزيرة مساء اليوم.</p><p>وأغلقت بعض الطرق.</p>' })
  await save(editor, { bodyHtml: '<p>هطلت أمطار غزيرة مساء اليوم.</p><p>وأغلقت بعض الطرق.</p>', tags: 'طقس، أمطار', section: 'courts' })

  const page = await getPage(desk, writer, `/newsroom/articles/${id}/revisions`)
  assert.equal(page.statusCode, 200)
  assert.equal((page.body.match(/<tr>/g) ?? []).length, 4, 'three revisions and a header')
  assert.match(page.body, /حساب writer/)
  assert.match(page.body, /حساب editor/)
  // Default: the newest against the one before it — the editor's tags and section, by name.
  assert.match(page.body, /<h3>الوسوم<\/h3><div class="nr-diff" dir="auto"><span>طقس<\/span><ins>، أمطار<\/ins><\/div>/)
  assert.match(page.body, /<h3>القسم<\/h3><div class="nr-diff" dir="auto"><del>محليات<\/del><ins>محاكم<\/ins><\/div>/)
  const revisions = await listRevisions(desk.db, id)
  const oldest = revisions.at(-1)!.id
  const compare = await getPage(desk, writer, `/newsroom/articles/${id}/revisions?from=${revisions[1]!.id}&to=${oldest}`)
  assert.match(compare.body, /<h3>نص المقال<\/h3>/)
  assert.match(compare.body, /<del>صباح<\/del><ins>مساء<\/ins>/, 'older first, whatever order was asked')
  assert.match(compare.body, /<ins>\nوأغلقت بعض الطرق.<\/ins>|<ins>[^<]*وأغلقت بعض الطرق/)
  assert.equal((await getPage(desk, writer, `/newsroom/articles/${id}/revisions?from=999999&to=${oldest}`)).statusCode, 404)

  const confirm = await getPage(desk, writer, `/newsroom/articles/${id}/revisions/${oldest}/restore`)
  assert.equal(confirm.statusCode, 200)
  assert.match(confirm.body, /نعم، استعد هذه النسخة/)
  assert.match(confirm.body, /<del>مساء<\/del><ins>صباح<\/ins>/)
  const current = await getEditorialArticle(desk.db, id)
  assert.equal((await postForm(desk, writer, `/newsroom/articles/${id}/revisions/${oldest}/restore`, { version: String(current.version), _csrf: 'x' })).statusCode, 403)
  const stale = await postForm(desk, writer, `/newsroom/articles/${id}/revisions/${oldest}/restore`, { version: String(current.version - 1) })
  assert.equal(stale.statusCode, 409)
  assert.match(stale.body, /حُفظت المقالة بعد أن فتحت هذه الصفحة/)
  assert.match(stale.body, new RegExp(`name="version" value="${current.version}"`))
  const restored = await postForm(desk, writer, `/newsroom/articles/${id}/revisions/${oldest}/restore`, { version: String(current.version) })
  assert.equal(restored.statusCode, 303)
  assert.equal(restored.headers.location, `/newsroom/articles/${id}/edit?done=restored`)
  assert.match((await getPage(desk, writer, restored.headers.location as string)).body, /استُعيدت النسخة المختارة/)
  const after = await getEditorialArticle(desk.db, id)
  assert.equal(after.bodyHtml, '<p>هطلت أمطار غزيرة صباح اليوم.</p>')
  assert.equal((await listRevisions(desk.db, id))[0]!.kind, 'restore')
  assert.match((await getPage(desk, writer, `/newsroom/articles/${id}/edit`)).body, /استُعيدت نسخة سابقة/)

  // Someone else's article: no revisions for a writer; legal and moderators never.
  const other = await postForm(desk, editor, '/newsroom/articles', { ...base, title: 'خبر آخر', bodyHtml: '<p>نص</p>' })
  const otherId = Number(/articles\/(\d+)\//.exec(String(other.headers.location))?.[1])
  const otherRevision = (await listRevisions(desk.db, otherId))[0]!.id
  assert.equal((await getPage(desk, writer, `/newsroom/articles/${otherId}/revisions`)).statusCode, 403)
  assert.equal((await postForm(desk, writer, `/newsroom/articles/${otherId}/revisions/${otherRevision}/restore`, { version: '1' })).statusCode, 403)
  for (const role of ['legal', 'moderator'] as const) {
    assert.equal((await getPage(desk, await browseAs(desk, role), `/newsroom/articles/${otherId}/revisions`)).statusCode, 403)
  }
  assert.equal((await getPage(desk, undefined, `/newsroom/articles/${otherId}/revisions`)).statusCode, 303)
})
