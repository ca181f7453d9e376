// Builds dist/: TypeScript → JavaScript. Fonts and static assets are served from their packages and public/.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let tsc
try {
  tsc = require.resolve('typescript/bin/tsc')
} catch {
  console.error('build: typescript is not installed yet (npm install installs it)')
  process.exit(0)
}
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' })
process.exit(result.status ?? 1)
