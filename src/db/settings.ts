import { sql } from 'kysely'
import type { Db } from './index.js'
import { Precompiled } from './precompiled.js'

// The one owner of the site_setting table: small values (JSON) under namespaced keys
// ('site.name', 'comments.settings', 'content_version'…). Features keep their defaults and
// types; this file only stores and reads.

/** The site_setting table as Kysely sees it. */
export interface SiteSettingTable {
  key: string
  value: string // JSON
}

// Read on every uncached render (the content version, the comment settings): compiled once.
const settingByKey = new Precompiled((db, key: string) => db.selectFrom('site_setting').where('key', '=', key).select('value'))

/** The value stored under `key`, or undefined when none is. */
export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await settingByKey.executeTakeFirst(db, key)
  return row ? (JSON.parse(row.value) as T) : undefined
}

/** The values stored under any of `keys`; keys with nothing stored are absent from the map. */
export async function readSettings(db: Db, keys: readonly string[]): Promise<Map<string, unknown>> {
  if (keys.length === 0) return new Map()
  const rows = await db.selectFrom('site_setting').where('key', 'in', keys).select(['key', 'value']).execute()
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
}

/** Stores `value` under `key`, replacing what was there (an upsert SQLite and PostgreSQL both speak). */
export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value)
  await db
    .insertInto('site_setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute()
}

/** Stores `value` under `key` unless something is stored already (the first of two nodes wins). */
export async function writeSettingOnce(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('site_setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
}

/**
 * A write that changes nothing, for SQLite's writability probe: `delete … where 0` still asks for
 * write access. A new database (no tables yet) is checked by the migrations that create them.
 */
export async function writeNothing(db: Db): Promise<void> {
  const { rows } = await sql`select 1 from sqlite_master where name = 'site_setting'`.execute(db)
  if (rows.length > 0) await sql`delete from site_setting where 0`.execute(db)
}
