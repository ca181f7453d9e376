import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { BackupRefused, createBackup, restoreBackup, type BackupCounts, type DataLayout } from '../backup/index.js'
import { loadConfig, type Config } from '../config/index.js'
import { migrateToLatest, openDb } from '../db/index.js'
import { MEDIA_DIR, ORIGINALS_DIR } from '../media/index.js'
import { CliError } from './main.js'

/** `nashra backup <file>` and `nashra restore <file>` (docs/decisions/020). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a consistent backup (database, media, originals) to <file> while the site serves; gzipped unless <file> ends in .tar')
    .argument('<file>', 'the backup to write (e.g. nashra-2026-03-01.tar.gz)')
    .action(async (file: string) => {
      const config = loadConfig()
      const layout = dataLayout(config, 'backup')
      const target = resolve(file)
      if (!existsSync(dirname(target))) throw new CliError(`backup: the folder ${dirname(target)} does not exist`)
      await migrateFirst(config)
      const started = Date.now()
      const { bytes, manifest } = await createBackup(layout, target, new Date())
      console.log(`backup: wrote ${target} (${megabytes(bytes)}) in ${seconds(started)}: schema ${manifest.schemaVersion}, ${countsText(manifest.counts)}`)
    })

  program
    .command('restore')
    .description('check the backup <file>, then swap it in for the current data (kept in .before-restore); refused while a server runs')
    .argument('<file>', 'a backup written by `nashra backup`')
    .action(async (file: string) => {
      const config = loadConfig()
      const layout = dataLayout(config, 'restore')
      const started = Date.now()
      try {
        const { manifest, applied, keptIn } = await restoreBackup(layout, resolve(file))
        const migrated = applied.length ? `, then applied ${applied.join(', ')}` : ''
        console.log(
          `restore: restored ${resolve(file)} (made ${manifest.createdAt}, schema ${manifest.schemaVersion}${migrated}) in ${seconds(started)}: ` +
            `${countsText(manifest.counts)}; the data it replaced is in ${keptIn.join(' and ')}`,
        )
      } catch (err) {
        if (err instanceof BackupRefused) throw new CliError(`restore refused: ${err.message}. The current data was not touched`)
        throw err
      }
    })
}

/**
 * The SQLite file and the data folder's media. PostgreSQL is not copied by Nashra: pg_dump
 * does it better (parallel, portable between versions), and `serve` runs on SQLite only today.
 */
function dataLayout(config: Config, command: string): DataLayout {
  if (!config.databaseUrl.startsWith('file:')) {
    throw new CliError(
      `${command}: DATABASE_URL names PostgreSQL, which \`nashra ${command}\` does not handle (SQLite only). ` +
        'Use pg_dump --format=custom --file=nashra.dump "$DATABASE_URL" and pg_restore, ' +
        `and copy ${config.dataDir}/${MEDIA_DIR} and ${config.dataDir}/${ORIGINALS_DIR} beside the dump`,
    )
  }
  return { dataDir: config.dataDir, databaseFile: config.databaseUrl.slice('file:'.length), folders: [MEDIA_DIR, ORIGINALS_DIR] }
}

/** Every command applies pending migrations first; for a backup, to the live database before it is copied. */
async function migrateFirst(config: Config): Promise<void> {
  const db = await openDb(config.databaseUrl)
  try {
    await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`

function countsText(c: BackupCounts): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`
  return [n(c.articles, 'article', 'articles'), n(c.comments, 'comment', 'comments'), n(c.media, 'image', 'images'), n(c.people, 'person', 'people'), n(c.accounts, 'account', 'accounts')].join(', ')
}
