import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readContentVersion } from '../db/index.js'
import { createTestDb } from '../db/testing.js'
import { NotFound } from '../http/index.js'
import { type ArticleInput, createArticle, ensureSection, ensureTag, getPublishedArticle, getRelatedArticles, listPublishedArticles, listSectionNewest, listTagNewest, publishScheduledArticles } from './index.js'

const at = (iso: string) => new Date(iso)

test('a scheduled article becomes visible to readers once its time has come, published at that time', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const written = at('2026-03-01T08:00:00Z')
  const due = at('2026-03-01T10:00:00Z')
  const later = at('2026-03-02T10:00:00Z')
  const { id } = await createArticle(db, { title: 'افتتاح المكتبة العامة', bodyHtml: '<p>نص</p>', sectionId, status: 'scheduled', publishAt: due }, written)
  const { id: laterId } = await createArticle(db, { title: 'موعد لاحق', bodyHtml: '<p>نص</p>', sectionId, status: 'scheduled', publishAt: later }, written)
  const { id: draftId } = await createArticle(db, { title: 'مسودة', bodyHtml: '<p>نص</p>', sectionId, status: 'draft' }, written)

  // A minute early: nothing moves, and readers cannot reach it.
  assert.deepEqual(await publishScheduledArticles(db, at('2026-03-01T09:59:00Z')), [])
  await assert.rejects(getPublishedArticle(db, id), NotFound)
  assert.deepEqual(await listPublishedArticles(db, {}, { limit: 10 }), [])

  const versionBefore = await readContentVersion(db)
  // The scheduler runs a little after the time: the article counts as published at its scheduled time.
  assert.deepEqual(await publishScheduledArticles(db, at('2026-03-01T10:00:20Z')), [id])
  const article = await getPublishedArticle(db, id)
  assert.equal(article.title, 'افتتاح المكتبة العامة')
  assert.equal(article.publishedAt?.toISOString(), due.toISOString())
  assert.deepEqual((await listPublishedArticles(db, {}, { limit: 10 })).map((a) => a.id), [id])
  assert.notEqual(await readContentVersion(db), versionBefore, 'cached pages are marked stale')

  // Once published it is not published again; the later one and the draft wait.
  assert.deepEqual(await publishScheduledArticles(db, at('2026-03-01T10:00:50Z')), [])
  await assert.rejects(getPublishedArticle(db, laterId), NotFound)
  await assert.rejects(getPublishedArticle(db, draftId), NotFound)
  assert.deepEqual(await publishScheduledArticles(db, later), [laterId])
})

test('related articles without a stored list: the newest published stories of the same section or sharing a tag, ties to the higher id', async (t) => {
  const db = await createTestDb(t)
  const local = await ensureSection(db, 'local', 'محليات')
  const sport = await ensureSection(db, 'sport', 'رياضة')
  const tag = await ensureTag(db, 'rain', 'أمطار')
  const make = async (title: string, sectionId: number, iso: string, more: Partial<ArticleInput> = {}) =>
    (await createArticle(db, { title, bodyHtml: '<p>نص</p>', sectionId, status: 'published', publishedAt: at(iso), ...more }, at(iso))).id
  const story = await make('أمطار غزيرة على المدينة', local, '2026-03-01T10:00:00Z', { tagIds: [tag] })
  const sameSectionOld = await make('افتتاح سوق الخضار', local, '2026-02-01T10:00:00Z')
  const sharingTag = await make('الأمطار تؤجل المباراة', sport, '2026-03-02T10:00:00Z', { tagIds: [tag] })
  await make('نتائج الدوري', sport, '2026-03-03T10:00:00Z') // neither section nor tag
  await make('مسودة عن الأمطار', local, '2026-03-04T10:00:00Z', { status: 'draft', tagIds: [tag] })
  const tieLow = await make('ازدحام في الشوارع', local, '2026-02-20T10:00:00Z')
  const tieHigh = await make('إغلاق نفق المدينة', local, '2026-02-20T10:00:00Z', { tagIds: [tag] })
  const article = await getPublishedArticle(db, story)
  const related = await getRelatedArticles(db, article)
  assert.deepEqual(related.map((a) => a.id), [sharingTag, tieHigh, tieLow, sameSectionOld])
  // The article page passes the section's and tags' newest from its copies per content version: the same list.
  const asked: string[] = []
  const kept = {
    section: (id: number) => (asked.push(`section ${id}`), listSectionNewest(db, id)),
    tag: (id: number) => (asked.push(`tag ${id}`), listTagNewest(db, id)),
  }
  assert.deepEqual(await getRelatedArticles(db, article, kept), related)
  assert.deepEqual(asked, [`section ${local}`, `tag ${tag}`])
})
