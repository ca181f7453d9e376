import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { eventLoopBusySampler } from './cpu-priority.js'

const MODULE = fileURLToPath(new URL('./cpu-priority.js', import.meta.url))

/** The nice value of every thread of a process that lowered itself, read from /proc. */
function lowerAndReport(): number[] {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs'
    const { runAtLowestCpuPriority } = await import(${JSON.stringify(MODULE)})
    runAtLowestCpuPriority()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const nice = readdirSync('/proc/self/task').map((tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]))
    console.log(JSON.stringify(nice))`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(child.status, 0, child.stderr)
  return JSON.parse(child.stdout) as number[]
}

test('every thread of a batch process runs at nice 19, V8 helper threads and threads started later too', { skip: process.platform !== 'linux' }, () => {
  const nice = lowerAndReport()
  assert.ok(nice.length > 1, 'node runs helper threads')
  assert.deepEqual(new Set(nice), new Set([19]))
})

test('the event loop counts as busy after it ran most of the time, and idle after it waited', async () => {
  const wasBusy = eventLoopBusySampler()
  const until = performance.now() + 200
  while (performance.now() < until) {} // a reader's work holding the event loop
  assert.equal(wasBusy(), true)
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(wasBusy(), false)
})
