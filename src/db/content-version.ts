import type { Db } from './index.js'
import { readSettings, readSetting, writeSetting } from './settings.js'

// Reader pages are cached (src/http/page-cache.ts). Every content write bumps this version in the
// database, so caches in this process, in other processes (an import from the CLI) and on other
// nodes all see the change. This process's own writes are also counted in memory, so its caches
// read the stored version again at once instead of within a second.
const KEY = 'content_version'
// Related-article lists have a version of their own: when only they change, a cached article page
// is still right about its story, so it is served while it is rendered again (page-cache.ts).
const RELATED_KEY = 'related_version'
let localChanges = 0

/** Marks all cached reader pages stale; call inside the write's transaction. */
export async function bumpContentVersion(db: Db): Promise<void> {
  localChanges++
  await writeSetting(db, KEY, `${Date.now()}-${process.pid}-${localChanges}`)
}

/** Marks the related-article lists of cached article pages out of date (new lists were stored). */
export async function bumpRelatedVersion(db: Db): Promise<void> {
  localChanges++
  await writeSetting(db, RELATED_KEY, `${Date.now()}-${process.pid}-${localChanges}`)
}

/** How many times this process has bumped a version: when it moves, the stored versions are worth reading again. */
export function contentChanges(): number {
  return localChanges
}

/** The current content version: changes whenever any content does. */
export async function readContentVersion(db: Db): Promise<string> {
  return (await readSetting<string>(db, KEY)) ?? '0'
}

/** The versions a cached page depends on: the content's, and the related lists' (`bumpRelatedVersion`). */
export interface PageVersions {
  content: string
  related: string
}

/** Both versions, in one read. */
export async function readPageVersions(db: Db): Promise<PageVersions> {
  const stored = await readSettings(db, [KEY, RELATED_KEY])
  return { content: (stored.get(KEY) as string | undefined) ?? '0', related: (stored.get(RELATED_KEY) as string | undefined) ?? '0' }
}
