import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const MODULE = fileURLToPath(new URL('./cpu-priority.js', import.meta.url))
const SCHED_IDLE = 5
const onLinux = process.platform === 'linux'
const hasChrt = !spawnSync('chrt', ['--version']).error

/** nice and scheduling policy of every thread of a process that lowered itself, read from /proc. */
function lowerAndReport(): { nice: number; policy: number }[] {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs'
    const { runAtLowestCpuPriority } = await import(${JSON.stringify(MODULE)})
    runAtLowestCpuPriority()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const threads = readdirSync('/proc/self/task').map((tid) => {
      const fields = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')
      return { nice: Number(fields[16]), policy: Number(fields[38]) }
    })
    console.log(JSON.stringify(threads))`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(child.status, 0, child.stderr)
  return JSON.parse(child.stdout) as { nice: number; policy: number }[]
}

test('every thread of a batch process runs at nice 19 and, where chrt exists, under SCHED_IDLE', { skip: !onLinux }, () => {
  const threads = lowerAndReport()
  assert.ok(threads.length > 1, 'node runs helper threads')
  for (const thread of threads) {
    assert.equal(thread.nice, 19)
    if (hasChrt) assert.equal(thread.policy, SCHED_IDLE)
  }
})
