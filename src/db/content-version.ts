import type { Db } from './index.js'

// Reader pages are cached (src/http/page-cache.ts). Every content write bumps this version in the
// database, so caches in this process, in other processes (an import from the CLI) and on other
// nodes all see the change.
const KEY = 'content_version'
let localVersion = 0

/** Marks all cached reader pages stale; call inside the write's transaction. */
export async function bumpContentVersion(db: Db): Promise<void> {
  localVersion++
  const value = JSON.stringify(`${Date.now()}-${process.pid}-${localVersion}`)
  await db
    .insertInto('site_setting')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}

/** The current content version: changes whenever any content does. */
export async function readContentVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('site_setting').where('key', '=', KEY).select('value').executeTakeFirst()
  return row?.value ?? '0'
}
