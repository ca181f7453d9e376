import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { test } from 'node:test'
import { createTestDb } from '../db/testing.js'
import { createArticle, ensureSection, setArticleStatus } from './index.js'
import { listMostRead, MostRead, periodDays, writeViews } from './most-read.service.js'
import type { ViewBatch } from './view-counter.js'

const NOW = new Date('2026-03-01T10:00:00Z')

async function seed(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const story = async (title: string, status: 'published' | 'draft' = 'published') =>
    (await createArticle(db, { title, summary: '', bodyHtml: '<p>نص الخبر.</p>', sectionId, status, publishedAt: NOW }, NOW)).id
  return { db, a: await story('افتتاح مكتبة الحي'), b: await story('سوق الخضار في الصباح'), c: await story('مباراة الناشئين'), draft: await story('مسودة لم تنشر', 'draft') }
}

const batch = (entries: Record<string, Record<number, number>>): ViewBatch => new Map(Object.entries(entries).map(([day, views]) => [day, new Map(Object.entries(views).map(([id, n]) => [Number(id), n]))]))

test('periods: the day is the day itself; the week is seven newsroom days, across month and year ends', () => {
  assert.deepEqual(periodDays('day', '2026-03-01'), { from: '2026-03-01', to: '2026-03-01' })
  assert.deepEqual(periodDays('week', '2026-03-03'), { from: '2026-02-25', to: '2026-03-03' })
  assert.deepEqual(periodDays('week', '2027-01-02'), { from: '2026-12-27', to: '2027-01-02' })
})

test('batches add up per article and day; drafts and missing articles are not written', async (t) => {
  const { db, a, b, draft } = await seed(t)
  assert.equal(await writeViews(db, batch({ '2026-03-01': { [a]: 3, [b]: 1, [draft]: 5, 999999: 4 } })), 4)
  assert.equal(await writeViews(db, batch({ '2026-03-01': { [a]: 2 }, '2026-02-28': { [b]: 7 } })), 9)
  const rows = await db.selectFrom('article_view').selectAll().orderBy('day').orderBy('article_id').execute()
  assert.deepEqual(rows, [
    { day: '2026-02-28', article_id: b, views: 7 },
    { day: '2026-03-01', article_id: a, views: 5 },
    { day: '2026-03-01', article_id: b, views: 1 },
  ])
  assert.equal(await writeViews(db, new Map()), 0)
})

test("the day's list is today's views; the week's sums seven days; older days and unpublished stories drop out", async (t) => {
  const { db, a, b, c } = await seed(t)
  await writeViews(db, batch({ '2026-03-01': { [a]: 2, [b]: 5 }, '2026-02-24': { [a]: 10 }, '2026-02-23': { [c]: 3 }, '2026-02-22': { [c]: 100 } }))
  const titles = (list: { title: string; views: number }[]) => list.map((e) => [e.title, e.views])
  assert.deepEqual(titles(await listMostRead(db, 'day', '2026-03-01')), [['سوق الخضار في الصباح', 5], ['افتتاح مكتبة الحي', 2]])
  assert.deepEqual(titles(await listMostRead(db, 'week', '2026-03-01')), [['افتتاح مكتبة الحي', 12], ['سوق الخضار في الصباح', 5], ['مباراة الناشئين', 3]])
  const [first] = await listMostRead(db, 'day', '2026-03-01')
  assert.match(first.path, new RegExp(`^/local/${b}/`))
  await setArticleStatus(db, b, 'unpublished', NOW)
  assert.deepEqual(titles(await listMostRead(db, 'day', '2026-03-01')), [['افتتاح مكتبة الحي', 2]])
})

const reader = (address: string) =>
  ({ method: 'GET', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' }, socket: { remoteAddress: address } }) as unknown as IncomingMessage

test('MostRead: views wait in memory until a flush; the lists follow the flush, and are otherwise reused', async (t) => {
  const { db, a, b } = await seed(t)
  const mostRead = new MostRead(db, { timeZone: 'Asia/Riyadh', trustProxy: false })
  t.after(() => mostRead.stop())
  mostRead.count(a, reader('203.0.113.1'))
  mostRead.count(a, reader('203.0.113.2'))
  mostRead.count(b, reader('203.0.113.1'))
  const now = new Date()
  assert.deepEqual((await mostRead.lists(now)).day, [], 'nothing written yet')
  assert.equal(mostRead.counter.waiting, 3)
  assert.equal(await mostRead.flush(), 3)
  assert.equal(mostRead.counter.waiting, 0)
  const lists = await mostRead.lists(now)
  assert.deepEqual(lists.day.map((e) => [e.id, e.views]), [[a, 2], [b, 1]])
  assert.deepEqual(lists.week.map((e) => [e.id, e.views]), [[a, 2], [b, 1]])
  // No flush wrote anything since: the same lists, not a new query.
  assert.equal(await mostRead.lists(new Date(now.getTime() + 1000)), lists)
  assert.notEqual(await mostRead.lists(new Date(now.getTime() + 61_000)), lists, 'a minute later they are computed again')
})

test('MostRead: a failed write keeps its views for the next flush; stop writes what is left', async (t) => {
  const { db, a } = await seed(t)
  const mostRead = new MostRead(db, { timeZone: 'Asia/Riyadh', trustProxy: false })
  mostRead.count(a, reader('203.0.113.1'))
  await db.schema.alterTable('article_view').renameTo('article_view_away').execute()
  await assert.rejects(mostRead.flush())
  assert.equal(mostRead.counter.waiting, 1)
  await db.schema.alterTable('article_view_away').renameTo('article_view').execute()
  mostRead.count(a, reader('203.0.113.2'))
  await mostRead.stop()
  const row = await db.selectFrom('article_view').select('views').where('article_id', '=', a).executeTakeFirstOrThrow()
  assert.equal(row.views, 2)
})
