import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection } from '../articles/index.js'
import { sqliteFileOf, type Db } from '../db/index.js'
import { createTestDb } from '../db/testing.js'
import { FIXTURE_NOW, seedStories } from './testing.js'
import { SearchFailed, SearchWorkers } from './search-workers.js'
import { searchArticles, type SearchParams } from './search.service.js'

const params = (q: string): SearchParams => ({ q, page: 1, limit: 10, filter: {}, sort: 'relevance' })
const QUERIES = ['الاطار', 'المدرسه', 'وبالقرار', 'اسعار النفط', '"مجلس الوزراء"', 'كلمة لا توجد في أي خبر']

function pool(db: Db, t: { after: (fn: () => unknown) => void }, path = sqliteFileOf(db)!) {
  const lost: Error[] = []
  const workers = new SearchWorkers({ path, size: 2, inThisThread: (p, now) => searchArticles(db, p, now), onLost: (err) => lost.push(err) })
  t.after(() => workers.close())
  return { workers, lost }
}

test('worker threads answer exactly what this thread would, several searches at once', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const { workers, lost } = pool(db, t)
  assert.equal(await workers.start(), true)
  const fromWorkers = await Promise.all(QUERIES.map((q) => workers.search(params(q), FIXTURE_NOW)))
  const here = await Promise.all(QUERIES.map((q) => searchArticles(db, params(q), FIXTURE_NOW)))
  assert.deepEqual(fromWorkers, here)
  assert.ok(fromWorkers.some((o) => o.total > 0), 'the fixtures match some queries')
  assert.deepEqual(lost, [])
})

test('a worker sees articles written after it started (its own connection reads the latest commit)', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const { workers } = pool(db, t)
  assert.equal(await workers.start(), true)
  assert.equal((await workers.search(params('زرافة'), FIXTURE_NOW)).total, 0)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  await createArticle(db, { title: 'وصول زرافة إلى حديقة الحيوان', summary: '', bodyHtml: '<p>نص</p>', sectionId, status: 'published' }, FIXTURE_NOW)
  assert.equal((await workers.search(params('زرافة'), FIXTURE_NOW)).total, 1)
})

test('until a worker is up, searches are answered in this thread, not kept waiting', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const { workers } = pool(db, t)
  const order: string[] = []
  const [outcome] = await Promise.all([
    workers.search(params('الاطار'), FIXTURE_NOW).then((o) => (order.push('answered'), o)),
    workers.start().then((up) => order.push(up ? 'worker up' : 'no worker')),
  ])
  assert.deepEqual(order, ['answered', 'worker up'])
  assert.deepEqual(outcome, await searchArticles(db, params('الاطار'), FIXTURE_NOW))
})

test('when a worker cannot run, the search is answered in this thread and the loss reported', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const { workers, lost } = pool(db, t, '/nonexistent/nashra.db')
  assert.equal(await workers.start(), false)
  const outcome = await workers.search(params('الاطار'), FIXTURE_NOW)
  assert.deepEqual(outcome, await searchArticles(db, params('الاطار'), FIXTURE_NOW))
  assert.ok(lost.length >= 1 && /nashra\.db|unable|directory/i.test(lost[0].message), String(lost[0]))
  await workers.close()
  assert.deepEqual(await workers.search(params('الاطار'), FIXTURE_NOW), outcome, 'a closed pool searches here')
})

test('a search that fails in a worker fails as it would here, with its error', async (t) => {
  const db = await createTestDb(t)
  await seedStories(db)
  const { workers } = pool(db, t)
  assert.equal(await workers.start(), true)
  // Routes validate every parameter first; a missing query text is a programming error in either thread.
  const broken = { ...params(''), q: null as unknown as string }
  await assert.rejects(searchArticles(db, broken, FIXTURE_NOW), TypeError)
  await assert.rejects(workers.search(broken, FIXTURE_NOW), (err: unknown) => err instanceof SearchFailed && /TypeError/.test(err.message))
})
