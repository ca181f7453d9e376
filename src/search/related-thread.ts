// The related-articles worker thread (started by related-worker.ts): its own connection to the
// SQLite file (WAL: the server's readers never wait for it), computing every pending list and
// storing them 100 a transaction, until the queue has been empty a while or the server closes.
import { setPriority } from 'node:os'
import { workerData } from 'node:worker_threads'
import { bumpContentVersion, openSqlite } from '../db/index.js'
import { refreshRelatedArticles } from './related.js'
import * as queries from './search.queries.js'

export interface RelatedThreadData {
  path: string
  /** Int32 flag: 1 once the server closes. */
  stop: SharedArrayBuffer
  intervalMs: number
  /** The thread ends after the queue has stayed empty this long (a later publish starts another). */
  idleMs: number
}

const { path, stop, intervalMs, idleMs } = workerData as RelatedThreadData
const flag = new Int32Array(stop)
const stopped = () => Atomics.load(flag, 0) === 1
const db = openSqlite(path)
// Lowest priority for this thread only (Linux keeps nice values per thread): on a busy machine the
// HTTP thread gets the CPU first. Where it is refused (other systems), the thread runs as it is.
try {
  setPriority(19)
} catch {}

let idleSince = Date.now()
try {
  while (!stopped() && Date.now() - idleSince < idleMs) {
    const done = await refreshRelatedArticles(db, undefined, { shouldStop: stopped })
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
}
