import type { IncomingMessage } from 'node:http'

/**
 * A body nobody will use is still read to its end, up to these bounds, before the error answer:
 * closing a socket with unread data makes the kernel reset it, and a client that sends the whole
 * body before reading (most libraries) then sees ECONNRESET or EPIPE instead of our answer.
 */
const DRAIN_MAX_BYTES = 32 * 1024 * 1024
const DRAIN_MAX_MS = 10_000

/**
 * Reads and discards the rest of a request body, within the bounds above. True when the request
 * ended; false when it was cut short (the connection must then close).
 */
export function drainRequest(req: IncomingMessage): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true)
  if (req.destroyed) return Promise.resolve(false)
  return new Promise((resolve) => {
    let seen = 0
    const finish = (ended: boolean) => {
      clearTimeout(timer)
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError)
      resolve(ended)
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > DRAIN_MAX_BYTES) finish(false)
    }
    const onEnd = () => finish(true)
    const onError = () => finish(false)
    const timer = setTimeout(() => finish(false), DRAIN_MAX_MS)
    req.on('data', onData).once('end', onEnd).once('error', onError).once('close', onError)
    req.resume()
  })
}

