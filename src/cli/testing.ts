// The CLI's test kit: `nashra <args>` run as a user runs it, on a data folder of the test's, and `nashra serve` in a child process.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const BIN = `${ROOT}bin/nashra.js`

/** Runs `nashra …` on `dataDir` (SQLite there, whatever DATABASE_URL says), `stdin` piped in when given. */
export function nashra(dataDir: string, args: string[], stdin: string | null = null): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }
  delete env.DATABASE_URL
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin ?? undefined)
  })
}

export interface Server {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/** `nashra serve` on `dataDir` (SQLite, port 0, no demo content, no search workers), resolved once it listens; `env` adds or overrides. */
export async function serveNashra(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NASHRA_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', NASHRA_DEMO: '0', NASHRA_SEARCH_WORKERS: '0', NASHRA_LOG_LEVEL: 'info', ...env },
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
