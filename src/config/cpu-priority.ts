import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { setPriority } from 'node:os'
import { performance } from 'node:perf_hooks'

/** util-linux's (Debian and most Linux distributions install it); absent elsewhere. */
const CHRT = '/usr/bin/chrt'

/**
 * The lowest CPU priority for every thread of this process, for background and batch work (the
 * related-lists process, `nashra import`, `nashra reindex`): a site serving beside it keeps the CPU
 * and its readers never wait for the batch; alone on a machine the work runs as fast as before.
 * - Nice 19. Linux keeps a nice value per thread, and V8's helper threads (garbage collection,
 *   compilation) already run: each is lowered, and threads started later inherit it.
 * - Then Linux's SCHED_IDLE policy, through util-linux's `chrt` (Node has no call for it), for
 *   every thread too. Nice 19 still took turns with the server: the related process cost a steady
 *   load's cached p99 2.2–2.8 ms against 1.3–1.7 idle while it read the corpus, and 1.0–1.6 ms
 *   under SCHED_IDLE, which runs only where nothing else wants the core.
 * Where refused or missing (other systems), the process runs as it is.
 */
export function runAtLowestCpuPriority(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 19)
  } catch {
    try {
      setPriority(19)
    } catch {}
  }
  // Already so when forked through `chrt` or lowered before (bin/nashra.js): no second `chrt` to start.
  if (runsUnderSchedIdle()) return
  try {
    execFileSync(CHRT, ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: 'ignore', timeout: 2_000 })
  } catch {}
}

/** Linux's SCHED_IDLE, as /proc writes a thread's policy (the 41st field of its stat). */
const SCHED_IDLE = 5

function runsUnderSchedIdle(): boolean {
  try {
    return Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[38]) === SCHED_IDLE
  } catch {
    return false
  }
}

/**
 * V8's flag for garbage collection on the main thread only. A batch process's helper threads (4
 * here) otherwise run its collections on both cores at once: under SCHED_IDLE they still took the
 * server's core in every gap between two requests and left its caches cold, which showed in a
 * steady load's cached p99 (1.33 of idle, 1.03–1.07 with the flag, docs/benchmarks.md). Only a
 * command-line flag will do: set at run time (`v8.setFlagsFromString`), it crashes the next collection.
 */
const ONE_GC_THREAD = '--single-threaded-gc'

/**
 * The command that runs `node <nodeArgs>` as a batch process: under SCHED_IDLE from its first
 * instruction (through `chrt`, which then runs Node in its place: same pid, same IPC channel), with
 * one garbage-collecting thread. Node's start and the loading of a bundle are about 200 ms of CPU,
 * which `runAtLowestCpuPriority` in the child would lower only once done. Without `chrt`, plain Node.
 */
export function batchNodeCommand(nodeArgs: string[]): { command: string; args: string[] } {
  const node = [process.execPath, ONE_GC_THREAD, ...nodeArgs]
  return existsSync(CHRT) ? { command: CHRT, args: ['--idle', '0', ...node] } : { command: node[0], args: node.slice(1) }
}

/** Whether this process was started by `batchNodeCommand`. */
export function runsAsBatchProcess(): boolean {
  return process.execArgv.includes(ONE_GC_THREAD)
}

/** `fork` options that start a Node child as `batchNodeCommand` does. */
export function forkAtLowestCpuPriority(): { execPath: string; execArgv: string[] } {
  const { command, args } = batchNodeCommand([])
  return { execPath: command, execArgv: args }
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
