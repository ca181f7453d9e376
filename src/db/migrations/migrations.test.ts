import assert from 'node:assert/strict'
import { test } from 'node:test'
import { join } from 'node:path'
import { Migrator, sql } from 'kysely'
import { createArticle, ensureSection } from '../../articles/index.js'
import { migrateToLatest, openSqlite } from '../index.js'
import { createTempDir } from '../testing.js'
import { migrations } from './index.js'
import { connectFeatures } from '../../app.js'

connectFeatures() // article writes reach the search index, as in the app

const version = async (db: ReturnType<typeof openSqlite>) =>
  (await sql<{ value: string }>`select value from search_state where key = 'analyzer_version'`.execute(db)).rows[0].value

test('search index format 2 (and analyzer 3): an empty index is recorded as built by the latest, an old full one stays stale', async (t) => {
  const dir = createTempDir(t)
  const fresh = openSqlite(join(dir, 'fresh.db'))
  t.after(() => fresh.destroy())
  await migrateToLatest(fresh)
  assert.equal(await version(fresh), '3') // 016 records analyzer 3 the same way

  // A database migrated up to 006 and holding an indexed article, as before format 2.
  const old = openSqlite(join(dir, 'old.db'))
  t.after(() => old.destroy())
  const upTo006 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '007'))
  await new Migrator({ db: old, provider: { getMigrations: async () => upTo006 } }).migrateToLatest()
  const sectionId = await ensureSection(old, 'local', 'محليات')
  await createArticle(old, { title: 'خبر قديم', summary: '', bodyHtml: '<p>نص</p>', sectionId, status: 'published' }, new Date())
  await sql`update search_state set value = '1' where key = 'analyzer_version'`.execute(old)
  await migrateToLatest(old)
  assert.equal(await version(old), '1', 'articles indexed the old way need `nashra reindex`')
})
