// First-time searches computed on other cores. One costs several milliseconds of CPU (ranking,
// snippets); on the HTTP thread, eight readers searching at once would wait for one another and
// for every page behind them. A pool of worker threads, each with a read-only connection to the
// SQLite file (WAL lets readers run beside the writer), takes them instead. The HTTP thread keeps
// routing, the result cache and everything else.
import { Worker } from 'node:worker_threads'
import type { SearchOutcome, SearchParams } from './search.service.js'

export interface SearchRequest {
  id: number
  params: SearchParams
  /** ISO time the recency boost counts from. */
  now: string
}

export type SearchResponse = { id: number; outcome: SearchOutcome; error?: undefined } | { id: number; error: string }

/** A worker's first message: its modules are loaded and its connection open. */
export interface WorkerReady {
  ready: true
}

interface Job {
  params: SearchParams
  now: Date
  resolve: (outcome: SearchOutcome) => void
  reject: (err: Error) => void
}

interface Slot {
  worker: Worker
  /** Loaded and connected (a worker takes about half a second to start). */
  ready: boolean
  /** The one search this worker is computing. */
  job?: Job & { id: number }
}

// The worker's code bundled by the build (scripts/bundle-workers.mjs, decision 037).
const WORKER_FILE = new URL('./search-worker.bundle.js', import.meta.url)
/** After a worker is lost, searches run in this thread for a while before another is started. */
const RESTART_AFTER_MS = 10_000

/** A search the worker ran and that failed: the same search in this thread would fail too. */
export class SearchFailed extends Error {}

/** Lost with its worker: the search is answered in this thread instead. */
class WorkerLost extends Error {}

export class SearchWorkers {
  private slots: Slot[] = []
  /** Searches waiting for a free worker, oldest first: one long search never holds up others queued behind it. */
  private queue: Job[] = []
  private nextId = 0
  private closed = false
  private restartAt = 0
  private whenReady: ((up: boolean) => void)[] = []

  /**
   * `size` workers on the SQLite file at `path`, started by `start()` or the first search. `inThisThread`
   * answers when no worker can (none has started yet, one was lost, or the pool is closed);
   * `onLost` hears why a worker was lost.
   */
  constructor(
    private readonly options: {
      path: string
      size: number
      inThisThread: (params: SearchParams, now: Date) => Promise<SearchOutcome>
      onLost?: (err: Error) => void
    },
  ) {}

  /** Starts the workers if they are not running; resolves when one can take searches (false: none could start). */
  start(): Promise<boolean> {
    this.fill()
    if (this.slots.some((s) => s.ready)) return Promise.resolve(true)
    if (this.slots.length === 0) return Promise.resolve(false)
    return new Promise((resolve) => this.whenReady.push(resolve))
  }

  async search(params: SearchParams, now = new Date()): Promise<SearchOutcome> {
    this.fill()
    // Until a worker is up, searches are answered here rather than kept waiting for it.
    if (!this.slots.some((s) => s.ready)) return this.options.inThisThread(params, now)
    try {
      return await new Promise<SearchOutcome>((resolve, reject) => {
        this.queue.push({ params, now, resolve, reject })
        this.dispatch()
      })
    } catch (err) {
      if (err instanceof WorkerLost) return this.options.inThisThread(params, now)
      throw err
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const slots = this.slots
    this.slots = []
    this.settleStart(false)
    for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerLost('search workers closed'))
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }

  /** Starts workers up to the pool's size, unless closed or waiting after a loss. */
  private fill(): void {
    if (this.closed || Date.now() < this.restartAt) return
    while (this.slots.length < this.options.size) this.slots.push(this.spawn())
  }

  private settleStart(up: boolean): void {
    for (const resolve of this.whenReady.splice(0)) resolve(up)
  }

  /** Hands waiting searches to idle workers. */
  private dispatch(): void {
    for (const slot of this.slots) {
      const job = slot.job || !slot.ready ? undefined : this.queue.shift()
      if (!job) continue
      slot.job = { ...job, id: this.nextId++ }
      slot.worker.postMessage({ id: slot.job.id, params: job.params, now: job.now.toISOString() } satisfies SearchRequest)
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_FILE, { workerData: { path: this.options.path } })
    worker.unref() // never what keeps a process alive
    const slot: Slot = { worker, ready: false }
    worker.on('message', (response: SearchResponse | WorkerReady) => {
      if ('ready' in response) {
        slot.ready = true
        this.settleStart(true)
        return this.dispatch()
      }
      const job = slot.job
      if (job?.id !== response.id) return
      slot.job = undefined
      if (response.error === undefined) job.resolve(response.outcome)
      else job.reject(new SearchFailed(response.error))
      this.dispatch()
    })
    const lost = (err: Error) => {
      slot.job?.reject(new WorkerLost(err.message))
      slot.job = undefined
      if (!this.slots.includes(slot)) return // closed, or lost already ('error' is followed by 'exit')
      this.slots = this.slots.filter((s) => s !== slot)
      this.restartAt = Date.now() + RESTART_AFTER_MS
      this.options.onLost?.(err)
      if (this.slots.length === 0) this.settleStart(false)
      if (this.slots.some((s) => s.ready)) return this.dispatch()
      for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerLost(err.message))
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`search worker exited (${code})`)))
    return slot
  }
}
