import assert from 'node:assert/strict'
import { fork, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createTempDir } from '../db/testing.js'
import { eventLoopBusySampler, forkAtLowestCpuPriority } from './cpu-priority.js'

const MODULE = fileURLToPath(new URL('./cpu-priority.js', import.meta.url))

/** The nice value and scheduling policy of every thread of a process that lowered itself, read from /proc. */
function lowerAndReport(): { nice: number; policy: number }[] {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs'
    const { runAtLowestCpuPriority } = await import(${JSON.stringify(MODULE)})
    runAtLowestCpuPriority()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const fields = (tid) => readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')
    const threads = readdirSync('/proc/self/task').map((tid) => ({ nice: Number(fields(tid)[16]), policy: Number(fields(tid)[38]) }))
    console.log(JSON.stringify(threads))`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(child.status, 0, child.stderr)
  return JSON.parse(child.stdout) as { nice: number; policy: number }[]
}

/** Linux's SCHED_IDLE, as /proc/<pid>/stat writes a thread's policy. */
const SCHED_IDLE = 5

test('every thread of a batch process runs at nice 19 under SCHED_IDLE, V8 helper threads and threads started later too', { skip: process.platform !== 'linux' }, () => {
  const threads = lowerAndReport()
  assert.ok(threads.length > 1, 'node runs helper threads')
  assert.deepEqual(new Set(threads.map((t) => t.nice)), new Set([19]))
  assert.deepEqual(new Set(threads.map((t) => t.policy)), new Set([SCHED_IDLE]))
})

test('a child forked at the lowest priority runs under SCHED_IDLE from its first line with one garbage-collecting thread, and talks over IPC', { skip: process.platform !== 'linux' }, async (t) => {
  const file = join(createTempDir(t), 'child.mjs')
  writeFileSync(file, `import { readFileSync } from 'node:fs'
    process.send({ policy: Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[38]), argv: process.argv.slice(2), execArgv: process.execArgv })`)
  const child = fork(file, ['an argument'], { ...forkAtLowestCpuPriority(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const [message] = (await once(child, 'message')) as [{ policy: number; argv: string[]; execArgv: string[] }]
  await once(child, 'exit')
  assert.deepEqual(message, { policy: SCHED_IDLE, argv: ['an argument'], execArgv: ['--single-threaded-gc'] })
})

test('the event loop counts as busy after it ran most of the time, and idle after it waited', async () => {
  const wasBusy = eventLoopBusySampler()
  const until = performance.now() + 200
  while (performance.now() < until) {} // a reader's work holding the event loop
  assert.equal(wasBusy(), true)
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(wasBusy(), false)
})
