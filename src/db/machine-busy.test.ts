import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { markServerBusy, pauseForOtherWriters, sqliteFileOf, waitForEveryServerOnThisMachine } from './index.js'
import { anyServerIsBusy, machineBusyMark, waitUntilNoServerIsBusy } from './serve-lock.js'
import { createTestDb } from './testing.js'

// This file's own temporary folder, so its machine-wide mark meets no other test's commands.
const folder = mkdtempSync(join(tmpdir(), 'nashra-machine-busy-'))
process.env.TMPDIR = folder
test.after(() => rmSync(folder, { recursive: true, force: true }))

/** True if `pause` (a wait for busy servers) is still waiting after `ms`. */
async function stillWaitingAfter(pause: Promise<void>, ms: number): Promise<boolean> {
  let done = false
  void pause.then(() => (done = true))
  await new Promise((resolve) => setTimeout(resolve, ms))
  return !done
}

test('a busy server marks the machine too; only the server that wrote the mark removes it', async (t) => {
  const served = sqliteFileOf(await createTestDb(t))!
  assert.equal(machineBusyMark().startsWith(folder), true)
  assert.equal(anyServerIsBusy(), false)
  markServerBusy(served, true)
  assert.equal(anyServerIsBusy(), true)
  markServerBusy(served, false)
  assert.equal(anyServerIsBusy(), false)
  writeFileSync(machineBusyMark(), '1\n') // another server, busy a moment ago
  markServerBusy(served, false)
  assert.equal(existsSync(machineBusyMark()), true, "another server's mark stays")
  rmSync(machineBusyMark())
})

test("library callers wait only for their own file's server; commands wait for every busy server on the machine", async (t) => {
  const served = sqliteFileOf(await createTestDb(t))!
  const batch = await createTestDb(t)
  markServerBusy(served, true)
  t.after(() => markServerBusy(served, false))
  assert.equal(await stillWaitingAfter(pauseForOtherWriters(batch), 400), false, 'another site: a library caller goes on')

  waitForEveryServerOnThisMachine()
  const pause = pauseForOtherWriters(batch)
  assert.equal(await stillWaitingAfter(pause, 400), true, 'a command waits while the other site is busy')
  markServerBusy(served, false)
  await pause
})

test('a batch command waits to load while a server on the machine is busy, at most its longest wait', async (t) => {
  const served = sqliteFileOf(await createTestDb(t))!
  markServerBusy(served, true)
  const renew = setInterval(() => markServerBusy(served, true), 100)
  t.after(() => {
    clearInterval(renew)
    markServerBusy(served, false)
  })
  const started = Date.now()
  await waitUntilNoServerIsBusy(500)
  assert.ok(Date.now() - started >= 500, 'waited its longest wait while the server stayed busy')
  const loading = waitUntilNoServerIsBusy(30_000)
  assert.equal(await stillWaitingAfter(loading, 300), true, 'waits while busy')
  clearInterval(renew)
  markServerBusy(served, false)
  await loading
  assert.equal(anyServerIsBusy(), false)
})
