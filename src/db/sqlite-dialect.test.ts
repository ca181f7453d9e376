import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { openSqlite, sqliteFileOf } from './index.js'
import { migrateToLatest } from './migrate.js'
import { createTempDir, createTestDb, holdWriteLock } from './testing.js'


test('a read-then-write transaction waits for another process holding the write lock, instead of failing with SQLITE_BUSY', async (t) => {
  const db = await createTestDb(t)
  const holder = await holdWriteLock(sqliteFileOf(db)!, 1000)
  t.after(() => holder.kill())
  const started = Date.now()
  let readWhileWaiting = -1
  const write = db.transaction().execute(async (trx) => {
    const seen = await trx.selectFrom('site_setting').select('value').where('key', '=', 'holder').executeTakeFirst()
    await trx.insertInto('site_setting').values({ key: 'after-holder', value: JSON.stringify(seen?.value ?? null) }).execute()
  })
  // While the transaction waits for the lock, this process's reads still run (and its event loop turns).
  await db.selectFrom('site_setting').select('key').execute()
  readWhileWaiting = Date.now() - started
  await write
  const waited = Date.now() - started
  assert.ok(waited >= 700, `waited ${waited} ms for the other process's lock`)
  assert.ok(readWhileWaiting < 500, `a read waited ${readWhileWaiting} ms behind the pending write`)
  const row = await db.selectFrom('site_setting').select('value').where('key', '=', 'after-holder').executeTakeFirstOrThrow()
  assert.equal(row.value, JSON.stringify('1'), 'the transaction began after the other one committed, and saw its row')
})

test('a write outside a transaction also waits for the lock', async (t) => {
  const db = await createTestDb(t)
  const holder = await holdWriteLock(sqliteFileOf(db)!, 600)
  t.after(() => holder.kill())
  await db.insertInto('site_setting').values({ key: 'plain', value: '1' }).execute()
  assert.ok(await db.selectFrom('site_setting').select('key').where('key', '=', 'holder').executeTakeFirst())
})

test('a full disk reports SQLITE_FULL, not the failed rollback after it', async (t) => {
  const db = await createTestDb(t)
  // A database that may not grow: writes fail as on a full disk, for real.
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db)
  await sql.raw(`pragma max_page_count = ${rows[0].page_count + 2}`).execute(db)
  const big = 'x'.repeat(200_000)
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.insertInto('site_setting').values({ key: 'a', value: 'small' }).execute()
      await trx.insertInto('site_setting').values({ key: 'big', value: big }).execute()
    }),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'SQLITE_FULL', err.message)
      assert.match(err.message, /database or disk is full/)
      return true
    },
  )
  // The connection is usable afterwards, and nothing of the transaction was kept.
  assert.equal(await db.selectFrom('site_setting').select('key').where('key', '=', 'a').executeTakeFirst(), undefined)
})

test('a new database, its -wal and -shm files and its folder are readable by their owner only', async (t) => {
  const parent = createTempDir(t)
  const file = join(parent, 'data', 'nashra.db')
  const db = openSqlite(file)
  await migrateToLatest(db)
  try {
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8)
    assert.equal(mode(join(parent, 'data')), '700')
    assert.equal(mode(file), '600')
    assert.equal(mode(`${file}-wal`), '600')
    assert.equal(mode(`${file}-shm`), '600')
  } finally {
    await db.destroy()
  }
})

test('migrations run in a transaction: a failing one leaves nothing behind', async (t) => {
  const db = await createTestDb(t)
  const { Migrator } = await import('kysely')
  const migrator = new Migrator({
    db,
    migrationTableName: 'test_migration',
    migrationLockTableName: 'test_migration_lock',
    provider: {
      getMigrations: async () => ({
        '100-half': {
          up: async (trx) => {
            await trx.schema.createTable('half_made').addColumn('id', 'integer').execute()
            throw new Error('the second statement failed')
          },
        },
      }),
    },
  })
  const { error } = await migrator.migrateToLatest()
  assert.match(String(error), /the second statement failed/)
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where name = 'half_made'`.execute(db)
  assert.deepEqual(rows, [])
})
