import { articleBulkWriter, createArticle, ensureSection, ensureTag, getArticle, setArticleStatus, slugify, updateArticle, type ArticleBulkWriter } from '../articles/index.js'
import { bumpContentVersion, pauseForOtherWriters, sqliteHandleOf, waitWhileServerBusy, type Db } from '../db/index.js'
import { ensurePerson, findPersonId } from '../people/index.js'
import { compactSearchIndex, indexInBulk, type IndexColumns } from '../search/index.js'
import { deletePeople, findOrphanPeople, listImported, mapImported, mapImportedStatement, markMerged } from './import.queries.js'
import { CorpusFiles, type PreparedRecord } from './saudinewsnet.files.js'
import type { MappedArticle, SkipReason } from './saudinewsnet.mapper.js'
import { ImportError, ImportFileError } from './saudinewsnet.reader.js'
import { newArticleInput, storedText, type PrecomputedArticle } from './saudinewsnet.rows.js'

export interface ImportSummary {
  files: number
  /** Records read from the files. */
  read: number
  imported: number
  /** Already in the database (same original URL, byte for byte) or repeated in the input; with `update`, left as they were. */
  duplicates: number
  /** With `update`: articles already imported whose stored text, byline or tags changed. */
  updated: number
  /** Continuations folded into the story they continue. */
  merged: number
  /** With `update`: people whose byline no longer names them on any article, removed. */
  peopleRemoved: number
  skipped: Record<SkipReason, number>
  seconds: number
}

export interface ImportOptions {
  now?: Date
  /** Re-map articles already imported (matched by original URL), keeping their ids and URLs. */
  update?: boolean
  /** Called once with the number of records to go through, then after each record. */
  onStart?: (total: number) => void
  onProgress?: (done: number) => void
  /** Write new articles one by one through `createArticle`, as before the bulk writer (its tests compare the two). */
  perArticle?: boolean
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
    const bulk = options.update || options.perArticle ? undefined : bulkWriters(db)
    // Nothing starts while readers keep a server busy (decision 032 and 038): preparing the first
    // file is seconds of CPU in a reader thread, which began at once and showed in a saturated site's p99.
    await waitWhileServerBusy(db)
    // As many files read ahead as there are readers, so none waits while the main thread writes.
    // The first is prepared by the last reader while the first checks the files: preparing writes nothing.
    const ahead = [prefetch(db, files, paths[0], bulk && now)]
    // Checking pass: throws ImportFileError naming the first bad file. Records are read again
    // rather than kept, so memory holds a few files at a time (one per reader, and the one written).
    // Every file is a step that waits while readers keep a server busy (decision 032 and 038).
    let total = 0
    for (const path of paths) {
      await waitWhileServerBusy(db)
      total += await files.check(path)
    }
    options.onStart?.(total)
    for (const path of paths.slice(1, files.readers)) ahead.push(prefetch(db, files, path, bulk && now))

    const summary: ImportSummary = { files: paths.length, read: 0, imported: 0, duplicates: 0, updated: 0, merged: 0, peopleRemoved: 0, skipped: { no_title: 0, no_body: 0 }, seconds: 0 }
    const imported = await outsideFiles((why) => `reading the addresses already imported failed (${why})`, 0, () => listImported(db))
    const seen = new Map(imported.map((r) => [r.url, r.id]))
    const unmapped = new Set(imported.filter((r) => !r.mapped).map((r) => r.url))
    const ids = new IdCache()
    for (let i = 0; i < paths.length; i++) {
      try {
        const records = await ahead.shift()!
        if (i + files.readers < paths.length) ahead.push(prefetch(db, files, paths[i + files.readers], bulk && now))
        await writeFile(db, paths[i], records, { summary, seen, unmapped, ids, now, update: options.update === true, bulk, onProgress: options.onProgress })
      } catch (err) {
        if (err instanceof ImportError) err.filesImported = i
        throw err
      }
      // A file is one transaction (all of it or none); between two, a server waiting to write gets its turn.
      if (i + 1 < paths.length) await pauseForOtherWriters(db)
    }
    const compactFailed = (why: string) => `merging the search index failed (${why}); searches work, more slowly, until \`nashra reindex\``
    if (summary.imported + summary.updated > 0) await outsideFiles(compactFailed, paths.length, () => compactSearchIndex(db))
    summary.seconds = (performance.now() - started) / 1000
    return summary
  } finally {
    await files.close()
  }
}

interface WriteState {
  summary: ImportSummary
  /** Original URL → article id, for everything imported. */
  seen: Map<string, number>
  /** Of those, the ones not in article_import (stored by another path): an update adds them. */
  unmapped: Set<string>
  ids: IdCache
  now: Date
  update: boolean
  /** New articles written with prepared statements (SQLite, not `update`): see bulkWriters. */
  bulk: BulkWriters | undefined
  onProgress: ImportOptions['onProgress']
}

interface BulkWriters {
  opened: Db
  articles: ArticleBulkWriter
  mapImported: (url: string, id: number) => void
}

/**
 * On SQLite, new articles are written with prepared statements on the connection of the file's
 * transaction, their rows and index columns computed by the reader threads, and indexed together
 * at the end of the file: the same rows as `createArticle` and its search listener write one by
 * one (scripts/compare-imports.mjs, decision 026), in a fraction of the time.
 */
function bulkWriters(db: Db): BulkWriters | undefined {
  const sqlite = sqliteHandleOf(db)
  if (!sqlite) return undefined
  return { opened: db, articles: articleBulkWriter(sqlite), mapImported: mapImportedStatement(sqlite) }
}

/**
 * One file's articles in one transaction. A failure names the file and the article being written
 * (none for a failed commit), and leaves nothing of the file: the transaction, the addresses seen
 * and the ids cached are all undone.
 */
async function writeFile(db: Db, path: string, records: PreparedRecord[], state: WriteState): Promise<void> {
  const { summary, seen, ids } = state
  const counts = { ...summary, skipped: { ...summary.skipped } }
  const seenBefore = new Map<string, number | undefined>()
  // Continuations last: the story they fold into has its id by then.
  const ordered = [...records.keys()].sort((a, b) => Number(!!records[a].mergedInto) - Number(!!records[b].mergedInto) || a - b)
  let current = -1
  try {
    await db.transaction().execute(async (trx) => {
      const formerAuthors = new Set<string>()
      const bulk = state.bulk
      const indexed: { id: number; columns: IndexColumns }[] = []
      const map = bulk ? async (url: string, id: number) => bulk.mapImported(url, id) : (url: string, id: number) => mapImported(trx, url, id)
      const remember = (url: string, id: number) => {
        if (!seenBefore.has(url)) seenBefore.set(url, seen.get(url))
        seen.set(url, id)
      }
      for (const index of ordered) {
        current = index
        const record = records[index]
        const known = seen.get(record.url)
        summary.read++
        if (record.skip) summary.skipped[record.skip]++
        else if (record.mergedInto) {
          const storyId = seen.get(record.mergedInto)!
          if (known === storyId || (known !== undefined && !state.update)) summary.duplicates++
          else {
            if (known !== undefined && state.update) await foldIntoStory(trx, known, storyId, state.now)
            await map(record.url, storyId)
            remember(record.url, storyId)
            summary.merged++
          }
        } else if (known !== undefined) {
          if (state.update && state.unmapped.has(record.url)) await mapImported(trx, record.url, known)
          if (state.update && (await remapArticle(trx, known, record.article!, ids, state.now, formerAuthors))) summary.updated++
          else summary.duplicates++
        } else {
          const id =
            bulk && record.precomputed
              ? await insertInBulk(trx, bulk.articles, record.article!, record.precomputed, ids, state.now)
              : await insertArticle(trx, record.article!, ids, state.now)
          await map(record.url, id)
          if (record.precomputed) indexed.push({ id, columns: record.precomputed.columns })
          remember(record.url, id)
          summary.imported++
        }
        state.onProgress?.(summary.read)
      }
      current = -1
      summary.peopleRemoved += await removeOrphans(trx, formerAuthors, ids)
      if (bulk && indexed.length > 0) {
        await bumpContentVersion(trx)
        await indexInBulk(trx, bulk.opened, indexed) // last: see indexInBulkSqlite
      }
    })
  } catch (err) {
    Object.assign(summary, counts)
    for (const [url, id] of seenBefore) {
      if (id === undefined) seen.delete(url)
      else seen.set(url, id)
    }
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

/** A file read ahead while the current one is written, by a reader once no server it yields to is busy with readers. */
function prefetch(db: Db, files: CorpusFiles, path: string, now: Date | undefined): Promise<PreparedRecord[]> {
  const records = waitWhileServerBusy(db).then(() => files.prepare(path, now))
  records.catch(() => undefined) // awaited later; an import that fails first must not leave it unhandled
  return records
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

async function insertArticle(trx: Db, article: MappedArticle, ids: IdCache, now: Date): Promise<number> {
  const { id } = await createArticle(
    trx,
    {
      ...newArticleInput(article),
      authorIds: await authorIds(trx, article, ids, now),
      sectionId: await sectionId(trx, article, ids),
      tagIds: await tagIds(trx, article.tags, ids),
    },
    now,
  )
  return id
}

/** The same article as insertArticle writes, through the bulk writer; its index entry is written with the file's. */
async function insertInBulk(trx: Db, writer: ArticleBulkWriter, article: MappedArticle, precomputed: PrecomputedArticle, ids: IdCache, now: Date): Promise<number> {
  const row = { ...precomputed.row, section_id: await sectionId(trx, article, ids) }
  const input = { row, authorIds: await authorIds(trx, article, ids, now), tagIds: await tagIds(trx, article.tags, ids), sources: storedText(article).sources }
  return writer.insert(input, now)
}

function sectionId(trx: Db, article: MappedArticle, ids: IdCache): Promise<number> {
  return ids.get('section', article.section.slug, () => ensureSection(trx, article.section.slug, article.section.name))
}

async function authorIds(trx: Db, article: MappedArticle, ids: IdCache, now: Date): Promise<number[]> {
  const result: number[] = []
  for (const name of article.people) {
    const slug = slugify(name)
    result.push(await ids.get('person', slug, () => ensurePerson(trx, { slug, name }, now)))
  }
  return result
}

/** What the import decides of an article, new or re-mapped. */
async function articleFields(trx: Db, article: MappedArticle, ids: IdCache, now: Date) {
  return { ...storedText(article), authorIds: await authorIds(trx, article, ids, now) }
}

async function tagIds(trx: Db, names: string[], ids: IdCache): Promise<number[]> {
  const result: number[] = []
  for (const name of names) {
    const slug = slugify(name)
    result.push(await ids.get('tag', slug, () => ensureTag(trx, slug, name)))
  }
  return result
}

/** The ids of tags an article has (found by slug: a newsroom's tag keeps its own slug). */
async function keptTagIds(trx: Db, tags: { slug: string; name: string }[], ids: IdCache): Promise<number[]> {
  const result: number[] = []
  for (const tag of tags) result.push(await ids.get('tag', tag.slug, () => ensureTag(trx, tag.slug, tag.name)))
  return result
}

/**
 * An article imported before, re-mapped from its record: headline, body, dateline, byline and
 * sources as the importer now reads them; tags added to the ones it has; a dek when it has none.
 * Its id, slug (so its URL), section, status and dates stay. Nothing is written when nothing
 * differs, so a second update changes nothing. Returns whether it changed; the slugs of the
 * people it no longer names go into `formerAuthors`.
 */
async function remapArticle(trx: Db, id: number, article: MappedArticle, ids: IdCache, now: Date, formerAuthors: Set<string>): Promise<boolean> {
  const current = await getArticle(trx, id)
  const fields = await articleFields(trx, article, ids, now)
  const tagSlugs = [...new Set([...current.tags.map((t) => t.slug), ...article.tags.map((t) => slugify(t))])]
  const authorSlugs = article.people.map((name) => slugify(name))
  const summary = current.summary || article.summary
  const same =
    current.title === fields.title &&
    current.bodyHtml === fields.bodyHtml &&
    current.summary === summary &&
    current.dateline === fields.dateline &&
    sameList(current.authors.map((a) => a.slug), authorSlugs) &&
    sameSet(current.tags.map((t) => t.slug), tagSlugs) &&
    sameList(current.sources.map((s) => s.name), article.sources)
  if (same) return false
  for (const author of current.authors) if (!authorSlugs.includes(author.slug)) formerAuthors.add(author.slug)
  await updateArticle(
    trx,
    id,
    {
      ...fields,
      slug: current.slug,
      summary,
      sectionId: current.section.id,
      status: current.status,
      publishedAt: current.publishedAt,
      imageId: current.image?.id ?? null,
      isUrgent: current.isUrgent,
      commentsOpen: current.commentsOpen,
      sourceUrl: current.sourceUrl,
      tagIds: [...new Set([...(await keptTagIds(trx, current.tags, ids)), ...(await tagIds(trx, article.tags, ids))])],
    },
    now,
  )
  return true
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && b.every((x) => a.includes(x))
}

/** A continuation imported as its own article before: taken off the site, its address sent to its story. */
async function foldIntoStory(trx: Db, id: number, storyId: number, now: Date): Promise<void> {
  if (id === storyId) return
  const current = await getArticle(trx, id)
  if (current.status === 'published') await setArticleStatus(trx, id, 'unpublished', now)
  await markMerged(trx, id, storyId)
}

/** People a re-mapped byline dropped, deleted when nothing else names them. */
async function removeOrphans(trx: Db, slugs: Set<string>, ids: IdCache): Promise<number> {
  const candidates: number[] = []
  for (const slug of slugs) {
    const id = await findPersonId(trx, slug)
    if (id !== undefined) candidates.push(id)
  }
  const orphans = await findOrphanPeople(trx, candidates)
  for (const slug of slugs) ids.forget('person', slug)
  if (orphans.length > 0) {
    await deletePeople(trx, orphans)
    await bumpContentVersion(trx)
  }
  return orphans.length
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

  /** A row deleted: the next use looks it up (or creates it) again. */
  forget(kind: string, slug: string) {
    this.pending.delete(`${kind}:${slug}`)
    this.committed.delete(`${kind}:${slug}`)
  }

  commit() {
    for (const [key, id] of this.pending) this.committed.set(key, id)
    this.pending.clear()
  }

  rollback() {
    this.pending.clear()
  }
}
