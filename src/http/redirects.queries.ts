import type { Db } from '../db/index.js'

export function findRedirectTarget(db: Db, fromPath: string) {
  return db.selectFrom('redirect').select('to_path').where('from_path', '=', fromPath).executeTakeFirst()
}

/** Inserts the rows whose `from_path` is new; returns how many were. */
export async function insertRedirects(db: Db, rows: { from_path: string; to_path: string; created_at: string }[]): Promise<number> {
  let inserted = 0
  for (let i = 0; i < rows.length; i += 200) {
    const result = await db
      .insertInto('redirect')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.column('from_path').doNothing())
      .executeTakeFirst()
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n)
  }
  return inserted
}

export async function countRedirects(db: Db): Promise<number> {
  const row = await db.selectFrom('redirect').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
