import { createHook } from 'node:async_hooks'

// One of Node's own tick objects, held for the life of the process (decision 034).
let keptTickObject: object | undefined

/**
 * Keeps the hidden classes ("maps") of `process.nextTick`'s tick objects alive, so that the
 * stores in nextTick stay on V8's fast path for the life of the server.
 *
 * Why: V8 holds those maps weakly. A full garbage collection at a moment when no tick is queued
 * (a quiet second after startup) frees them, and the next tick builds new ones. The literal's
 * stores then see a map other than the one they recorded. In Node 20's V8 those stores have no
 * polymorphic state, so they turn megamorphic for good. From then on every tick (about three per
 * request) goes through the runtime: about 3 µs more CPU per cached page, 7–8 % fewer answers a
 * second (docs/benchmarks.md, «nextTick's lost maps»).
 * One live tick object keeps its map and, through back pointers, the whole chain.
 *
 * Call it as early as possible: a collection between nextTick's first calls and this one is
 * what it prevents. Calling it twice does nothing.
 */
export function keepNextTickShapesAlive(): void {
  if (keptTickObject) return
  // The hook is the only public way to reach a tick object; it is on for one nextTick call.
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') keptTickObject ??= resource
    },
  })
  hook.enable()
  process.nextTick(() => {})
  hook.disable()
}
