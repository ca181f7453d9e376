import assert from 'node:assert/strict'
import { existsSync, statSync, utimesSync } from 'node:fs'
import { test } from 'node:test'
import { busyMarkKeeper, markServerBusy, pauseForOtherWriters, serverIsBusy, sqliteFileOf } from './index.js'
import { createTestDb } from './testing.js'

test('a busy mark is true while renewed, false once removed or left stale by a server gone', async (t) => {
  const db = await createTestDb(t)
  const file = sqliteFileOf(db)!
  assert.equal(serverIsBusy(file), false)
  markServerBusy(file, true)
  assert.equal(serverIsBusy(file), true)
  const twoSecondsAgo = new Date(Date.now() - 2_000)
  utimesSync(`${file}.serve.busy`, twoSecondsAgo, twoSecondsAgo)
  assert.equal(serverIsBusy(file), false, 'not renewed: the server died or hung')
  markServerBusy(file, true)
  markServerBusy(file, false)
  assert.equal(serverIsBusy(file), false)
})

test('the first busy look marks the server at once; the mark is renewed while busy and removed after a second without load', async (t) => {
  const db = await createTestDb(t)
  const file = sqliteFileOf(db)!
  const mark = `${file}.serve.busy`
  const keep = busyMarkKeeper(file)
  const modified = () => statSync(mark).mtimeMs
  const start = Date.now()
  keep(false, start)
  assert.equal(serverIsBusy(file), false, 'not busy: no mark')
  keep(true, start + 100)
  assert.equal(serverIsBusy(file), true, 'marked at the first busy look')
  const longAgo = new Date(start - 60_000)
  utimesSync(mark, longAgo, longAgo)
  keep(true, start + 200)
  assert.ok(modified() < start - 50_000, 'not rewritten at every look')
  keep(true, start + 700)
  assert.ok(modified() > start - 50_000, 'renewed after half a second')
  keep(false, start + 1_000)
  keep(false, start + 1_600)
  assert.equal(existsSync(mark), true, 'a lull under a second keeps it')
  keep(false, start + 1_700)
  assert.equal(existsSync(mark), false, 'a second after the last busy look it is gone')
})

test('a batch job waits between two batches while the server on its file is busy, and goes on when it is not', async (t) => {
  const db = await createTestDb(t)
  const file = sqliteFileOf(db)!
  markServerBusy(file, true)
  let paused = true
  const pause = pauseForOtherWriters(db).then(() => (paused = false))
  await new Promise((resolve) => setTimeout(resolve, 400))
  assert.equal(paused, true, 'still waiting after 400 ms of a busy server')
  markServerBusy(file, false)
  await pause
  assert.equal(paused, false)
})

test('a batch job waits for a busy server at most its longest wait, then goes on for a tenth of it', async (t) => {
  const db = await createTestDb(t)
  const file = sqliteFileOf(db)!
  const renew = setInterval(() => markServerBusy(file, true), 100)
  t.after(() => clearInterval(renew))
  markServerBusy(file, true)
  const started = Date.now()
  await pauseForOtherWriters(db, 3_000)
  const waited = Date.now() - started
  assert.ok(waited >= 3_000 && waited < 5_000, `waited ${waited} ms`)
  const next = Date.now()
  await pauseForOtherWriters(db, 3_000) // within the 300 ms that follow
  assert.ok(Date.now() - next < 1_000, 'the next batch goes on without waiting again')
})
