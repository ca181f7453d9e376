// Reading a backup into a folder, checking everything on the way: nothing outside `stage` is touched.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import tar from 'tar-stream'
import { hashing } from './backup.service.js'
import {
  BackupRefused,
  CHECKSUMS,
  DATABASE,
  MANIFEST,
  SECRET,
  entryKind,
  parseChecksums,
  parseManifest,
  unknownMigrations,
  type BackupManifest,
} from './manifest.js'

const MANIFEST_MAX_BYTES = 1 << 20
const CHECKSUMS_MAX_BYTES = 256 << 20

/**
 * Extracts the backup `file` into the empty folder `stage` as a stream (gzipped or not), and
 * refuses it (BackupRefused) unless it is a Nashra backup whose schema this code knows and whose
 * every file matches its checksum. The manifest comes first, so a newer schema is refused before
 * gigabytes of media are read.
 */
export async function extractBackup(file: string, stage: string, folders: readonly string[], knownMigrations: readonly string[]): Promise<BackupManifest> {
  const first = await firstBytes(file, 2)
  if (first.length === 0) throw new BackupRefused(`not a Nashra backup: ${file} is empty`)
  const gzipped = first[0] === 0x1f && first[1] === 0x8b
  const extract = tar.extract()
  const input = createReadStream(file)
  const feeding = gzipped ? pipeline(input, createGunzip(), extract) : pipeline(input, extract)
  // A damaged file fails the feeding mid-entry, which then never ends: every wait below races it.
  const failed = new Promise<never>((_, reject) => feeding.catch(reject))
  failed.catch(() => {})
  const untilFailure = <T>(work: Promise<T>) => Promise.race([work, failed])

  let manifest: BackupManifest | undefined
  let sums: Map<string, string> | undefined
  const found = new Map<string, string>()
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header
      if (!manifest) {
        if (name !== MANIFEST || type !== 'file') throw new BackupRefused(`not a Nashra backup: it begins with ${JSON.stringify(name)}, not ${MANIFEST}`)
        manifest = parseManifest((await untilFailure(readSmall(entry, MANIFEST_MAX_BYTES, name))).toString('utf8'), folders)
        refuseNewerSchema(manifest.migrations, knownMigrations)
        continue
      }
      if (sums) throw new BackupRefused(`the backup is damaged: ${JSON.stringify(name)} follows ${CHECKSUMS}, which comes last`)
      if (type === 'directory') {
        entry.resume()
        continue
      }
      const kind = entryKind(name, folders)
      if (type !== 'file' || !kind || kind === 'manifest') {
        throw new BackupRefused(`not a Nashra backup: it holds ${JSON.stringify(name)} (${type}), which no Nashra backup holds`)
      }
      if (kind === 'checksums') {
        sums = parseChecksums((await untilFailure(readSmall(entry, CHECKSUMS_MAX_BYTES, name))).toString('utf8'))
        continue
      }
      if (found.has(name)) throw new BackupRefused(`the backup is damaged: it holds ${JSON.stringify(name)} twice`)
      const target = join(stage, ...name.split('/'))
      const hash = createHash('sha256')
      await untilFailure(
        mkdir(dirname(target), { recursive: true }).then(() =>
          pipeline(entry, hashing(hash), createWriteStream(target, { flags: 'wx', mode: kind === 'folder-file' ? 0o644 : 0o600 })),
        ),
      )
      found.set(name, hash.digest('hex'))
    }
    await feeding
  } catch (err) {
    extract.destroy()
    throw asRefusal(err, manifest !== undefined)
  }

  if (!manifest) throw new BackupRefused(`not a Nashra backup: ${file} holds no ${MANIFEST}`)
  if (!sums) throw new BackupRefused(`the backup is incomplete: it ends before ${CHECKSUMS} (cut short while being written or copied?)`)
  for (const [name, sha] of sums) {
    if (!found.has(name)) throw new BackupRefused(`the backup is damaged: ${name} is listed in ${CHECKSUMS} but missing`)
    if (found.get(name) !== sha) throw new BackupRefused(`the backup is damaged: ${name} does not match its checksum`)
  }
  for (const name of found.keys()) if (!sums.has(name)) throw new BackupRefused(`the backup is damaged: ${name} has no checksum`)
  if (!found.has(DATABASE) || (manifest.parts.secret && !found.has(SECRET))) throw new BackupRefused(`the backup is damaged: it lacks ${found.has(DATABASE) ? SECRET : DATABASE}`)
  if (found.get(DATABASE) !== manifest.parts.database.sha256) throw new BackupRefused(`the backup is damaged: ${DATABASE} does not match the manifest's checksum`)
  return manifest
}

/** A database with migrations this code does not know was written by a newer Nashra: refused. */
export function refuseNewerSchema(applied: readonly string[], known: readonly string[]): void {
  const unknown = unknownMigrations(applied, known)
  if (unknown.length === 0) return
  throw new BackupRefused(
    `the backup comes from a newer Nashra: its schema has migration(s) ${unknown.join(', ')}, which this version does not know. ` +
      'Upgrade Nashra, then restore',
  )
}

async function readSmall(entry: AsyncIterable<unknown>, max: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of entry) {
    size += (chunk as Buffer).length
    if (size > max) throw new BackupRefused(`not a Nashra backup: its ${name} is larger than ${max} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new BackupRefused(`cannot read ${file}: ${err.code ?? err.message}`)
  })
  try {
    const buffer = Buffer.alloc(n)
    const { bytesRead } = await handle.read(buffer, 0, n, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** A gzip or tar error means a damaged file (or not a backup at all, before the manifest); anything else (a full disk) stays as it is. */
function asRefusal(err: unknown, sawManifest: boolean): unknown {
  if (err instanceof BackupRefused) return err
  const e = err as NodeJS.ErrnoException
  const message = e?.message ?? String(err)
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return err // the file system's: ENOSPC, EACCES…
  const archiveError = e?.code?.startsWith('Z_') || /tar|unexpected end|header|gzip|incorrect|invalid/i.test(message)
  if (!archiveError) return err
  return new BackupRefused(sawManifest ? `the backup is damaged: ${message}` : `not a Nashra backup (${message})`)
}
