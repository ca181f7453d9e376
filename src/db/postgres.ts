import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from './database.js'

/** PostgreSQL through node-postgres; loaded only when DATABASE_URL says postgres://. */
export async function openPostgres(url: string): Promise<Kysely<Database>> {
  let pg: typeof import('pg')
  try {
    pg = (await import('pg')).default as unknown as typeof import('pg')
  } catch {
    throw new Error('DATABASE_URL names PostgreSQL but the "pg" package is not installed (npm install pg)')
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
