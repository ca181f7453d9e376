import type { Db } from './index.js'
import { readSetting, writeSetting } from './settings.js'

// Reader pages are cached (src/http/page-cache.ts). Every content write bumps this version in the
// database, so caches in this process, in other processes (an import from the CLI) and on other
// nodes all see the change. This process's own writes are also counted in memory, so its caches
// read the stored version again at once instead of within a second.
const KEY = 'content_version'
let localChanges = 0

/** Marks all cached reader pages stale; call inside the write's transaction. */
export async function bumpContentVersion(db: Db): Promise<void> {
  localChanges++
  await writeSetting(db, KEY, `${Date.now()}-${process.pid}-${localChanges}`)
}

/** How many times this process has bumped the version: when it moves, the stored version is worth reading again. */
export function contentChanges(): number {
  return localChanges
}

/** The current content version: changes whenever any content does. */
export async function readContentVersion(db: Db): Promise<string> {
  return (await readSetting<string>(db, KEY)) ?? '0'
}
