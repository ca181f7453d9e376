import { Worker } from 'node:worker_threads'
import type { MappedArticle, SkipReason } from './saudinewsnet.mapper.js'
import { ImportFileError } from './saudinewsnet.reader.js'

export interface FileRequest {
  id: number
  kind: 'check' | 'prepare'
  path: string
}

/** A record as the writer needs it: why it is skipped, or the article to store. */
export interface PreparedRecord {
  url: string
  skip: SkipReason | undefined
  article: MappedArticle | undefined
  /** A continuation folded into its story: the story's original URL. */
  mergedInto?: string
}

export type FileReply =
  | { id: number; count: number }
  | { id: number; records: PreparedRecord[] }
  | { id: number; error: { path: string; reason: string } }

/**
 * Corpus files read, checked and mapped in a worker thread (unzipping, JSON parsing, paragraphs
 * and bylines: about 6 s of CPU on the corpus), so the main thread only writes.
 */
export class CorpusFiles {
  private readonly worker = new Worker(new URL('./saudinewsnet.worker.js', import.meta.url))
  private readonly waiting = new Map<number, { path: string; resolve: (reply: FileReply) => void; reject: (err: Error) => void }>()
  private nextId = 0
  private stopped: Error | undefined

  constructor() {
    this.worker.on('message', (reply: FileReply) => {
      this.waiting.get(reply.id)?.resolve(reply)
      this.waiting.delete(reply.id)
    })
    this.worker.on('error', (err) => this.failAll(err))
    this.worker.on('exit', (code) => this.failAll(new Error(`the file reader stopped (exit code ${code})`)))
  }

  /** The number of records in a file; ImportFileError when it can't be imported. */
  async check(path: string): Promise<number> {
    const reply = await this.ask('check', path)
    if (!('count' in reply)) throw new Error('unexpected reply')
    return reply.count
  }

  async prepare(path: string): Promise<PreparedRecord[]> {
    const reply = await this.ask('prepare', path)
    if (!('records' in reply)) throw new Error('unexpected reply')
    return reply.records
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit')
    await this.worker.terminate()
  }

  private ask(kind: FileRequest['kind'], path: string): Promise<FileReply> {
    const id = this.nextId++
    return new Promise<FileReply>((resolve, reject) => {
      if (this.stopped) return reject(new ImportFileError(path, `cannot be read (${this.stopped.message})`))
      this.waiting.set(id, { path, resolve, reject })
      this.worker.postMessage({ id, kind, path } satisfies FileRequest)
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
