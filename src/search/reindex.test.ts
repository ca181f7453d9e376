import assert from 'node:assert/strict'
import { test } from 'node:test'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { createArticle, ensureSection } from '../articles/index.js'
import { sqliteFileOf } from '../db/index.js'
import { createTestDb } from '../db/testing.js'
import { indexStatus, rebuildSearchIndex, searchArticles } from './index.js'

test('a reindex commits in batches: another process writes between them, and the index ends complete', async (t) => {
  const db = await createTestDb(t)
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const now = new Date('2026-03-01T10:00:00Z')
  const ids: number[] = []
  for (let i = 0; i < 120; i++) {
    const { id } = await createArticle(db, { title: `خبر رقم ${i} عن المكتبة`, bodyHtml: `<p>نص الخبر ${i}</p>`, sectionId, status: 'published', publishedAt: now }, now)
    ids.push(id)
  }
  // Left in the index by a write that missed it: the rebuild removes it.
  await db.updateTable('article').set({ status: 'draft' }).where('id', '=', ids[0]).execute()
  await sql`update search_state set value = '0' where key = 'analyzer_version'`.execute(db)

  // Another connection, as another process would: it may not wait at all for the lock.
  const other = new SQLite(sqliteFileOf(db)!)
  other.pragma('busy_timeout = 0')
  t.after(() => other.close())
  const writesBetweenBatches: number[] = []
  const indexed = await rebuildSearchIndex(
    db,
    (n) => {
      other.exec('begin immediate') // throws SQLITE_BUSY while the reindex holds the lock
      other.prepare('insert or replace into site_setting (key, value) values (?, ?)').run('probe', String(n))
      other.exec('commit')
      writesBetweenBatches.push(n)
    },
    { batchMs: 0 }, // one chunk of 50 articles per transaction
  )
  assert.equal(indexed, 119)
  assert.deepEqual(writesBetweenBatches, [50, 100, 119])
  assert.equal((await indexStatus(db)).stale, false)
  const { rows } = await sql<{ n: number }>`select count(*) as n from article_fts`.execute(db)
  assert.equal(rows[0].n, 119, 'the draft is no longer indexed')
  const found = await searchArticles(db, { q: 'المكتبة', page: 1, limit: 10, filter: {}, sort: 'relevance' }, now)
  assert.equal(found.total, 119)
  // Merged step by step ('merge', not one long 'optimize'), it still ends as one segment per index.
  for (const table of ['article_fts_idx', 'article_title_fts_idx']) {
    const { rows: segments } = await sql<{ n: number }>`select count(distinct segid) as n from ${sql.raw(table)}`.execute(db)
    assert.equal(segments[0].n, 1, table)
  }
})
