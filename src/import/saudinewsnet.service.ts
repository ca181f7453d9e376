import { createArticle, ensureSection, ensureTag, getArticle, setArticleStatus, slugify, updateArticle } from '../articles/index.js'
import { bumpContentVersion, pauseForOtherWriters, type Db } from '../db/index.js'
import { ensurePerson, findPersonId } from '../people/index.js'
import { compactSearchIndex } from '../search/index.js'
import { deletePeople, findOrphanPeople, listImported, mapImported, markMerged } from './import.queries.js'
import { CorpusFiles, type PreparedRecord } from './saudinewsnet.files.js'
import type { MappedArticle, SkipReason } from './saudinewsnet.mapper.js'
import { ImportError, ImportFileError } from './saudinewsnet.reader.js'

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

    const summary: ImportSummary = { files: paths.length, read: 0, imported: 0, duplicates: 0, updated: 0, merged: 0, peopleRemoved: 0, skipped: { no_title: 0, no_body: 0 }, seconds: 0 }
    const imported = await outsideFiles((why) => `reading the addresses already imported failed (${why})`, 0, () => listImported(db))
    const seen = new Map(imported.map((r) => [r.url, r.id]))
    const unmapped = new Set(imported.filter((r) => !r.mapped).map((r) => r.url))
    const ids = new IdCache()
    let next = prefetch(files, paths[0])
    for (let i = 0; i < paths.length; i++) {
      try {
        const records = await next!
        next = prefetch(files, paths[i + 1])
        await writeFile(db, paths[i], records, { summary, seen, unmapped, ids, now, update: options.update === true, onProgress: options.onProgress })
      } catch (err) {
        if (err instanceof ImportError) err.filesImported = i
        throw err
      }
      // A file is one transaction (all of it or none); between two, a server waiting to write gets its turn.
      if (i + 1 < paths.length) await pauseForOtherWriters()
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
  onProgress: ImportOptions['onProgress']
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
            await mapImported(trx, record.url, storyId)
            remember(record.url, storyId)
            summary.merged++
          }
        } else if (known !== undefined) {
          if (state.update && state.unmapped.has(record.url)) await mapImported(trx, record.url, known)
          if (state.update && (await remapArticle(trx, known, record.article!, ids, state.now, formerAuthors))) summary.updated++
          else summary.duplicates++
        } else {
          const id = await insertArticle(trx, record.article!, ids, state.now)
          await mapImported(trx, record.url, id)
          remember(record.url, id)
          summary.imported++
        }
        state.onProgress?.(summary.read)
      }
      current = -1
      summary.peopleRemoved += await removeOrphans(trx, formerAuthors, ids)
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

async function insertArticle(trx: Db, article: MappedArticle, ids: IdCache, now: Date): Promise<number> {
  const { id } = await createArticle(
    trx,
    {
      ...(await articleFields(trx, article, ids, now)),
      sectionId: await ids.get('section', article.section.slug, () => ensureSection(trx, article.section.slug, article.section.name)),
      summary: article.summary,
      status: 'published',
      publishedAt: article.publishedAt,
      tagIds: await tagIds(trx, article.tags, ids),
      sourceUrl: article.sourceUrl,
      commentsOpen: true,
    },
    now,
  )
  return id
}

/** What the import decides of an article, new or re-mapped. */
async function articleFields(trx: Db, article: MappedArticle, ids: IdCache, now: Date) {
  const authorIds: number[] = []
  for (const name of article.people) {
    const slug = slugify(name)
    authorIds.push(await ids.get('person', slug, () => ensurePerson(trx, { slug, name }, now)))
  }
  return {
    title: article.title,
    titleAsGiven: true,
    bodyHtml: article.bodyHtml,
    bodyIsSanitized: true, // paragraphsToHtml escaped the text
    dateline: article.dateline,
    authorIds,
    sources: article.sources.map((name) => ({ name, url: null })),
  }
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
