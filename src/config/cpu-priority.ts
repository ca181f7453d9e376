import { readdirSync } from 'node:fs'
import { setPriority } from 'node:os'

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
