import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { openSqlite, readContentVersion, sqliteFileOf, type Db } from '../db/index.js'
import { createTestDb } from '../db/testing.js'
import { Conflict, Invalid } from '../http/index.js'
import { createAccount } from '../staff/index.js'
import {
  changeStatus,
  compareRevisions,
  createDraft,
  decideLegalReview,
  ensureSection,
  getEditorialArticle,
  getPublishedArticle,
  listRevisions,
  listWorkflowEvents,
  publishScheduledArticles,
  restoreRevision,
  saveArticle,
  StaleVersion,
  type Actor,
} from './index.js'

const T0 = new Date('2026-05-01T09:00:00Z')
const after = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

async function newsroom(db: Db) {
  const people: Record<string, Actor> = {}
  for (const [key, role] of [['writer', 'writer'], ['editor', 'editor'], ['lawyer', 'legal']] as const) {
    const account = await createAccount(db, { email: `${key}@example.com`, name: `${key}-name`, role, password: 'a long enough password' }, T0)
    people[key] = { id: account.id, name: account.name }
  }
  const sectionId = await ensureSection(db, 'local', 'محليات')
  return { ...people, sectionId } as { writer: Actor; editor: Actor; lawyer: Actor; sectionId: number }
}

test('saves: each makes a version and a revision; a stale version is refused with the other text, nothing overwritten', async (t) => {
  const db = await createTestDb(t)
  const { writer, editor, sectionId } = await newsroom(db)
  const draft = await createDraft(db, { title: ' افتتاح جسر الملك فهد ', bodyHtml: '<p>نص أول</p><script>x()</script>', sectionId }, writer, T0)
  assert.equal(draft.version, 1)
  assert.equal(draft.title, 'افتتاح جسر الملك فهد')
  assert.equal(draft.slug, 'افتتاح-جسر-الملك-فهد')
  assert.equal(draft.bodyHtml, '<p>نص أول</p>', 'the server sanitizes whatever the client sent')
  assert.equal(draft.createdBy?.id, writer.id)

  const byEditor = await saveArticle(db, draft.id, { bodyHtml: '<p>نص المحرر</p>' }, { version: 1, by: editor }, after(1))
  assert.equal(byEditor.version, 2)
  // The writer still has version 1 open: their save is refused, with what the editor saved.
  const refused = await saveArticle(db, draft.id, { bodyHtml: '<p>نص الكاتب</p>' }, { version: 1, by: writer }, after(2)).catch((e: unknown) => e)
  assert.ok(refused instanceof StaleVersion)
  assert.equal(refused.current.bodyHtml, '<p>نص المحرر</p>')
  assert.equal(refused.current.updatedBy?.name, 'editor-name')
  assert.equal((await getEditorialArticle(db, draft.id)).bodyHtml, '<p>نص المحرر</p>')
  // Keeping theirs means saving on top of the current version: both texts stay in the revisions.
  await saveArticle(db, draft.id, { bodyHtml: '<p>نص الكاتب</p>' }, { version: 2, by: writer }, after(3))
  const revisions = await listRevisions(db, draft.id)
  assert.deepEqual(revisions.map((r) => [r.version, r.user?.name]), [[3, 'writer-name'], [2, 'editor-name'], [1, 'writer-name']])

  const diff = await compareRevisions(db, draft.id, revisions[1]!.id, revisions[0]!.id)
  assert.deepEqual(diff.changes.map((c) => c.field), ['bodyHtml'])
  assert.deepEqual(diff.changes[0]!.parts, [
    { kind: 'same', text: 'نص ' },
    { kind: 'removed', text: 'المحرر' },
    { kind: 'added', text: 'الكاتب' },
  ])

  const restored = await restoreRevision(db, draft.id, revisions[1]!.id, { by: editor, version: 3 }, after(4))
  assert.equal(restored.bodyHtml, '<p>نص المحرر</p>')
  assert.equal(restored.version, 4)
  assert.equal((await listRevisions(db, draft.id))[0]!.kind, 'restore')
})

test('autosaves by one person coalesce into one revision; a draft save leaves cached pages alone', async (t) => {
  const db = await createTestDb(t)
  const { writer, sectionId } = await newsroom(db)
  const draft = await createDraft(db, { title: 'مسودة', bodyHtml: '<p>أ</p>', sectionId }, writer, T0)
  const cacheVersion = await readContentVersion(db)
  let version = draft.version
  for (let i = 1; i <= 5; i++) version = (await saveArticle(db, draft.id, { bodyHtml: `<p>نص ${i}</p>` }, { version, by: writer, kind: 'autosave' }, after(i))).version
  assert.equal(version, 6)
  assert.deepEqual((await listRevisions(db, draft.id)).map((r) => [r.kind, r.version]), [['autosave', 6], ['save', 1]])
  assert.equal(await readContentVersion(db), cacheVersion)
})

test('legal review: required articles cannot be scheduled or published until approved; a return goes back to draft with the note', async (t) => {
  const db = await createTestDb(t)
  const { writer, editor, lawyer, sectionId } = await newsroom(db)
  const draft = await createDraft(db, { title: 'تحقيق في عقود', bodyHtml: '<p>نص</p>', sectionId, requiresLegalReview: true }, writer, T0)
  const inReview = await changeStatus(db, draft.id, 'review', { by: writer }, after(1))
  assert.equal(inReview.status, 'review')
  assert.equal(inReview.legal.status, 'pending')

  for (const to of ['published', 'scheduled'] as const) {
    const refused = await changeStatus(db, draft.id, to, { by: editor, publishAt: after(60) }, after(2)).catch((e: unknown) => e)
    assert.ok(refused instanceof Conflict && refused.code === 'legal_review_pending', to)
  }
  await assert.rejects(decideLegalReview(db, draft.id, { approve: false, note: '  ' }, lawyer, after(3)), (e: unknown) => e instanceof Invalid && e.field === 'note')
  const returned = await decideLegalReview(db, draft.id, { approve: false, note: 'احذف اسم الشركة من الفقرة الثانية' }, lawyer, after(3))
  assert.equal(returned.status, 'draft')
  assert.equal(returned.legal.status, 'returned')
  assert.equal(returned.legal.note, 'احذف اسم الشركة من الفقرة الثانية')

  await changeStatus(db, draft.id, 'review', { by: writer }, after(4))
  const approved = await decideLegalReview(db, draft.id, { approve: true, note: '' }, lawyer, after(5))
  assert.equal(approved.legal.status, 'approved')
  assert.equal(approved.legal.decidedBy?.id, lawyer.id)
  // Words changed after approval go back to the lawyer.
  const edited = await saveArticle(db, draft.id, { title: 'تحقيق في عقود البلدية' }, { by: editor }, after(6))
  assert.equal(edited.legal.status, 'pending')
  await decideLegalReview(db, draft.id, { approve: true, note: 'لا مانع' }, lawyer, after(7))
  const published = await changeStatus(db, draft.id, 'published', { by: editor }, after(8))
  assert.equal(published.status, 'published')
  assert.equal((await getPublishedArticle(db, draft.id)).title, 'تحقيق في عقود البلدية')
  assert.deepEqual(
    (await listWorkflowEvents(db, draft.id)).map((e) => e.kind),
    ['published', 'legal_approved', 'legal_approved', 'submitted', 'legal_returned', 'submitted', 'created'],
  )
})

test('a section that requires legal review makes its articles require it', async (t) => {
  const db = await createTestDb(t)
  const { writer, editor } = await newsroom(db)
  const courts = await ensureSection(db, 'courts', 'محاكم')
  await db.updateTable('section').set({ requires_legal_review: 1 }).where('id', '=', courts).execute()
  const draft = await createDraft(db, { title: 'حكم قضائي', bodyHtml: '<p>نص</p>', sectionId: courts }, writer, T0)
  assert.equal(draft.legal.required, true)
  await assert.rejects(changeStatus(db, draft.id, 'published', { by: editor }, after(1)), (e: unknown) => e instanceof Conflict && e.code === 'legal_review_pending')
})

test('scheduling needs a future time; two schedulers on one database publish each due article exactly once', async (t) => {
  const db = await createTestDb(t)
  const { writer, editor, sectionId } = await newsroom(db)
  await assert.rejects(
    createDraft(db, { title: 'خبر', bodyHtml: '<p>نص</p>', sectionId }, writer, T0).then((a) => changeStatus(db, a.id, 'scheduled', { by: editor, publishAt: after(-1) }, T0)),
    (e: unknown) => e instanceof Invalid && e.field === 'publishAt',
  )
  const ids: number[] = []
  for (let i = 0; i < 40; i++) {
    const a = await createDraft(db, { title: `خبر مجدول ${i}`, bodyHtml: '<p>نص</p>', sectionId }, writer, T0)
    await changeStatus(db, a.id, 'scheduled', { by: editor, publishAt: after(10 + (i % 4)) }, T0)
    ids.push(a.id)
  }
  // A second process's connection to the same file.
  const other = openSqlite(sqliteFileOf(db) ?? join('missing'))
  t.after(() => other.destroy())
  const runs: Promise<number[]>[] = []
  for (let minute = 9; minute <= 14; minute++) runs.push(publishScheduledArticles(db, after(minute)), publishScheduledArticles(other, after(minute)))
  const published = (await Promise.all(runs)).flat()
  assert.equal(published.length, 40, 'each article published once, by one of the two')
  assert.deepEqual([...published].sort((a, b) => a - b), ids)
  const events = await db.selectFrom('article_event').where('kind', '=', 'published').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  assert.equal(Number(events.n), 40)
  const first = await getEditorialArticle(db, ids[0]!)
  assert.equal(first.publishedAt?.toISOString(), after(10).toISOString(), 'published at its scheduled time')
})

test('an image without alt text cannot go out on an article', async (t) => {
  const db = await createTestDb(t)
  const { writer, editor, sectionId } = await newsroom(db)
  const media = await db
    .insertInto('media')
    .values({ path: '2026/05/x.webp', mime: 'image/webp', width: 800, height: 600, created_at: T0.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const draft = await createDraft(db, { title: 'صورة', bodyHtml: '<p>نص</p>', sectionId, imageId: media.id }, writer, T0)
  await assert.rejects(changeStatus(db, draft.id, 'published', { by: editor }, after(1)), (e: unknown) => e instanceof Invalid && e.field === 'featuredImage')
  await db.updateTable('media').set({ alt: 'جسر فوق الخليج' }).where('id', '=', media.id).execute()
  assert.equal((await changeStatus(db, draft.id, 'published', { by: editor }, after(2))).status, 'published')
})
