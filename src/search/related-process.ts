// The related-articles process (started by related-worker.ts with `fork`): its own connection to
// the SQLite file (WAL: the server's readers never wait for it), computing every pending list and
// storing them 100 a transaction, until the queue has been empty a while or the server says stop.
// While the server says it is busy serving readers, it waits between batches (never inside a
// transaction: the server's own writes must not wait for a paused process).
// A process rather than a thread: its garbage collector's helper threads run at its low priority
// too (a worker thread's share the server's), so the serving process keeps the CPU.
import { runAtLowestCpuPriority } from '../config/index.js'
import { bumpContentVersion, openSqlite } from '../db/index.js'
import { refreshRelatedArticles } from './related.js'
import * as queries from './search.queries.js'

export interface RelatedProcessData {
  path: string
  intervalMs: number
  /** The process ends after the queue has stayed empty this long (a later publish starts another). */
  idleMs: number
  /** The longest wait for a busy server; then the work goes on for a tenth of it (a site busy for hours still gets its lists). */
  longestWaitMs: number
}

runAtLowestCpuPriority()
const { path, intervalMs, idleMs, longestWaitMs } = JSON.parse(process.argv[2]) as RelatedProcessData
let stopping = false
const stopped = () => stopping
let paused = false
let resume: (() => void) | undefined
const setPaused = (value: boolean) => {
  paused = value
  if (!paused) resume?.()
}
/** After a wait of `longestWaitMs` for a server still busy, steps go on for a tenth of that. */
let goOnUntil = 0

/**
 * Resolves when the server is not busy (or is closing). A server busy for long gets one tenth of the
 * time: after `longestWaitMs` of waiting, steps go on for a tenth of it, then wait again. It first
 * yields to the event loop, so the server's messages are read between batches: a batch's queries
 * alone never leave the microtask queue.
 */
async function notBusy(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  if (!paused || Date.now() < goOnUntil) return
  let timeout: NodeJS.Timeout | undefined
  const waited = await new Promise<'resumed' | 'too long'>((resolve) => {
    resume = () => resolve('resumed')
    timeout = setTimeout(() => resolve('too long'), longestWaitMs)
  })
  clearTimeout(timeout)
  if (waited === 'too long') goOnUntil = Date.now() + longestWaitMs / 10
}
let heard: () => void
/** The server's first word, its answer to 'ready' (messages sent while this module loaded are lost). */
const firstWord = new Promise<void>((resolve) => (heard = resolve))
// 'stop' from the server, or the server gone (the IPC channel closed): finish the transaction and end.
// 'pause' and 'resume': the server busy serving readers, then not.
process.on('message', (message) => {
  if (message === 'stop') stopping = true
  setPaused(message === 'pause')
  heard()
})
process.once('disconnect', () => {
  stopping = true
  setPaused(false)
  heard()
})
process.send?.('ready')
await firstWord
const db = openSqlite(path)

let idleSince = Date.now()
try {
  while (!stopped() && Date.now() - idleSince < idleMs) {
    const done = await refreshRelatedArticles(db, undefined, { shouldStop: stopped, whenNotBusy: notBusy })
    if (done > 0) {
      idleSince = Date.now()
      // Cached pages (in the server, read from the database within a second) show the new lists once the queue is drained.
      if (!stopped() && (await queries.countPending(db)) === 0) await bumpContentVersion(db)
    }
    // The next look at the queue; a closing server waits 50 ms at most.
    for (let slept = 0; slept < intervalMs && !stopped(); slept += 50) await new Promise((resolve) => setTimeout(resolve, 50))
  }
} finally {
  await db.destroy()
  process.disconnect?.()
}
