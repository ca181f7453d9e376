// The backup feature's test kit: every file of a folder by checksum, and `nashra serve` in a child process.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const BIN = join(ROOT, 'bin/nashra.js')

/** Every file under `dir` (dot files too) → its sha256, by path relative to `dir`; `skip` leaves names out. */
export function fileHashes(dir: string, skip: RegExp = /$^/): Record<string, string> {
  if (!existsSync(dir)) return {}
  const hashes: Record<string, string> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)
    if (!entry.isFile() || skip.test(entry.name)) continue
    hashes[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
  }
  return hashes
}

/** Every entry under `dir` (folders too), sorted: what a refused restore must leave as it found. */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort()
}

export interface Server {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/** `nashra serve` on `dataDir` (SQLite, port 0, no demo content, no scheduler), resolved once it listens. */
export async function serveNashra(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NASHRA_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', NASHRA_DEMO: '0', NASHRA_SEARCH_WORKERS: '0', NASHRA_SCHEDULER: '0', NASHRA_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString())
      if (listening) resolve(listening[1])
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return { url, process: child, stop }
}
