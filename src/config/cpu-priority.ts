import { readdirSync } from 'node:fs'
import { setPriority } from 'node:os'
import { performance } from 'node:perf_hooks'

/**
 * The lowest CPU priority for every thread of this process, for background and batch work (the
 * related-lists process, `nashra import`, `nashra reindex`): a site serving beside it keeps the CPU
 * and its readers never wait for the batch; alone on a machine the work runs as fast as before.
 * Linux keeps a nice value per thread, and V8's helper threads (garbage collection, compilation)
 * already run: each is lowered, and threads started later inherit it. Where refused (other
 * systems), the process runs as it is.
 */
export function runAtLowestCpuPriority(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 19)
  } catch {
    try {
      setPriority(19)
    } catch {}
  }
}

/** Above this share of the time running, the event loop counts as busy serving readers. */
const BUSY_UTILIZATION = 0.5

/**
 * A check of whether this process's event loop was busy (running more than half the time) since
 * the check before, for background work that should wait while readers are being served.
 */
export function eventLoopBusySampler(): () => boolean {
  let last = performance.eventLoopUtilization()
  return () => {
    const { utilization } = performance.eventLoopUtilization(last)
    last = performance.eventLoopUtilization()
    return utilization > BUSY_UTILIZATION
  }
}
