// `nashra serve` started the way a user starts it, for the scripts that measure it from outside
// (bench-pages, bench-related, lighthouse, attack): a free loopback port, then /healthz.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../../', import.meta.url)) // dist/scripts/ → the repository

/** A loopback port nobody listens on right now (`nashra serve` refuses one in use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface ServeOptions {
  /** A checkout whose `bin/nashra.js` to run (default: this one). */
  checkout?: string
  /** Environment beside the data folder and the port (the caller's own is kept). */
  env?: Record<string, string>
  /** Node's flags before the script (a CPU profile). */
  nodeArgs?: string[]
  /** Wraps the command (e.g. `taskset` to pin a CPU). */
  wrap?: (command: string, args: string[]) => [string, string[]]
  stdout?: 'inherit' | 'ignore'
  timeoutMs?: number
}

export interface Served {
  child: ChildProcess
  port: number
  baseUrl: string
  /** Asks the server to close (SIGTERM, or the signal given) and waits for it to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

/** `nashra serve` over `dataDir` on a free port, once it answers /healthz. */
export async function startNashraServe(dataDir: string, options: ServeOptions = {}): Promise<Served> {
  const port = await freePort()
  const args = [...(options.nodeArgs ?? []), join(options.checkout ?? REPO, 'bin/nashra.js'), 'serve']
  const [command, commandArgs] = options.wrap ? options.wrap(process.execPath, args) : [process.execPath, args]
  const child = spawn(command, commandArgs, {
    env: { ...process.env, ...options.env, NASHRA_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit'],
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nashra serve exited with code ${child.exitCode}`)
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) return { child, port, baseUrl, stop }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`nashra serve did not answer /healthz within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s`)
}
