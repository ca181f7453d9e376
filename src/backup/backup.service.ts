import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import tar from 'tar-stream'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  CHECKSUMS,
  DATABASE,
  MANIFEST,
  SECRET,
  formatChecksums,
  type BackupManifest,
  type FolderPart,
} from './manifest.js'
import { describeDatabase, snapshotDatabase } from './sqlite-snapshot.js'

/** Where a site's data lives: the SQLite file, and the data folder's folders a backup carries (media, originals). */
export interface DataLayout {
  dataDir: string
  databaseFile: string
  folders: readonly string[]
}

export interface BackupResult {
  file: string
  bytes: number
  manifest: BackupManifest
}

/**
 * Writes a backup of the site to `file` while it serves and writes: the database first (a
 * snapshot), then the media folders. Uploads write their files before their row, so every image
 * the snapshot knows is on disk when the folders are read after it. Written as `<file>.partial-<pid>`
 * and renamed when complete: `file` is never half a backup. `.tar` is left uncompressed; any other
 * name is gzipped (level 1: most of the gain at a fifth of the time, docs/benchmarks.md).
 */
export async function createBackup(layout: DataLayout, file: string, now: Date): Promise<BackupResult> {
  const work = await mkdtemp(join(dirname(file), '.nashra-backup-'))
  const partial = `${file}.partial-${process.pid}`
  try {
    const snapshot = join(work, DATABASE)
    await snapshotDatabase(layout.databaseFile, snapshot)
    const { migrations, counts } = describeDatabase(snapshot)
    const databaseSha = await sha256Of(snapshot)
    const folders = await Promise.all(layout.folders.map(async (f) => ({ name: f, files: await listFiles(join(layout.dataDir, f)) })))
    const secret = await readFile(join(layout.dataDir, SECRET)).catch(() => undefined)
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      schemaVersion: migrations.at(-1) ?? '',
      migrations,
      counts,
      parts: {
        database: { path: DATABASE, bytes: (await stat(snapshot)).size, sha256: databaseSha },
        secret: secret !== undefined,
        folders: Object.fromEntries(folders.map((f): [string, FolderPart] => [f.name, { files: f.files.length, bytes: f.files.reduce((n, x) => n + x.size, 0) }])),
      },
    }

    const pack = tar.pack()
    const output = createWriteStream(partial, { mode: 0o600 })
    const written = file.endsWith('.tar') ? pipeline(pack, output) : pipeline(pack, createGzip({ level: 1 }), output)
    written.catch(() => {}) // awaited below; a failure while adding entries is reported from there
    try {
      const sums = new Map<string, string>()
      await addBuffer(pack, MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 0o600)
      await addFile(pack, DATABASE, snapshot, sums)
      if (secret) {
        await addBuffer(pack, SECRET, secret, 0o600)
        sums.set(SECRET, createHash('sha256').update(secret).digest('hex'))
      }
      for (const folder of folders) {
        for (const f of folder.files) await addFile(pack, `${folder.name}/${f.path}`, join(layout.dataDir, folder.name, f.path), sums)
      }
      await addBuffer(pack, CHECKSUMS, Buffer.from(formatChecksums(sums)), 0o644)
      pack.finalize()
    } catch (err) {
      pack.destroy(err as Error)
      throw err
    } finally {
      await written
    }
    await syncFile(partial)
    await rename(partial, file)
    return { file, bytes: (await stat(file)).size, manifest }
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Regular files under `dir`, relative paths with `/`, sorted; none when it does not exist. Links are not followed. */
async function listFiles(dir: string, prefix = ''): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return []
    throw err
  })
  const found: { path: string; size: number }[] = []
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = prefix ? `${prefix}/${e.name}` : e.name
    if (e.isDirectory()) found.push(...(await listFiles(dir, path)))
    else if (e.isFile()) found.push({ path, size: (await stat(join(dir, path))).size })
  }
  return found
}

function addBuffer(pack: tar.Pack, name: string, data: Buffer, mode: number): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ name, mode, mtime: new Date() }, data, (err) => (err ? reject(err) : resolve())))
}

/**
 * Streams one file into the archive, its checksum into `sums`. A file gone since the folder was
 * listed (an image deleted meanwhile) is left out; its size is read from the open file, so the
 * header always matches what follows.
 */
async function addFile(pack: tar.Pack, name: string, path: string, sums: Map<string, string>): Promise<void> {
  const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw err
  })
  if (!handle) return
  try {
    const info = await handle.stat()
    const hash = createHash('sha256')
    const entry = pack.entry({ name, size: info.size, mode: info.mode & 0o777, mtime: info.mtime })
    await pipeline(handle.createReadStream({ autoClose: false, start: 0 }), hashing(hash), entry)
    sums.set(name, hash.digest('hex'))
  } finally {
    await handle.close()
  }
}

/** A pass-through stream feeding `hash` with what goes by. */
export function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      done(null, chunk)
    },
  })
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Flushes a file's bytes to disk, so the rename that follows never names a file still in the page cache only. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
