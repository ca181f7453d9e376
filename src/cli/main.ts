import { Command, CommanderError } from 'commander'
import { ConfigError, loadConfig, runAtLowestCpuPriority } from '../config/index.js'
import { migrateToLatest, openDb, waitForEveryServerOnThisMachine } from '../db/index.js'
import { serve, ServeRefused } from '../server.js'
import { registerBackupCommands } from './backup.command.js'
import { registerImportCommands } from './import.command.js'
import { registerReindexCommand } from './reindex.command.js'
import { registerTokenCommands } from './token.command.js'
import { registerUserCommands } from './user.command.js'
import { connectFeatures } from '../app.js'

/** `nashra <command>`: every command applies pending migrations first. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('nashra')
    .description('Nashra: Arabic-first news publishing')
    .exitOverride()
    .showHelpAfterError()

  program
    .command('serve')
    .description('serve the site (migrates, and seeds demo content into an empty database)')
    .action(async () => serve(loadConfig()))

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const db = await openDb(loadConfig().databaseUrl)
      try {
        const applied = await migrateToLatest(db)
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
      } finally {
        await db.destroy()
      }
    })

  registerImportCommands(program)
  registerReindexCommand(program)
  registerUserCommands(program)
  registerTokenCommands(program)
  registerBackupCommands(program)

  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (err) {
    process.exitCode = exitCodeOf(err)
  }
}

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
  if (err instanceof ConfigError) {
    console.error(`nashra: configuration error: ${err.message}`)
    return 2
  }
  if (err instanceof ServeRefused) {
    console.error(`nashra: serve: ${err.message}`)
    return 1
  }
  if (err instanceof CliError) {
    console.error(`nashra: ${err.message}`)
    return err.exitCode
  }
  console.error('nashra: failed:', err instanceof Error ? err.message : err)
  return 1
}

/** A failure the user can fix (bad arguments, bad file): printed without a stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}

/** Opens the configured database with migrations applied; for commands. */
/**
 * For batch commands (`import`, `reindex`): a site serving beside them keeps the CPU, and their
 * steps wait while any server on this machine is busy with readers (decisions 032 and 038).
 */
export function yieldToServedReaders(): void {
  runAtLowestCpuPriority()
  waitForEveryServerOnThisMachine()
}

export async function openMigratedDb() {
  const config = loadConfig()
  const db = await openDb(config.databaseUrl)
  await migrateToLatest(db)
  connectFeatures()
  return { config, db }
}
