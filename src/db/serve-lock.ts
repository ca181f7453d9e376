// One `nashra serve` per SQLite file: a second would compete for the one writer lock (and each
// process's page cache, scheduler and related-articles worker assume they are alone). Several
// nodes are what the PostgreSQL deployment is for.
import { readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export class ServeLockError extends Error {}

/**
 * Takes `<db>.serve.lock` (holding this pid) or throws ServeLockError naming the file and the
 * pid of the server holding it. A lock whose process is gone (a crash, a kill -9) is taken over.
 * Returns the function that releases it.
 */
export async function takeServeLock(databaseFile: string): Promise<() => void> {
  const lock = `${databaseFile}.serve.lock`
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 })
      return () => releaseServeLock(lock)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const holder = readPid(lock)
    if (holder === undefined && attempt < 4) {
      await new Promise((resolve) => setTimeout(resolve, 50)) // being written by a server starting this moment
      continue
    }
    if (holder !== undefined && holder !== process.pid && isRunning(holder)) {
      throw new ServeLockError(
        `another \`nashra serve\` (pid ${holder}) is serving ${databaseFile}: its lock is ${lock}. ` +
          `One server per SQLite file; run several on PostgreSQL. If no such server is running, remove the lock file.`,
      )
    }
    // Stale: moved aside first, so of two servers starting together only one takes it over.
    try {
      renameSync(lock, `${lock}.stale-${process.pid}`)
      unlinkSync(`${lock}.stale-${process.pid}`)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
  throw new ServeLockError(`could not take the lock ${lock}`)
}

function releaseServeLock(lock: string): void {
  try {
    if (readPid(lock) === process.pid) unlinkSync(lock)
  } catch {
    // gone already
  }
}

function readPid(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' // alive, another user's
  }
}

/** How long a busy mark stays true without being renewed (the server renews it every half second while busy). */
const BUSY_MARK_FRESH_MS = 1_500

/**
 * `<db>.serve.busy`: renewed by `nashra serve` while readers keep it busy, removed once they do not.
 * Batch commands on the same file (a reindex, an import) wait between two batches while it is
 * fresh (`pauseForOtherWriters`); a mark left by a server that died goes stale by itself.
 */
export function markServerBusy(databaseFile: string, busy: boolean): void {
  const mark = `${databaseFile}.serve.busy`
  try {
    if (busy) writeFileSync(mark, `${process.pid}\n`, { mode: 0o600 })
    else rmSync(mark, { force: true })
  } catch {
    // A data folder that turned unwritable: /healthz reports it; batch commands just do not wait.
  }
  markMachineBusy(busy)
}

/**
 * The same mark for the whole machine: a batch job on another site's file (an import of a second
 * site, its reindex) takes the same CPU from this server's readers. Renewed by every busy server;
 * removed only by the server that wrote it last (another busy one writes it again within half a second).
 */
export function machineBusyMark(): string {
  return join(tmpdir(), `nashra-readers-busy-${process.getuid?.() ?? 0}`)
}

function markMachineBusy(busy: boolean): void {
  const mark = machineBusyMark()
  try {
    if (busy) writeFileSync(mark, `${process.pid}\n`, { mode: 0o600 })
    else if (readPid(mark) === process.pid) rmSync(mark, { force: true })
  } catch {
    // A temporary folder we cannot write: batch jobs on other sites just do not wait.
  }
}

/** While busy, the mark is renewed this often (it goes stale after `BUSY_MARK_FRESH_MS`). */
const BUSY_MARK_RENEW_MS = 500
/** Not busy this long before the mark is removed: a lull between two bursts lets no batch step in. */
const BUSY_MARK_LINGER_MS = 1_000

/**
 * What `nashra serve` does with each look at its event loop (every 100 ms): the first busy look
 * writes the mark at once, so a batch job beside it stops within about 100 ms of the load's
 * arrival, not a whole sampling period. While busy it is renewed every 500 ms, and it is removed
 * after a second with no busy look. Returns the function to call with each look's answer.
 */
export function busyMarkKeeper(databaseFile: string): (busy: boolean, now?: number) => void {
  let marked = false
  let renewedAt = 0
  let busyAt = -Infinity
  return (busy, now = Date.now()) => {
    if (busy) busyAt = now
    if (now - busyAt < BUSY_MARK_LINGER_MS) {
      if (marked && now - renewedAt < BUSY_MARK_RENEW_MS) return
      markServerBusy(databaseFile, true)
      ;[marked, renewedAt] = [true, now]
    } else if (marked) {
      markServerBusy(databaseFile, false)
      marked = false
    }
  }
}

/** True while a server on `databaseFile` says readers keep it busy. */
export function serverIsBusy(databaseFile: string, now = Date.now()): boolean {
  return isFresh(`${databaseFile}.serve.busy`, now)
}

/** True while any `nashra serve` on this machine says readers keep it busy. */
export function anyServerIsBusy(now = Date.now()): boolean {
  return isFresh(machineBusyMark(), now)
}

function isFresh(mark: string, now: number): boolean {
  try {
    return now - statSync(mark).mtimeMs < BUSY_MARK_FRESH_MS
  } catch {
    return false
  }
}

/**
 * Waits while `busy()` says so, looking every 100 ms, `longestWaitMs` at most (then work goes on,
 * as decision 032's waits end). True if it gave up waiting.
 */
export async function waitWhile(busy: () => boolean, longestWaitMs: number): Promise<boolean> {
  for (const started = Date.now(); busy(); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() - started >= longestWaitMs) return true
  }
  return false
}

/**
 * For a batch command before it loads anything (bin/nashra.js): waits while any server on this
 * machine is busy with readers, `longestWaitMs` at most. Loading the app and starting its reader
 * threads is seconds of CPU, which under a saturated server took the gaps of the core beside it
 * and showed in its readers' p99.
 */
export async function waitUntilNoServerIsBusy(longestWaitMs = 30_000): Promise<void> {
  await waitWhile(() => anyServerIsBusy(), longestWaitMs)
}
