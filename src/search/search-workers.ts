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

interface Job {
  params: SearchParams
  now: Date
  resolve: (outcome: SearchOutcome) => void
  reject: (err: Error) => void
}

interface Slot {
  worker: Worker
  /** The one search this worker is computing. */
  job?: Job & { id: number }
}

const WORKER_FILE = new URL('./search-worker.js', import.meta.url)
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

  /**
   * `size` workers on the SQLite file at `path`, started at the first search. `inThisThread`
   * answers when no worker can (one was lost, or the pool is closed); `onLost` hears why.
   */
  constructor(
    private readonly options: {
      path: string
      size: number
      inThisThread: (params: SearchParams, now: Date) => Promise<SearchOutcome>
      onLost?: (err: Error) => void
    },
  ) {}

  async search(params: SearchParams, now = new Date()): Promise<SearchOutcome> {
    if (!this.closed && Date.now() >= this.restartAt) while (this.slots.length < this.options.size) this.slots.push(this.start())
    if (this.slots.length === 0) return this.options.inThisThread(params, now)
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
    for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerLost('search workers closed'))
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }

  /** Hands waiting searches to idle workers. */
  private dispatch(): void {
    for (const slot of this.slots) {
      const job = slot.job ? undefined : this.queue.shift()
      if (!job) continue
      slot.job = { ...job, id: this.nextId++ }
      slot.worker.postMessage({ id: slot.job.id, params: job.params, now: job.now.toISOString() } satisfies SearchRequest)
    }
  }

  private start(): Slot {
    const worker = new Worker(WORKER_FILE, { workerData: { path: this.options.path } })
    worker.unref() // never what keeps a process alive
    const slot: Slot = { worker }
    worker.on('message', (response: SearchResponse) => {
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
      if (this.slots.length > 0) return this.dispatch()
      for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerLost(err.message))
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`search worker exited (${code})`)))
    return slot
  }
}
