import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rename, rm, rmdir, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { migrateToLatest, migrationNames, openSqlite, ServeLockError, takeServeLock } from '../db/index.js'
import { extractBackup, refuseNewerSchema } from './backup-reader.js'
import type { DataLayout } from './backup.service.js'
import { BackupRefused, DATABASE, SECRET, type BackupManifest } from './manifest.js'
import { describeDatabase, integrityProblem } from './sqlite-snapshot.js'

/** Where the data a restore replaced is kept, beside each part (the previous one is replaced). */
export const BEFORE_RESTORE = '.before-restore'

export interface RestoreResult {
  manifest: BackupManifest
  /** Migrations applied to the restored database (it came from an older Nashra). */
  applied: string[]
  /** The folders holding the data the restore replaced. */
  keptIn: string[]
}

/**
 * Restores the backup `file` into the site described by `layout`. Refused (BackupRefused, the
 * current data untouched) while a server holds the serve lock, or unless the file is a complete
 * Nashra backup whose database passes SQLite's integrity check and whose schema this code knows.
 * The backup is extracted and migrated inside the data folder first; only then are the current
 * database, media folders and secret moved aside into `.before-restore` and the restored ones
 * renamed into place (a failed rename puts everything back).
 */
export async function restoreBackup(layout: DataLayout, file: string): Promise<RestoreResult> {
  const createdDataDir = !existsSync(layout.dataDir)
  await mkdir(layout.dataDir, { recursive: true, mode: 0o711 })
  await mkdir(dirname(layout.databaseFile), { recursive: true, mode: 0o700 })
  let release: () => void
  try {
    // Held to the end: a server starting meanwhile refuses, as one already running refuses us.
    release = await takeServeLock(layout.databaseFile)
  } catch (err) {
    if (!(err instanceof ServeLockError)) throw err
    throw new BackupRefused(`${err.message.split(': its lock is')[0]}. Stop the server first (a restore replaces the database under it), restore, then start it again`)
  }
  const stage = await mkdtemp(join(layout.dataDir, '.restore-'))
  let restored = false
  try {
    const known = migrationNames()
    const manifest = await extractBackup(file, stage, layout.folders, known)
    const database = join(stage, DATABASE)
    const problem = integrityProblem(database)
    if (problem) throw new BackupRefused(`the backup's database fails SQLite's integrity check: ${problem}`)
    refuseNewerSchema(migrationsOf(database), known)
    const applied = await migrate(database)
    const keptIn = await swapIn(layout, stage, manifest)
    restored = true
    return { manifest, applied, keptIn }
  } finally {
    await rm(stage, { recursive: true, force: true })
    await rm(restoringPath(layout.databaseFile), { force: true })
    release()
    if (!restored && createdDataDir) await rmdir(layout.dataDir).catch(() => {}) // only if nothing else is in it
  }
}

function migrationsOf(database: string): string[] {
  try {
    return describeDatabase(database).migrations
  } catch (err) {
    throw new BackupRefused(`the backup's database is not a Nashra database: ${err instanceof Error ? err.message : String(err)}`)
  }
}

async function migrate(database: string): Promise<string[]> {
  const db = openSqlite(database)
  try {
    return await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
}

/** One thing a restore replaces: what is in place now, and what takes its place. */
interface Part {
  current: string
  restored: string
  /** Files that go aside with `current` and are not replaced (a database's -wal and -shm). */
  companions: string[]
}

async function swapIn(layout: DataLayout, stage: string, manifest: BackupManifest): Promise<string[]> {
  const parts: Part[] = [
    { current: layout.databaseFile, restored: await besideDatabase(layout.databaseFile, join(stage, DATABASE)), companions: [`${layout.databaseFile}-wal`, `${layout.databaseFile}-shm`] },
    ...(manifest.parts.secret ? [{ current: join(layout.dataDir, SECRET), restored: join(stage, SECRET), companions: [] }] : []),
  ]
  for (const folder of layout.folders) {
    // A folder the backup had no file in is restored empty: what the backup did not have goes aside too.
    await mkdir(join(stage, folder), { recursive: true })
    parts.push({ current: join(layout.dataDir, folder), restored: join(stage, folder), companions: [] })
  }
  const asideOf = (path: string) => join(dirname(path), BEFORE_RESTORE, basename(path))
  const asideDirs = [...new Set(parts.map((p) => dirname(asideOf(p.current))))]
  // The previous restore's safety copy makes way for this one's.
  for (const dir of asideDirs) {
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { mode: 0o700 })
  }
  const done: [string, string][] = []
  const move = async (from: string, to: string) => {
    await rename(from, to)
    done.push([from, to])
  }
  try {
    for (const part of parts) {
      for (const path of [part.current, ...part.companions]) if (existsSync(path)) await move(path, asideOf(path))
      await move(part.restored, part.current)
    }
  } catch (err) {
    for (const [from, to] of done.reverse()) await rename(to, from).catch(() => {})
    throw err
  }
  return asideDirs
}

/**
 * The restored database, moved beside the database it replaces (a DATABASE_URL outside the data
 * folder may be on another file system), so that the swap is a rename.
 */
async function besideDatabase(databaseFile: string, extracted: string): Promise<string> {
  if (dirname(databaseFile) === dirname(dirname(extracted))) return extracted
  const beside = restoringPath(databaseFile)
  try {
    await rename(extracted, beside)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    await copyFile(extracted, beside)
    await unlink(extracted)
  }
  return beside
}

const restoringPath = (databaseFile: string) => `${databaseFile}.restoring-${process.pid}`
