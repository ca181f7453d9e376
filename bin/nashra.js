#!/usr/bin/env node
// The package's command line. `npm install` builds dist/ (the `prepare` script).
import { existsSync } from 'node:fs'
const entry = new URL('../dist/src/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  console.error('nashra: dist/ is missing; run `npm run build` first.')
  process.exit(1)
}
const { main } = await import(entry.href)
await main(process.argv.slice(2))
