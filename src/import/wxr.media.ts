// Fetches the export's images before the import's transaction: a host that no longer answers costs
// at most the timeout, and its images stay links.
import { MAX_IMAGE_BYTES } from '../media/index.js'
import type { PlannedImage } from './wxr.mapper.js'

export type Fetched = { ok: true; bytes: Buffer } | { ok: false; reason: string }

/** Downloads each image, a few at a time; `done` after each one. */
export async function fetchImages(images: PlannedImage[], timeoutMs: number, done: () => void, concurrency = 4): Promise<Map<string, Fetched>> {
  const results = new Map<string, Fetched>()
  let next = 0
  const worker = async () => {
    while (next < images.length) {
      const image = images[next++]
      results.set(image.wpId, await fetchImage(image.url, timeoutMs))
      done()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, images.length) }, worker))
  return results
}

async function fetchImage(url: string, timeoutMs: number): Promise<Fetched> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'not a web address' }
  try {
    const response = await fetch(new URL(url), { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' })
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` }
    const length = Number(response.headers.get('content-length') ?? 0)
    if (length > MAX_IMAGE_BYTES) return { ok: false, reason: 'too large' }
    const bytes = Buffer.from(await response.arrayBuffer())
    if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, reason: 'too large' }
    return { ok: true, bytes }
  } catch (err) {
    const name = (err as Error).name
    return { ok: false, reason: name === 'TimeoutError' ? 'no answer' : 'unreachable' }
  }
}
