import { Worker } from 'node:worker_threads'
import type { MappedArticle, SkipReason } from './saudinewsnet.mapper.js'
import { ImportFileError } from './saudinewsnet.reader.js'
import type { PrecomputedArticle } from './saudinewsnet.rows.js'

export interface FileRequest {
  id: number
  kind: 'check' | 'prepare'
  path: string
  /** The import's clock (ISO), given when the bulk writer will store the file: precompute rows and index columns. */
  now?: string
}

/** A record as the writer needs it: why it is skipped, or the article to store. */
export interface PreparedRecord {
  url: string
  skip: SkipReason | undefined
  article: MappedArticle | undefined
  /** A continuation folded into its story: the story's original URL. */
  mergedInto?: string
  precomputed?: PrecomputedArticle
}

export type FileReply =
  | { id: number; count: number }
  | { id: number; records: PreparedRecord[] }
  | { id: number; error: { path: string; reason: string } }

// The reader's code bundled by the build (scripts/bundle-workers.mjs, decision 037): a third of the time to load.
const WORKER_FILE = new URL('./saudinewsnet.worker.bundle.js', import.meta.url)

/** Reader threads: two keep both cores of a small server busy beside the writing thread. */
export const READERS = 2

/**
 * Corpus files read, checked and mapped in worker threads (unzipping, JSON parsing, paragraphs,
 * bylines and, for the bulk writer, the analyzer: about 25 s of CPU on the corpus), so the main
 * thread only writes. Each reader takes one file at a time. Files are checked by the first reader
 * alone (a bad file is then refused in the memory of one reader: a zip bomb's test measures it),
 * and files are prepared from the last reader on, so the first file is being prepared while the
 * files are checked.
 */
export class CorpusFiles {
  private readonly workers: Worker[] = []
  private readonly waiting = new Map<number, { path: string; resolve: (reply: FileReply) => void; reject: (err: Error) => void }>()
  private nextId = 0
  private prepared = 0
  private stopped: Error | undefined

  constructor(readonly readers = READERS) {}

  private reader(index: number): Worker {
    while (this.workers.length <= index) {
      const worker = new Worker(WORKER_FILE)
      worker.on('message', (reply: FileReply) => {
        this.waiting.get(reply.id)?.resolve(reply)
        this.waiting.delete(reply.id)
      })
      worker.on('error', (err) => this.failAll(err))
      worker.on('exit', (code) => this.failAll(new Error(`the file reader stopped (exit code ${code})`)))
      this.workers.push(worker)
    }
    return this.workers[index]
  }

  /** The number of records in a file; ImportFileError when it can't be imported. */
  async check(path: string): Promise<number> {
    const reply = await this.ask({ kind: 'check', path }, 0)
    if (!('count' in reply)) throw new Error('unexpected reply')
    return reply.count
  }

  /** A file's records mapped; with `now`, for the bulk writer (rows and index columns precomputed). */
  async prepare(path: string, now?: Date): Promise<PreparedRecord[]> {
    const reader = this.readers - 1 - (this.prepared++ % this.readers)
    const reply = await this.ask({ kind: 'prepare', path, now: now?.toISOString() }, reader)
    if (!('records' in reply)) throw new Error('unexpected reply')
    return reply.records
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners('exit')
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  private ask(request: Omit<FileRequest, 'id'>, reader: number): Promise<FileReply> {
    const id = this.nextId++
    const { path } = request
    return new Promise<FileReply>((resolve, reject) => {
      if (this.stopped) return reject(new ImportFileError(path, `cannot be read (${this.stopped.message})`))
      this.waiting.set(id, { path, resolve, reject })
      this.reader(reader).postMessage({ id, ...request } satisfies FileRequest)
    }).then((reply) => {
      if ('error' in reply) throw new ImportFileError(reply.error.path, reply.error.reason)
      return reply
    })
  }

  /** The reader thread died (out of memory, a bug): each file it was reading fails, by name. */
  private failAll(err: Error) {
    this.stopped ??= err
    for (const { path, reject } of this.waiting.values()) reject(new ImportFileError(path, `cannot be read (${err.message})`))
    this.waiting.clear()
  }
}
