// The seams check (`npm test` runs it; docs/decisions/011): how files may import each other.
//   1. A file reaches another top-level folder of src/ only through its index.ts (tests, browser
//      suites, scripts and other test kits may also use that folder's testing.ts; src/db/database.ts may `import type` from *.tables.ts).
//      Files directly in src/ (app.ts, server.ts, compositions) import folders through their index.ts
//      too, and only the CLI, tests and test kits import them.
//   2. No cycle between top-level folders of src/ (production files; tests don't count).
//   3. Unit and HTTP tests sit beside their subject under src/; browser suites in test/e2e/.
// Every import counts, type-only ones too. `node scripts/check-seams.mjs --summary` prints counts.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const ts = require('typescript')
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..')
const SRC = join(ROOT, 'src')

function sourceFiles(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const isTest = (file) => /\.test\.tsx?$/.test(file)
/** A folder's test kit: test code, so it may use other folders' kits too. */
const isKit = (file) => /(^|\/)testing\.tsx?$/.test(file)
/** The top-level folder of src/ a file belongs to; '' for files directly in src/; undefined outside src/. */
function folderOf(file) {
  const rel = relative(SRC, file)
  if (rel.startsWith('..')) return undefined
  const parts = rel.split(sep)
  return parts.length === 1 ? '' : parts[0]
}

/** `./x.js` written in TypeScript names `./x.ts` or `./x.tsx` on disk. */
function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier)
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), join(base, 'index.ts')]
  return candidates.find((c) => existsSync(c) && statSync(c).isFile())
}

function importsOf(file) {
  const text = readFileSync(file, 'utf8')
  const info = ts.preProcessFile(text, true, true)
  const lineOf = (pos) => text.slice(0, pos).split('\n').length
  return info.importedFiles.map((i) => ({ specifier: i.fileName, line: lineOf(i.pos), typeOnly: isTypeOnly(text, i.pos) }))
}

/** `import type { … } from` (over several lines too): the statement's keyword is the last one before the path. */
function isTypeOnly(text, pos) {
  const before = text.slice(0, pos)
  const start = Math.max(before.lastIndexOf('import'), before.lastIndexOf('export'))
  return /^(import|export)\s+type\b/.test(text.slice(start, pos))
}

function frontDoorProblem(file, target, typeOnly) {
  const from = folderOf(file)
  const to = folderOf(target)
  // app.ts, server.ts and the compositions beside them sit above every folder; only the CLI and tests look up at them.
  if (to === '' && from && from !== 'cli' && !isTest(file) && !isKit(file)) return `imports ${relative(ROOT, target)}, which sits above every folder of src/`
  if (to === undefined || to === '' || to === from) return undefined
  const inFolder = relative(join(SRC, to), target).split(sep)
  if (inFolder.length === 1 && /^index\.tsx?$/.test(inFolder[0])) return undefined
  if (inFolder.length === 1 && /^testing\.tsx?$/.test(inFolder[0]) && (isTest(file) || isKit(file) || !relative(ROOT, file).startsWith(`src${sep}`))) return undefined
  if (relative(SRC, file) === join('db', 'database.ts') && typeOnly && target.endsWith('.tables.ts')) return undefined
  return `imports ${relative(ROOT, target)} past the front door of src/${to}/ (import its index.ts)`
}

function testPlacementProblem(file) {
  const rel = relative(ROOT, file)
  if (rel.startsWith(`test${sep}`)) {
    if (rel.startsWith(join('test', 'e2e') + sep) && (rel.endsWith('.e2e.test.ts') || !isTest(file))) return undefined
    return 'only browser suites (test/e2e/*.e2e.test.ts) live under test/; unit and HTTP tests sit beside their subject in src/'
  }
  if (!isTest(file) || !rel.startsWith(`src${sep}`)) return undefined
  if (file.endsWith('.e2e.test.ts')) return 'browser suites belong in test/e2e/'
  const siblings = readdirSync(dirname(file)).filter((n) => !/\.test\.tsx?$/.test(n) && /\.tsx?$/.test(n))
  return siblings.length ? undefined : 'a test with no subject beside it'
}

const files = [...sourceFiles(SRC), ...sourceFiles(join(ROOT, 'test')), ...sourceFiles(join(ROOT, 'scripts'))]
const problems = []
const edges = new Map() // folder → Map(folder → first "file:line")
let crossings = 0
for (const file of files) {
  const placement = testPlacementProblem(file)
  if (placement) problems.push(`${relative(ROOT, file)}:1: ${placement}`)
  for (const { specifier, line, typeOnly } of importsOf(file)) {
    if (!specifier.startsWith('.')) continue
    const target = resolveImport(file, specifier)
    if (!target) continue
    const where = `${relative(ROOT, file)}:${line}`
    const problem = frontDoorProblem(file, target, typeOnly)
    if (problem) {
      crossings++
      problems.push(`${where}: ${problem}`)
    }
    const from = folderOf(file)
    const to = folderOf(target)
    // Cycles are between production files: tests and test kits don't count, nor db's table types.
    const exempt = isTest(file) || isKit(file) || (relative(SRC, file) === join('db', 'database.ts') && typeOnly)
    if (from && to && from !== to && !exempt) {
      if (!edges.has(from)) edges.set(from, new Map())
      if (!edges.get(from).has(to)) edges.get(from).set(to, where)
    }
  }
}

// Folders in a cycle: strongly connected components of more than one folder (Tarjan).
function cycles() {
  let index = 0
  const stack = []
  const meta = new Map()
  const found = []
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true })
    index++
    stack.push(v)
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!meta.has(w)) {
        visit(w)
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low)
      } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index)
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = []
      let w
      do {
        w = stack.pop()
        meta.get(w).onStack = false
        component.push(w)
      } while (w !== v)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const v of edges.keys()) if (!meta.has(v)) visit(v)
  return found
}

const cyclic = cycles()
for (const component of cyclic) {
  const ties = component.flatMap((a) => component.filter((b) => edges.get(a)?.has(b)).map((b) => `    ${a} → ${b} (${edges.get(a).get(b)})`))
  problems.push(`folders in an import cycle: ${component.join(', ')}\n${ties.join('\n')}`)
}

if (process.argv.includes('--summary')) {
  console.log(`seams: ${files.length} files, ${crossings} imports past a front door, ${cyclic.reduce((n, c) => n + c.length, 0)} folders in a cycle`)
}
if (problems.length) {
  console.error(problems.join('\n'))
  console.error(`seams check: ${problems.length} problem(s)`)
  process.exit(1)
}
console.log(`seams check: ${files.length} files, no import past a front door, no cycle between folders`)
