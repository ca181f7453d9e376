#!/usr/bin/env node
// The package's command line. `npm install` builds dist/ (the `prepare` script).
import { existsSync } from 'node:fs'
const entry = new URL('../dist/src/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  console.error('nashra: dist/ is missing; run `npm run build` first.')
  process.exit(1)
}
// Batch commands yield the CPU to a site serving beside them (decision 038) from their first
// module on: loading the app takes about a second of CPU, which at normal priority a busy server's
// readers paid. Nice 19 and SCHED_IDLE for every thread; the command does it again once loaded.
if (['import', 'reindex'].includes(process.argv[2])) {
  const { runAtLowestCpuPriority } = await import(new URL('../dist/src/config/cpu-priority.js', import.meta.url).href)
  runAtLowestCpuPriority()
}
// Before the app loads and the heap first fills: see dist/src/http/next-tick-shapes.js (decision 034).
const { keepNextTickShapesAlive } = await import(new URL('../dist/src/http/next-tick-shapes.js', import.meta.url).href)
keepNextTickShapesAlive()
const { main } = await import(entry.href)
await main(process.argv.slice(2))
