import type { Db } from '../db/index.js'

/** Every original address already imported: a second import skips these. */
export async function listSourceUrls(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('article').where('source_url', 'is not', null).select('source_url').execute()
  return rows.map((r) => r.source_url as string)
}
