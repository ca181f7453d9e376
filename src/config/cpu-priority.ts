import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * The lowest CPU priority for every thread of this process, for background and batch work (the
 * related-lists process, `nashra import`, `nashra reindex`): a site serving beside it keeps the CPU
 * and its readers never wait for the batch; alone on a machine the work runs as fast as before.
 * Linux keeps a nice value per thread, and V8's helper threads (garbage collection, compilation)
 * already run: each is lowered, and threads started later inherit it. Where refused (other
 * systems), the process runs as it is.
 *
 * Then Linux's SCHED_IDLE policy for all its threads (util-linux's `chrt`): at nice 19 a batch still
 * keeps the CPU until the scheduler's wake-up granularity has passed when the server's thread wakes
 * for a request, about a millisecond; an idle-policy thread yields it at once.
 */
export function runAtLowestCpuPriority(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 19)
  } catch {
    try {
      setPriority(19)
    } catch {}
  }
  spawnSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: 'ignore' })
}
