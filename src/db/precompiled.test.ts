import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Precompiled } from './index.js'
import { createTestDb } from './testing.js'

test('a precompiled query runs with each call\'s values, lists of any length, and keeps the builder\'s constants', async (t) => {
  const db = await createTestDb(t)
  await db.insertInto('site_setting').values([
    { key: 'a', value: '"1"' },
    { key: 'b', value: '"2"' },
    { key: 'c', value: '"3"' },
  ]).execute()
  const byKeys = new Precompiled((db, keys: string[], notKey: string) =>
    db.selectFrom('site_setting').where('key', 'in', keys).where('key', '!=', notKey).where('value', '!=', '"9"').select('key').orderBy('key'),
  )
  const keys = async (list: string[], not: string) => (await byKeys.execute(db, list, not)).map((r) => r.key)
  assert.deepEqual(await keys(['a', 'b'], 'x'), ['a', 'b'])
  assert.deepEqual(await keys(['b', 'c'], 'b'), ['c'], 'same length, new values')
  assert.deepEqual(await keys(['a', 'b', 'c'], 'a'), ['b', 'c'], 'another length compiles anew')
  assert.deepEqual(await keys(['c'], 'x'), ['c'])
  assert.equal((await new Precompiled((db, key: string) => db.selectFrom('site_setting').where('key', '=', key).select('value')).executeTakeFirst(db, 'b'))?.value, '"2"')
})

test('a builder that does not pass an argument on as a parameter is refused, not run with a stale value', async (t) => {
  const db = await createTestDb(t)
  const ignoring = new Precompiled((db, _key: string) => db.selectFrom('site_setting').where('key', '=', 'a').select('value'))
  await assert.rejects(ignoring.execute(db, 'b'), /every argument must be bound/)
})
