// The file reader's thread: reads, checks and maps corpus files while the main thread writes.
import { parentPort } from 'node:worker_threads'
import { attachContinuations } from './saudinewsnet.continuations.js'
import { mapOrSkip } from './saudinewsnet.mapper.js'
import { ImportFileError, readSaudiNewsNetFile, type SaudiNewsNetRecord } from './saudinewsnet.reader.js'
import type { FileReply, FileRequest, PreparedRecord } from './saudinewsnet.files.js'
import { precompute } from './saudinewsnet.rows.js'

function prepare(record: SaudiNewsNetRecord): PreparedRecord {
  const { skip, article } = mapOrSkip(record)
  return { url: record.url, skip, article }
}

/** With `now` (the bulk writer's files): each article's row and index columns too, the analyzer's work off the writing thread. */
function withPrecomputed(records: PreparedRecord[], now: Date): PreparedRecord[] {
  for (const record of records) if (record.article) record.precomputed = precompute(record.article, now)
  return records
}

async function answer({ id, kind, path, now }: FileRequest): Promise<FileReply> {
  try {
    const records = await readSaudiNewsNetFile(path)
    if (kind === 'check') return { id, count: records.length }
    const prepared = attachContinuations(records.map(prepare))
    return { id, records: now ? withPrecomputed(prepared, new Date(now)) : prepared }
  } catch (err) {
    return err instanceof ImportFileError ? { id, error: { path: err.path, reason: err.reason } } : { id, error: { path, reason: `cannot be read (${err instanceof Error ? err.message : err})` } }
  }
}

// One file at a time: a file's records are the memory an import holds, so requests queue.
let queue = Promise.resolve()
parentPort?.on('message', (request: FileRequest) => {
  queue = queue.then(async () => parentPort?.postMessage(await answer(request)))
})
