import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readContentVersion } from '../db/index.js'
import { createTestDb } from '../db/testing.js'
import { Invalid, NotFound } from '../http/index.js'
import { addCorrection, createArticle, ensureSection, getArticle, listAllCorrections, listCorrectionsOf, listenToArticleWrites, setArticleStatus } from './index.js'

const at = (iso: string) => new Date(iso)

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const published = at('2026-03-01T08:00:00Z')
  const article = (title: string, status: 'published' | 'draft' | 'scheduled' = 'published') =>
    createArticle(db, { title, bodyHtml: '<p>نص</p>', sectionId, status, publishedAt: status === 'published' ? published : null, publishAt: status === 'scheduled' ? at('2026-04-01T00:00:00Z') : null }, published)
  return { db, article }
}

test('addCorrection stores a correction and a reply, moves the updated time and the content version, logs the step and tells listeners', async (t) => {
  const { db, article } = await setup(t)
  const { id } = await article('افتتاح المكتبة العامة')
  const heard: number[] = []
  listenToArticleWrites(async (_trx, written) => {
    heard.push(written.id)
  })
  const version = await readContentVersion(db)
  const first = await addCorrection(db, id, { kind: 'correction', body: '  ذكرنا أن الافتتاح يوم الأحد، والصحيح يوم الاثنين.\r\n' }, null, at('2026-03-02T09:00:00Z'))
  assert.deepEqual(first.createdAt, at('2026-03-02T09:00:00Z'))
  assert.ok(first.id > 0)
  assert.notEqual(await readContentVersion(db), version)
  assert.deepEqual((await getArticle(db, id)).updatedAt, at('2026-03-02T09:00:00Z'))
  assert.ok(heard.includes(id))

  await addCorrection(db, id, { kind: 'reply', body: 'تلقّينا ردّاً من البلدية.', party: '  بلدية   الرياض ' }, null, at('2026-03-03T09:00:00Z'))
  assert.deepEqual(
    (await listCorrectionsOf(db, id)).map((c) => [c.kind, c.body, c.party, c.createdAt.toISOString()]),
    [
      ['correction', 'ذكرنا أن الافتتاح يوم الأحد، والصحيح يوم الاثنين.', '', '2026-03-02T09:00:00.000Z'],
      ['reply', 'تلقّينا ردّاً من البلدية.', 'بلدية الرياض', '2026-03-03T09:00:00.000Z'],
    ],
  )
  const events = await db.selectFrom('article_event').where('article_id', '=', id).select(['kind', 'note']).orderBy('id').execute()
  assert.deepEqual(events, [{ kind: 'corrected', note: 'correction' }, { kind: 'corrected', note: 'reply' }])
})

test('addCorrection refuses, naming the field: no body, a body over 2000 characters, a reply without its party, an unknown kind', async (t) => {
  const { db, article } = await setup(t)
  const { id } = await article('خبر')
  const now = at('2026-03-02T09:00:00Z')
  const cases: [Parameters<typeof addCorrection>[2], string, string][] = [
    [{ kind: 'correction', body: '  \n ' }, 'field_required', 'body'],
    [{ kind: 'correction', body: 'ك'.repeat(2001) }, 'field_too_long', 'body'],
    [{ kind: 'reply', body: 'ردّ', party: ' ' }, 'field_required', 'party'],
    [{ kind: 'reply', body: 'ردّ' }, 'field_required', 'party'],
    [{ kind: 'reply', body: 'ردّ', party: 'ب'.repeat(201) }, 'field_too_long', 'party'],
    [{ kind: 'erratum' as 'correction', body: 'x' }, 'invalid_parameter', 'kind'],
  ]
  for (const [input, code, field] of cases) {
    await assert.rejects(addCorrection(db, id, input, null, now), (err: Invalid) => err instanceof Invalid && err.code === code && err.field === field, `${code} ${field}`)
  }
  // 2000 characters, counted as characters (an emoji is one), pass.
  await addCorrection(db, id, { kind: 'correction', body: '😀'.repeat(2000) }, null, now)
  assert.equal((await listCorrectionsOf(db, id)).length, 1)
})

test('addCorrection: only a story that was published; unknown ones are NotFound', async (t) => {
  const { db, article } = await setup(t)
  const now = at('2026-03-02T09:00:00Z')
  const input = { kind: 'correction' as const, body: 'تصحيح' }
  await assert.rejects(addCorrection(db, 999_999, input, null, now), NotFound)
  for (const status of ['draft', 'scheduled'] as const) {
    const { id } = await article(`خبر ${status}`, status)
    await assert.rejects(addCorrection(db, id, input, null, now), (err: Invalid) => err instanceof Invalid && err.code === 'article_not_published' && err.field === 'articleId')
  }
  const { id: withdrawn } = await article('خبر سُحب')
  await setArticleStatus(db, withdrawn, 'unpublished', now)
  await addCorrection(db, withdrawn, input, null, now)
  assert.equal((await listCorrectionsOf(db, withdrawn)).length, 1)
})

test('listAllCorrections: newest first across stories, with title and path, paginated; hidden stories left out', async (t) => {
  const { db, article } = await setup(t)
  const a = await article('الخبر الأول')
  const b = await article('الخبر الثاني')
  const hidden = await article('خبر سُحب لاحقاً')
  await addCorrection(db, a.id, { kind: 'correction', body: 'أول' }, null, at('2026-03-02T09:00:00Z'))
  await addCorrection(db, b.id, { kind: 'reply', body: 'ثان', party: 'شركة Acme' }, null, at('2026-03-03T09:00:00Z'))
  await addCorrection(db, a.id, { kind: 'correction', body: 'ثالث' }, null, at('2026-03-04T09:00:00Z'))
  await addCorrection(db, hidden.id, { kind: 'correction', body: 'مخفي' }, null, at('2026-03-05T09:00:00Z'))
  await setArticleStatus(db, hidden.id, 'unpublished', at('2026-03-06T09:00:00Z'))

  const all = await listAllCorrections(db, 1)
  assert.equal(all.total, 3)
  assert.deepEqual(all.corrections.map((c) => [c.body, c.article.title, c.article.path]), [
    ['ثالث', 'الخبر الأول', a.path],
    ['ثان', 'الخبر الثاني', b.path],
    ['أول', 'الخبر الأول', a.path],
  ])
  const second = await listAllCorrections(db, 2, 2)
  assert.deepEqual(second.corrections.map((c) => c.body), ['أول'])
  assert.equal(second.total, 3)
})
