import { createArticle, ensureSection, slugify } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { ensurePerson } from '../people/index.js'
import { listSourceUrls } from './import.queries.js'
import { mapRecord, skipReason, type MappedArticle, type SkipReason } from './saudinewsnet.mapper.js'
import { ImportFileError, readSaudiNewsNetFile } from './saudinewsnet.reader.js'

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
 * it or none of it), and articles whose original URL is already stored are left alone.
 */
export async function importSaudiNewsNet(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now()
  const now = options.now ?? new Date()
  // Checking pass: throws ImportFileError naming the first bad file. Records are read again below
  // rather than kept, so memory holds one file at a time.
  const counts = paths.map((path) => readSaudiNewsNetFile(path).length)
  options.onStart?.(counts.reduce((a, b) => a + b, 0))

  const summary: ImportSummary = { files: paths.length, read: 0, imported: 0, duplicates: 0, skipped: { no_title: 0, no_body: 0 }, seconds: 0 }
  const seen = new Set(await listSourceUrls(db))
  const ids = new IdCache()
  for (const path of paths) {
    const records = readAgain(path)
    const seenInFile: string[] = []
    await db.transaction().execute(async (trx) => {
      for (const record of records) {
        summary.read++
        const skip = skipReason(record)
        if (skip) summary.skipped[skip]++
        else if (seen.has(record.url)) summary.duplicates++
        else {
          await insertArticle(trx, mapRecord(record), ids, now)
          seen.add(record.url)
          seenInFile.push(record.url)
          summary.imported++
        }
        options.onProgress?.(summary.read)
      }
    }).catch((err) => {
      for (const url of seenInFile) seen.delete(url)
      ids.rollback()
      throw err
    })
    ids.commit()
  }
  summary.seconds = (performance.now() - started) / 1000
  return summary
}

/** A file that passed the check but fails now changed in between; the files before it are in. */
function readAgain(path: string) {
  try {
    return readSaudiNewsNetFile(path)
  } catch (err) {
    if (err instanceof ImportFileError) err.nothingImported = false
    throw err
  }
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
