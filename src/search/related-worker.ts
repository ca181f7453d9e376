// Related lists are computed off the HTTP thread: a list costs milliseconds of CPU and an import
// leaves tens of thousands, which on the event loop would hold up every page behind them
// (docs/decisions/025). The server looks at the queue every half second; when lists are pending it
// starts one worker thread (related-thread.ts), which drains it and ends once idle.
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { sqliteFileOf, type Db } from '../db/index.js'
import type { RelatedThreadData } from './related-thread.js'
import { startRelatedInThisThread } from './related.js'
import * as queries from './search.queries.js'

const THREAD_FILE = new URL('./related-thread.js', import.meta.url)
/** How long a thread that is told to stop may take to finish its transaction before it is terminated. */
const STOP_WAIT_MS = 5_000

interface Log {
  error: (obj: object, msg: string) => void
}

/**
 * Keeps related lists computed while the server runs; returns the function that stops it (awaits
 * the thread). PostgreSQL has no file for a thread to open: the lists are computed on this thread.
 */
export function startRelatedWorker(db: Db, log: Log, options = { intervalMs: 500, idleMs: 30_000 }): () => Promise<void> {
  const path = sqliteFileOf(db)
  if (!path) return startRelatedInThisThread(db, log)
  const stop = new SharedArrayBuffer(4)
  let thread: Worker | undefined
  let checking = false
  const timer = setInterval(async () => {
    if (thread || checking) return
    checking = true
    try {
      if ((await queries.countPending(db)) === 0) return
      const workerData: RelatedThreadData = { path, stop, intervalMs: options.intervalMs, idleMs: options.idleMs }
      const started = new Worker(THREAD_FILE, { workerData })
      thread = started
      started.on('error', (err) => log.error({ err }, 'related articles worker failed'))
      started.once('exit', () => {
        if (thread === started) thread = undefined
      })
    } catch (err) {
      log.error({ err }, 'related articles worker failed')
    } finally {
      checking = false
    }
  }, options.intervalMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    const running = thread
    if (!running) return
    Atomics.store(new Int32Array(stop), 0, 1)
    const timeout = new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())
    await Promise.race([once(running, 'exit'), timeout])
    await running.terminate()
  }
}
