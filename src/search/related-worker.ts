// Related lists are computed off the HTTP thread: a list costs milliseconds of CPU and an import
// leaves tens of thousands, which on the event loop would hold up every page behind them
// (docs/decisions/025). The server looks at the queue every half second; when lists are pending it
// starts one child process at the lowest CPU priority (related-process.ts), which drains it and
// ends once idle. While the server marks itself busy serving readers, none is started and a running
// one waits between steps (decision 032): a low priority alone still lets it take the CPU whenever
// the server blocks for a moment.
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { forkAtLowestCpuPriority } from '../config/index.js'
import { serverIsBusy, sqliteFileOf, type Db } from '../db/index.js'
import type { RelatedProcessData } from './related-process.js'
import { startRelatedInThisThread } from './related.js'
import * as queries from './search.queries.js'

// Bundled by the build as the worker threads are (decision 037): the process starts with less to load, under SCHED_IDLE (forkAtLowestCpuPriority).
const PROCESS_FILE = fileURLToPath(new URL('./related-process.bundle.js', import.meta.url))
/** How long a process that is told to stop may take to finish its transaction before it is killed. */
const STOP_WAIT_MS = 5_000

interface Log {
  error: (obj: object, msg: string) => void
}

/**
 * Keeps related lists computed while the server runs; returns the function that stops it (awaits
 * the process). PostgreSQL has no file for a process to open: the lists are computed on this thread.
 */
export function startRelatedWorker(db: Db, log: Log, options = { intervalMs: 500, idleMs: 30_000 }): () => Promise<void> {
  const path = sqliteFileOf(db)
  if (!path) return startRelatedInThisThread(db, log)
  let child: ChildProcess | undefined
  /** The child that has said it hears 'stop' (it loads its modules first: seconds on a busy machine). */
  let listening: ChildProcess | undefined
  let checking = false
  const timer = setInterval(async () => {
    if (child || checking || serverIsBusy(path)) return
    checking = true
    try {
      if ((await queries.countPending(db)) === 0) return
      const data: RelatedProcessData = { path, intervalMs: options.intervalMs, idleMs: options.idleMs }
      // execArgv: none of the server's own flags (a --cpu-prof or --inspect is for the server).
      const started = fork(PROCESS_FILE, [JSON.stringify(data)], { ...forkAtLowestCpuPriority(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      child = started
      started.on('message', (message) => {
        if (message === 'listening') listening = started
      })
      started.on('error', (err) => log.error({ err }, 'related articles process failed'))
      started.once('exit', (code) => {
        if (code) log.error({ code }, 'related articles process failed')
        if (child === started) child = undefined
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
    const running = child
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = once(running, 'exit')
    // Still loading (or about to say it listens): nothing to finish, so a closing server does not wait for its start.
    if (listening !== running) {
      running.kill('SIGKILL')
      await exited
      return
    }
    if (running.connected) running.send('stop')
    const timeout = new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())
    if ((await Promise.race([exited.then(() => 'exited'), timeout])) !== 'exited') {
      running.kill('SIGKILL')
      await exited
    }
  }
}
