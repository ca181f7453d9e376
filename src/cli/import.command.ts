import { SingleBar, Presets } from 'cli-progress'
import type { Command } from 'commander'
import { ImportError, ImportFileError, importSaudiNewsNet, importWxr, WxrError, type ImportSummary, type WxrImportSummary } from '../import/index.js'
import { indexStatus } from '../search/index.js'
import { CliError, openMigratedDb, yieldToServedReaders } from './main.js'

/** `nashra import saudinewsnet <zip|json>...`, `nashra import wxr <file>` */
export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description('import content from other sources')

  importCommand
    .command('saudinewsnet')
    .description('import SaudiNewsNet corpus zips, or JSON files holding an array in the corpus format')
    .argument('<files...>', 'corpus .zip files or .json files')
    .option('--update', 're-map articles already imported (matched by original URL), keeping their ids and URLs')
    .action(async (files: string[], options: { update?: boolean }) => {
      yieldToServedReaders()
      const { db } = await openMigratedDb()
      const bar = process.stdout.isTTY ? new SingleBar({ format: 'importing [{bar}] {value}/{total} {eta_formatted}', hideCursor: true }, Presets.shades_classic) : undefined
      try {
        const summary = await importSaudiNewsNet(db, files, {
          update: options.update === true,
          onStart: (total) => bar?.start(total, 0),
          onProgress: (done) => bar?.update(done),
        })
        bar?.stop()
        console.log(summaryLine(summary))
        // Related lists wait until after the import: the server computes them in the background.
        const { relatedPending } = await indexStatus(db)
        if (relatedPending > 0) console.log(`related articles: ${relatedPending} lists to compute; \`nashra serve\` does it in the background, \`nashra reindex\` at once`)
      } catch (err) {
        bar?.stop()
        if (err instanceof ImportError) throw new CliError(`import saudinewsnet: ${err.message} (${whatWasImported(err)})`)
        throw err
      } finally {
        await db.destroy()
      }
    })

  importCommand
    .command('wxr')
    .description('import a WordPress export (WXR 1.1 or 1.2): posts, pages, categories, tags, authors, comments, images, and redirects from the old addresses')
    .argument('<file>', 'the .xml file WordPress exported (Tools → Export)')
    .option('--timeout <seconds>', 'how long an image host may take to answer', '5')
    .action(async (file: string, opts: { timeout: string }) => {
      const timeout = Number(opts.timeout)
      if (!(timeout > 0 && timeout <= 120)) throw new CliError('import wxr: --timeout must be a number of seconds between 0 and 120', 2)
      yieldToServedReaders()
      const { config, db } = await openMigratedDb()
      const bar = process.stdout.isTTY ? new SingleBar({ format: 'importing [{bar}] {value}/{total} {eta_formatted}', hideCursor: true }, Presets.shades_classic) : undefined
      try {
        const summary = await importWxr(db, file, {
          dataDir: config.dataDir,
          baseUrl: config.baseUrl,
          fetchTimeoutMs: timeout * 1000,
          onStart: (total) => bar?.start(total, 0),
          onProgress: (done) => bar?.update(done),
        })
        bar?.stop()
        console.log(wxrSummaryLine(summary))
      } catch (err) {
        bar?.stop()
        if (err instanceof WxrError) throw new CliError(`import wxr: ${err.message}`)
        throw err
      } finally {
        await db.destroy()
      }
    })
}

export function wxrSummaryLine(s: WxrImportSummary): string {
  const skipped = Object.entries(s.skipped)
  const skippedTotal = skipped.reduce((n, [, count]) => n + count, 0)
  const reasons = skipped.length ? ` (${skipped.map(([reason, count]) => `${reason}: ${count}`).join(', ')})` : ''
  return (
    `imported ${s.posts} posts, ${s.pages} pages, ${s.comments} comments (${s.approvedComments} approved), ` +
    `${s.media} images (${s.mediaAsLinks} kept as links); ` +
    `unchanged ${s.unchanged.articles} articles, ${s.unchanged.comments} comments, ${s.unchanged.media} images; ` +
    `skipped ${skippedTotal}${reasons}; redirects ${s.redirects}; ${s.seconds.toFixed(1)} s`
  )
}

/** Files are imported whole, one transaction each: the ones before a failure stay. */
function whatWasImported(err: ImportError): string {
  const n = err.filesImported
  const before = n === 1 ? 'the 1 file before it was' : `the ${n} files before it were`
  if (err instanceof ImportFileError) return n === 0 ? 'nothing was imported' : `nothing from it was imported; ${before}`
  return n === 0 ? 'nothing was imported' : `${n} file(s) were imported`
}

export function summaryLine(s: ImportSummary): string {
  const skipped = s.skipped.no_title + s.skipped.no_body
  return (
    `imported ${s.imported} of ${s.read} articles from ${s.files} file(s); ` +
    `skipped ${skipped} (no title: ${s.skipped.no_title}, no body: ${s.skipped.no_body}); ` +
    `duplicates ${s.duplicates}; ` +
    (s.updated > 0 || s.peopleRemoved > 0 ? `updated ${s.updated}; people removed ${s.peopleRemoved}; ` : '') +
    (s.merged > 0 ? `continuations merged ${s.merged}; ` : '') +
    `${s.seconds.toFixed(1)} s`
  )
}
