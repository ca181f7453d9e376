#!/usr/bin/env node
// The package's command line. `npm install` builds dist/ (the `prepare` script).
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
const entry = new URL('../dist/src/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  console.error('nashra: dist/ is missing; run `npm run build` first.')
  process.exit(1)
}
// Batch commands yield the CPU to a site serving beside them (decision 038) from their first
// instruction: loading the app takes about a second of CPU, which at normal priority a busy
// server's readers paid. The command runs again as a child under SCHED_IDLE with one garbage-
// collecting thread (`batchNodeCommand`: V8 takes that flag only at start); this process waits
// for it, passes on the signals a user or a supervisor sends, and ends as it does. The child then
// waits while a server on this machine is busy with readers before it loads the app (decision 038).
if (['import', 'reindex'].includes(process.argv[2])) {
  const priority = await import(new URL('../dist/src/config/cpu-priority.js', import.meta.url).href)
  if (!priority.runsAsBatchProcess()) {
    const { spawn } = await import('node:child_process')
    const { constants } = await import('node:os')
    const { command, args } = priority.batchNodeCommand([...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)])
    const child = spawn(command, args, { stdio: 'inherit' })
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
    const [code, signal] = await once(child, 'exit')
    process.exit(code ?? 128 + (constants.signals[signal] ?? 1))
  }
  priority.runAtLowestCpuPriority()
  const { anyServerIsBusy, waitUntilNoServerIsBusy } = await import(new URL('../dist/src/db/serve-lock.js', import.meta.url).href)
  if (anyServerIsBusy()) console.error(`nashra ${process.argv[2]}: a site on this machine is busy with readers; starting when they ease (in 30 s at most)`)
  await waitUntilNoServerIsBusy()
}
// Before the app loads and the heap first fills: see dist/src/http/next-tick-shapes.js (decision 034).
const { keepNextTickShapesAlive } = await import(new URL('../dist/src/http/next-tick-shapes.js', import.meta.url).href)
keepNextTickShapesAlive()
const { main } = await import(entry.href)
await main(process.argv.slice(2))
