import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { publishScheduledArticles, countArticles } from '../articles/index.js'
import type { Config } from '../config/index.js'
import { migrateToLatest, openDb, type Db } from '../db/index.js'
import { seedDemoContent } from '../site/demo/index.js'
import { buildApp } from './app.js'

const SCHEDULER_INTERVAL_MS = 30_000

/** `nashra serve`: migrate, seed demo content into an empty site, listen, publish on schedule. */
export async function serve(config: Config): Promise<void> {
  mkdirSync(join(config.dataDir, 'media'), { recursive: true })
  const db = await openDb(config.databaseUrl)
  await migrateToLatest(db)
  if (config.demo && (await countArticles(db)) === 0) await seedDemoContent(db, config.dataDir, new Date())
  const app = await buildApp(config, db)
  const timer = config.scheduler ? startScheduler(db, (err) => app.log.error({ err }, 'scheduled publishing failed')) : undefined

  const shutdown = async () => {
    if (timer) clearInterval(timer)
    await app.close()
    await db.destroy()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)

  await app.listen({ host: config.host, port: config.port })
}

function startScheduler(db: Db, onError: (err: unknown) => void) {
  const tick = () => publishScheduledArticles(db, new Date()).catch(onError)
  void tick()
  const timer = setInterval(tick, SCHEDULER_INTERVAL_MS)
  timer.unref()
  return timer
}
