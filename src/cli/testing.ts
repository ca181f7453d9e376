// The CLI's test kit: `nashra <args>` run as a user runs it, on a data folder of the test's.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../../bin/nashra.js', import.meta.url))

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
