import { Migrator, type Kysely } from 'kysely'
import { migrations } from './migrations/index.js'

/** Applies every pending migration; throws (after rolling back the failed one) when one fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** The names of the migrations this code knows, in order: a database with any other is from a newer Nashra. */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort()
}

/** Undoes the newest applied migration: a database as an older Nashra left it (restore tests). */
export async function migrateDownOne(db: Kysely<any>): Promise<string> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateDown()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return results?.[0]?.migrationName ?? ''
}
