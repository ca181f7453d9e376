import { createArticle, ensureSection, slugify } from '../articles/index.js'
import { pauseForOtherWriters, type Db } from '../db/index.js'
import { ensurePerson } from '../people/index.js'
import { compactSearchIndex } from '../search/index.js'
import { listSourceUrls } from './import.queries.js'
import { CorpusFiles, type PreparedRecord } from './saudinewsnet.files.js'
import type { MappedArticle, SkipReason } from './saudinewsnet.mapper.js'
import { ImportError, ImportFileError } from './saudinewsnet.reader.js'

export interface ImportSummary {
  files: number
  /** Records read from the files. */
  read: number
  imported: number
  /** Already in the database (same original URL, byte for byte) or repeated in the input. */
  duplicates: number
  skipped: Record<SkipReason, number>
  seconds: number
}

export interface ImportOptions {
  now?: Date
  /** Called once with the number of records to go through, then after each record. */
  onStart?: (total: number) => void
  onProgress?: (done: number) => void
}

/**
 * Imports SaudiNewsNet zips or JSON files. Every file is read and checked before anything is
 * written, so a bad file writes nothing; then each file is imported in one transaction (all of
 * it or none of it), and articles whose original URL is already stored are left alone. Files are
 * read and mapped in a worker thread, one file ahead of the writes.
 */
export async function importSaudiNewsNet(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now()
  const now = options.now ?? new Date()
  const files = new CorpusFiles()
  try {
    // Checking pass: throws ImportFileError naming the first bad file. Records are read again below
    // rather than kept, so memory holds two files at a time.
    let total = 0
    for (const path of paths) total += await files.check(path)
    options.onStart?.(total)

    const summary: ImportSummary = { files: paths.length, read: 0, imported: 0, duplicates: 0, skipped: { no_title: 0, no_body: 0 }, seconds: 0 }
    const seen = new Set(await outsideFiles((why) => `reading the addresses already imported failed (${why})`, 0, () => listSourceUrls(db)))
    const ids = new IdCache()
    let next = prefetch(files, paths[0])
    for (let i = 0; i < paths.length; i++) {
      try {
        const records = await next!
        next = prefetch(files, paths[i + 1])
        await writeFile(db, paths[i], records, { summary, seen, ids, now, onProgress: options.onProgress })
      } catch (err) {
        if (err instanceof ImportError) err.filesImported = i
        throw err
      }
      // A file is one transaction (all of it or none); between two, a server waiting to write gets its turn.
      if (i + 1 < paths.length) await pauseForOtherWriters()
    }
    const compactFailed = (why: string) => `merging the search index failed (${why}); searches work, more slowly, until \`nashra reindex\``
    if (summary.imported > 0) await outsideFiles(compactFailed, paths.length, () => compactSearchIndex(db))
    summary.seconds = (performance.now() - started) / 1000
    return summary
  } finally {
    await files.close()
  }
}

interface WriteState {
  summary: ImportSummary
  seen: Set<string>
  ids: IdCache
  now: Date
  onProgress: ImportOptions['onProgress']
}

/**
 * One file's articles in one transaction. A failure names the file and the article being written
 * (none for a failed commit), and leaves nothing of the file: the transaction, the addresses seen
 * and the ids cached are all undone.
 */
async function writeFile(db: Db, path: string, records: PreparedRecord[], state: WriteState): Promise<void> {
  const { summary, seen, ids } = state
  const seenInFile: string[] = []
  let current = -1
  try {
    await db.transaction().execute(async (trx) => {
      for (current = 0; current < records.length; current++) {
        const record = records[current]
        summary.read++
        if (record.skip) summary.skipped[record.skip]++
        else if (seen.has(record.url)) summary.duplicates++
        else {
          await insertArticle(trx, record.article!, ids, state.now)
          seen.add(record.url)
          seenInFile.push(record.url)
          summary.imported++
        }
        state.onProgress?.(summary.read)
      }
      current = -1
    })
  } catch (err) {
    for (const url of seenInFile) seen.delete(url)
    ids.rollback()
    const article = current >= 0 ? `article ${current + 1}: ` : ''
    throw new ImportFileError(path, `${article}could not be written (${messageOf(err)})`)
  }
  ids.commit()
}

/** A database step before or after the files' transactions: a failure says which. */
async function outsideFiles<T>(failed: (why: string) => string, filesImported: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    const failure = new ImportError(failed(messageOf(err)))
    failure.filesImported = filesImported
    throw failure
  }
}

/** The next file, read while the current one is written. */
function prefetch(files: CorpusFiles, path: string | undefined): Promise<PreparedRecord[]> | undefined {
  if (path === undefined) return undefined
  const records = files.prepare(path)
  records.catch(() => undefined) // awaited later; an import that fails first must not leave it unhandled
  return records
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

async function insertArticle(trx: Db, article: MappedArticle, ids: IdCache, now: Date) {
  const sectionId = await ids.get('section', article.section.slug, () => ensureSection(trx, article.section.slug, article.section.name))
  const authorIds: number[] = []
  for (const name of article.people) {
    const slug = slugify(name)
    authorIds.push(await ids.get('person', slug, () => ensurePerson(trx, { slug, name }, now)))
  }
  await createArticle(
    trx,
    {
      title: article.title,
      titleAsGiven: true,
      bodyHtml: article.bodyHtml,
      bodyIsSanitized: true, // paragraphsToHtml escaped the text
      sectionId,
      status: 'published',
      publishedAt: article.publishedAt,
      dateline: article.dateline,
      authorIds,
      sources: article.sources.map((name) => ({ name, url: null })),
      sourceUrl: article.sourceUrl,
      commentsOpen: true,
    },
    now,
  )
}

/** Section and person ids by slug; ids created inside a file's transaction count once it commits. */
class IdCache {
  private committed = new Map<string, number>()
  private pending = new Map<string, number>()

  async get(kind: string, slug: string, ensure: () => Promise<number>): Promise<number> {
    const key = `${kind}:${slug}`
    const known = this.pending.get(key) ?? this.committed.get(key)
    if (known !== undefined) return known
    const id = await ensure()
    this.pending.set(key, id)
    return id
  }

  commit() {
    for (const [key, id] of this.pending) this.committed.set(key, id)
    this.pending.clear()
  }

  rollback() {
    this.pending.clear()
  }
}
