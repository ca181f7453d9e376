// Requests sent from Node for the benches that time each answer or only need every path asked once
// (bench-search, bench-pages' first pass); wrk drives the rounds where the rate is the figure.
import { type Agent, request } from 'node:http'

export interface Timing {
  n: number
  errors: number
  p50: number
  p95: number
}

/** Sends every URL once, `concurrency` at a time, and measures each response to its last byte; an answer other than 200 counts as an error. */
export async function run(agent: Agent, urls: string[], concurrency: number, headers: Record<string, string> = {}): Promise<Timing> {
  const times: number[] = []
  let errors = 0
  let next = 0
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]
      const started = process.hrtime.bigint()
      const status = await get(agent, url, headers)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
      if (status !== 200) errors++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return summarize(times, errors)
}

export function summarize(times: number[], errors: number): Timing {
  times.sort((a, b) => a - b)
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
  return { n: times.length, errors, p50: pick(0.5), p95: pick(0.95) }
}

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}
