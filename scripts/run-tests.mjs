// `npm test`: the seams check (scripts/check-seams.mjs), every compiled *.test.js under dist/src and
// dist/test, then the XSS scan of the views.
// Node 20's runner takes no globs, so the files are listed here. Its --test-timeout applies to a
// whole file (Node 20), and one file imports the full corpus: the limit is a safety net, not a goal.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function testFiles(dir) {
  if (!existsSync(dir)) return []
  let found = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) found = found.concat(testFiles(path))
    else if (name.endsWith('.test.js')) found.push(path)
  }
  return found
}

const only = process.argv.slice(2)
if (!only.length) {
  const seams = spawnSync(process.execPath, ['scripts/check-seams.mjs'], { stdio: 'inherit' })
  if (seams.status !== 0) process.exit(seams.status ?? 1)
}
const files = (only.length ? only : [...testFiles('dist/src'), ...testFiles('dist/test')]).sort()
const args = ['--enable-source-maps', '--test', '--test-concurrency=2', '--test-timeout=900000', ...files]
const tests = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NASHRA_LOG_LEVEL: process.env.NASHRA_LOG_LEVEL ?? 'silent' } })
if (tests.status !== 0) process.exit(tests.status ?? 1)

if (!only.length) {
  const scan = spawnSync(process.execPath, ['node_modules/@kitajs/ts-html-plugin/dist/cli.js', '--cwd', '.'], { stdio: 'inherit' })
  if (scan.status !== 0) {
    console.error('xss-scan found unescaped output in a view')
    process.exit(scan.status ?? 1)
  }
}
