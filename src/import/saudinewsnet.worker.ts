// The file reader's thread: reads, checks and maps corpus files while the main thread writes.
import { parentPort } from 'node:worker_threads'
import { attachContinuations } from './saudinewsnet.continuations.js'
import { mapOrSkip } from './saudinewsnet.mapper.js'
import { ImportFileError, readSaudiNewsNetFile, type SaudiNewsNetRecord } from './saudinewsnet.reader.js'
import type { FileReply, FileRequest, PreparedRecord } from './saudinewsnet.files.js'

function prepare(record: SaudiNewsNetRecord): PreparedRecord {
  const { skip, article } = mapOrSkip(record)
  return { url: record.url, skip, article }
}

parentPort?.on('message', async ({ id, kind, path }: FileRequest) => {
  let reply: FileReply
  try {
    const records = await readSaudiNewsNetFile(path)
    reply =
      kind === 'check'
        ? { id, count: records.length }
        : { id, records: attachContinuations(records.map(prepare)) }
  } catch (err) {
    reply = err instanceof ImportFileError ? { id, error: { path: err.path, reason: err.reason } } : { id, error: { path, reason: `cannot be read (${err instanceof Error ? err.message : err})` } }
  }
  parentPort?.postMessage(reply)
})
