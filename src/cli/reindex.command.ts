import type { Command } from 'commander'
import { indexStatus, reindexAll } from '../search/index.js'
import { openMigratedDb, yieldToServedReaders } from './main.js'

/** `nashra reindex`: rebuilds the search index with the current analyzer, then every related-articles list. */
export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the search index and related articles (needed after an analyzer change)')
    .action(async () => {
      yieldToServedReaders()
      const { db } = await openMigratedDb()
      try {
        const before = await indexStatus(db)
        if (before.stale) console.log(`index built by analyzer v${before.indexedWith}; rebuilding with v${before.analyzerVersion}`)
        const started = Date.now()
        let lastReport = 0
        const report = (what: string) => (n: number) => {
          if (Date.now() - lastReport < 5000) return
          lastReport = Date.now()
          console.log(`${what}: ${n}`)
        }
        const { indexed, related } = await reindexAll(db, { indexed: report('indexed'), related: report('related lists') })
        const seconds = ((Date.now() - started) / 1000).toFixed(1)
        console.log(`reindexed ${indexed} published articles and computed ${related} related lists in ${seconds} s (analyzer v${before.analyzerVersion})`)
      } finally {
        await db.destroy()
      }
    })
}
