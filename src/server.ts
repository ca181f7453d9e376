import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { publishScheduledArticles, countArticles } from './articles/index.js'
import { type Config, eventLoopBusySampler } from './config/index.js'
import { type Db, busyMarkKeeper, markServerBusy, migrateToLatest, openDb, sqlitePaths, takeServeLock, unwritablePath, whyNotWritable } from './db/index.js'
import { seedDemoContent } from './demo/index.js'
import { buildApp, connectFeatures } from './app.js'

// Scheduled stories go out within two seconds of their time; a tick with nothing due is one indexed read.
const SCHEDULER_INTERVAL_MS = 2_000
/** How often the server looks at whether readers keep it busy (`busyMarkKeeper` writes what batch commands read). */
const BUSY_LOOK_MS = 100

/** Why `nashra serve` will not start: printed as it is, without a stack. */
export class ServeRefused extends Error {}

/** `nashra serve`: migrate, seed demo content into an empty site, listen, publish on schedule. */
export async function serve(config: Config): Promise<void> {
  const databaseFile = sqliteFile(config.databaseUrl)
  prepareDataDir(config.dataDir, databaseFile)
  const releaseLock = await takeServeLock(databaseFile).catch((err: Error) => {
    throw new ServeRefused(err.message)
  })
  process.once('exit', releaseLock)
  const db = await openDb(config.databaseUrl)
  const why = await whyNotWritable(db)
  if (why) {
    await db.destroy()
    throw new ServeRefused(`${why}: the server would answer every write, and every first page view, with an error`)
  }
  await migrateToLatest(db)
  connectFeatures() // before the demo content is written: search follows article writes
  if (config.demo && (await countArticles(db)) === 0) await seedDemoContent(db, config.dataDir, new Date())
  const app = await buildApp(config, db)
  const timer = config.scheduler ? startScheduler(db, (err) => app.log.error({ err }, 'scheduled publishing failed')) : undefined
  const stopMarkingBusy = markBusyWhileServing(databaseFile)

  const stop = async () => {
    if (timer) clearInterval(timer)
    stopMarkingBusy()
    await app.close()
    await db.destroy()
    releaseLock()
  }
  const shutdown = () => stop().then(() => process.exit(0))
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    // Without this the scheduler, the view counter and the search workers keep a process alive
    // that serves nothing (a second `nashra serve` on a taken port).
    await stop()
    throw new ServeRefused(listenFailure(err, config))
  }
}

/**
 * Renews `<db>.serve.busy` while readers keep the event loop over half busy: a reindex or an import
 * on the same file waits between its batches meanwhile (`pauseForOtherWriters`, decision 032).
 */
function markBusyWhileServing(databaseFile: string): () => void {
  const wasBusy = eventLoopBusySampler()
  const keepMark = busyMarkKeeper(databaseFile)
  const timer = setInterval(() => keepMark(wasBusy()), BUSY_LOOK_MS).unref()
  return () => {
    clearInterval(timer)
    markServerBusy(databaseFile, false)
  }
}

function listenFailure(err: unknown, config: Config): string {
  const code = (err as NodeJS.ErrnoException).code
  const where = `${config.host}:${config.port}`
  if (code === 'EADDRINUSE') return `${where} is already in use (another server?): stop it or set PORT`
  if (code === 'EACCES') return `${where} needs privileges this user lacks: set PORT above 1023`
  return `cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`
}

/**
 * The SQLite file `serve` will use. PostgreSQL is refused until search has a PostgreSQL engine:
 * pages would work and every search would find nothing, silently.
 */
function sqliteFile(databaseUrl: string): string {
  if (databaseUrl.startsWith('file:')) return databaseUrl.slice('file:'.length)
  throw new ServeRefused(
    'DATABASE_URL names PostgreSQL, which Nashra search does not support (every search would find nothing): ' +
      '`nashra serve` runs on SQLite; unset DATABASE_URL or set it to file:/path',
  )
}

/**
 * Creates the data folder and its media folder, then stops the boot naming the first path this
 * process cannot write. The data folder is 0711: others may not list it or read the database or
 * the secret (both 0600), but a web server running as another user can still reach media/
 * (0755, files 0644) to serve uploads itself.
 */
function prepareDataDir(dataDir: string, databaseFile: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o711 })
  mkdirSync(join(dataDir, 'media'), { recursive: true, mode: 0o755 })
  mkdirSync(join(databaseFile, '..'), { recursive: true, mode: 0o700 })
  const path = unwritablePath([dataDir, join(dataDir, 'media'), ...sqlitePaths(databaseFile)].filter(existsSync))
  if (path) throw new ServeRefused(`${path}; \`nashra serve\` needs to write its data folder, media folder and database`)
}

function startScheduler(db: Db, onError: (err: unknown) => void) {
  const tick = () => publishScheduledArticles(db, new Date()).catch(onError)
  void tick()
  const timer = setInterval(tick, SCHEDULER_INTERVAL_MS)
  timer.unref()
  return timer
}
