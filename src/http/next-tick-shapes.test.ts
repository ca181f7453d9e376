import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'

const MODULE = new URL('./next-tick-shapes.js', import.meta.url).href

/**
 * Runs a process that queues ticks, collects garbage while none is queued, queues one more, and
 * prints V8's feedback for nextTick's object literal: one state per store.
 */
function nextTickStoreStates(keepShapes: boolean): string[] {
  const script = `
    const { keepNextTickShapesAlive } = await import(${JSON.stringify(MODULE)})
    if (${keepShapes}) keepNextTickShapesAlive()
    const tick = () => new Promise((resolve) => process.nextTick(resolve))
    for (let i = 0; i < 200; i++) await tick()
    for (let i = 0; i < 6; i++) { gc(); await new Promise((resolve) => setTimeout(resolve, 5)) }
    await tick()
    new Function('f', '%DebugPrint(f)')(process.nextTick)
  `
  const run = spawnSync(process.execPath, ['--expose-gc', '--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  return [...run.stdout.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1])
}

test('without the kept tick object, a full collection leaves nextTick megamorphic (the V8 behaviour worked around)', () => {
  const states = nextTickStoreStates(false)
  assert.equal(states.length, 4, 'nextTick builds {[async id], [trigger id], callback, args}')
  assert.ok(states.includes('MEGAMORPHIC'), `Node no longer loses nextTick's maps (${states.join(' ')}): keepNextTickShapesAlive can go`)
})

test('a kept tick object keeps every store in nextTick monomorphic across full collections', () => {
  assert.deepEqual(nextTickStoreStates(true), ['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC'])
})
