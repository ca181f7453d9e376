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

interface Slot {
  worker: Worker
  pending: Map<number, { resolve: (outcome: SearchOutcome) => void; reject: (err: Error) => void }>
}

const WORKER_FILE = new URL('./search-worker.js', import.meta.url)
/** After a worker is lost, searches run in this thread for a while before another is started. */
const RESTART_AFTER_MS = 10_000

/** A search the worker ran and that failed: the same search in this thread would fail too. */
export class SearchFailed extends Error {}

export class SearchWorkers {
  private slots: Slot[] = []
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
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
    const id = this.nextId++
    try {
      return await new Promise<SearchOutcome>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject })
        slot.worker.postMessage({ id, params, now: now.toISOString() } satisfies SearchRequest)
      })
    } catch (err) {
      if (err instanceof SearchFailed) throw err
      return this.options.inThisThread(params, now) // the worker was lost under it
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const slots = this.slots
    this.slots = []
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }

  private start(): Slot {
    const worker = new Worker(WORKER_FILE, { workerData: { path: this.options.path } })
    worker.unref() // never what keeps a process alive
    const slot: Slot = { worker, pending: new Map() }
    worker.on('message', (response: SearchResponse) => {
      const waiting = slot.pending.get(response.id)
      slot.pending.delete(response.id)
      if (response.error === undefined) waiting?.resolve(response.outcome)
      else waiting?.reject(new SearchFailed(response.error))
    })
    const lost = (err: Error) => {
      for (const waiting of slot.pending.values()) waiting.reject(err)
      slot.pending.clear()
      if (!this.slots.includes(slot)) return // closed, or lost already ('error' is followed by 'exit')
      this.slots = this.slots.filter((s) => s !== slot)
      this.restartAt = Date.now() + RESTART_AFTER_MS
      this.options.onLost?.(err)
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`search worker exited (${code})`)))
    return slot
  }
}
