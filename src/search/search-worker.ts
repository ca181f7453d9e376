// A search worker thread (see search-workers.ts): answers searches from the HTTP thread with its
// own read-only connection to the same SQLite file.
import { parentPort, workerData } from 'node:worker_threads'
import { openSqlite } from '../db/index.js'
import type { SearchRequest, SearchResponse, WorkerReady } from './search-workers.js'
import { searchArticles } from './search.service.js'

const db = openSqlite((workerData as { path: string }).path, { readonly: true })
const port = parentPort!
port.postMessage({ ready: true } satisfies WorkerReady)

port.on('message', async ({ id, params, now }: SearchRequest) => {
  let response: SearchResponse
  try {
    response = { id, outcome: await searchArticles(db, params, new Date(now)) }
  } catch (err) {
    response = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
  }
  port.postMessage(response)
})
