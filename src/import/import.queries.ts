import type { Db } from '../db/index.js'

/** Every original address already imported: a second import skips these. */
export async function listSourceUrls(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('article').where('source_url', 'is not', null).select('source_url').execute()
  return rows.map((r) => r.source_url as string)
}

/** What an earlier import of the same site brought in: `key` (e.g. `post:12`) → the Nashra id. */
export async function listOrigins(db: Db, source: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('import_origin').where('source', '=', source).select(['key', 'target_id']).execute()
  return new Map(rows.map((r) => [r.key, r.target_id]))
}

export async function insertOrigins(db: Db, source: string, origins: Map<string, number>): Promise<void> {
  const rows = [...origins].map(([key, target_id]) => ({ source, key, target_id }))
  for (let i = 0; i < rows.length; i += 300) await db.insertInto('import_origin').values(rows.slice(i, i + 300)).execute()
}
