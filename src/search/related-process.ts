// The related-articles process (started by related-worker.ts with `fork`): its own connection to
// the SQLite file (WAL: the server's readers never wait for it), computing every pending list and
// storing them 100 a transaction, until the queue has been empty a while or the server says stop.
// While the server marks itself busy serving readers (`<db>.serve.busy`), it waits between steps,
// never inside a transaction, as a reindex does (decision 032).
// A process rather than a thread: its garbage collector's helper threads run at its low priority
// too (a worker thread's share the server's), so the serving process keeps the CPU.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { runAtLowestCpuPriority } from '../config/index.js'
import { bumpRelatedVersion, openSqlite, waitWhileServerBusy } from '../db/index.js'
import { refreshRelatedArticles } from './related.js'
import * as queries from './search.queries.js'

export interface RelatedProcessData {
  path: string
  intervalMs: number
  /** The process ends after the queue has stayed empty this long (a later publish starts another). */
  idleMs: number
}

runAtLowestCpuPriority()
const { path, intervalMs, idleMs } = JSON.parse(process.argv[2]) as RelatedProcessData
let stopping = false
const stopped = () => stopping
// 'stop' from the server, or the server gone (the IPC channel closed): finish the transaction and end.
process.on('message', (message) => {
  if (message === 'stop') stopping = true
})
process.once('disconnect', () => (stopping = true))
// From here on a 'stop' is heard. Until the server reads this, it kills rather than waits for a
// process still loading: a kill loses nothing, SQLite rolls back a transaction cut short.
process.send?.('listening')
const db = openSqlite(path)
/** Between two steps: the server's messages are read (sync queries alone never leave the microtask queue), then the wait for readers. */
const whenNotBusy = async () => {
  await yieldToEventLoop()
  await waitWhileServerBusy(db)
}

let idleSince = Date.now()
try {
  while (!stopped() && Date.now() - idleSince < idleMs) {
    const done = await refreshRelatedArticles(db, undefined, { shouldStop: stopped, whenNotBusy })
    if (done > 0) {
      idleSince = Date.now()
      // Cached article pages (in the server, which reads the version within a second) show the new lists once the
      // queue is drained, rendered again one at a time or at their TTL (page-cache.ts).
      if (!stopped() && (await queries.countPending(db)) === 0) await bumpRelatedVersion(db)
    }
    // The next look at the queue; a closing server waits 50 ms at most.
    for (let slept = 0; slept < intervalMs && !stopped(); slept += 50) await new Promise((resolve) => setTimeout(resolve, 50))
  }
} finally {
  await db.destroy()
  process.disconnect?.()
}
