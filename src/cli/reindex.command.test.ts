import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { createArticle, ensureSection } from '../articles/index.js'
import { sql } from 'kysely'
import { migrateToLatest, openSqlite } from '../db/index.js'
import { createTempDir } from '../db/testing.js'
import { nashra } from './testing.js'
import { removeArticleFromIndex, searchArticles } from '../search/index.js'

const search = (db: Parameters<typeof searchArticles>[0], q: string, now: Date) =>
  searchArticles(db, { q, page: 1, limit: 10, filter: {}, sort: 'relevance' }, now)

test('nashra reindex indexes the articles of the data folder, says how many, and search finds them', async (t) => {
  const dir = createTempDir(t)
  const db = openSqlite(join(dir, 'nashra.db'))
  t.after(() => db.destroy())
  await migrateToLatest(db)
  const now = new Date('2026-03-01T10:00:00Z')
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const titles = ['افتتاح المكتبة العامة في الطائف', 'المكتبة الرقمية تضيف ألف كتاب', 'زوار المكتبة في العيد']
  for (const title of titles) {
    const { id } = await createArticle(db, { title, bodyHtml: `<p>${title}، وتفاصيل الخبر.</p>`, sectionId, status: 'published', publishedAt: now }, now)
    await removeArticleFromIndex(db, id) // as if written before this analyzer: only a reindex brings them back
  }
  await createArticle(db, { title: 'مسودة عن المكتبة', bodyHtml: '<p>لم تنشر</p>', sectionId, status: 'draft' }, now)
  await sql`update search_state set value = '0' where key = 'analyzer_version'`.execute(db)
  assert.equal((await search(db, 'المكتبة', now)).total, 0)

  const run = await nashra(dir, ['reindex'])
  assert.equal(run.code, 0, run.stderr)
  const lines = run.stdout.trimEnd().split('\n')
  assert.match(lines[0], /^index built by analyzer v0; rebuilding with v\d+$/)
  assert.match(lines[lines.length - 1], /^reindexed 3 published articles and computed 3 related lists in \d+\.\d s \(analyzer v\d+\)$/)

  const found = await search(db, 'المكتبة', now)
  assert.equal(found.total, 3)
  assert.deepEqual(found.results.map((r) => r.article.title).sort(), [...titles].sort())
})
