import type { Db } from '../db/index.js'

export function insertSession(
  db: Db,
  row: { id_hash: string; account_id: number; created_at: string; last_seen_at: string; expires_at: string; ip: string; user_agent: string },
) {
  return db.insertInto('staff_session').values(row).execute()
}

/** A session and its (enabled) account. */
export function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('staff_session')
    .innerJoin('account', 'account.id', 'staff_session.account_id')
    .select([
      'staff_session.last_seen_at',
      'staff_session.expires_at',
      'account.id',
      'account.email',
      'account.name',
      'account.role',
      'account.disabled',
    ])
    .where('staff_session.id_hash', '=', idHash)
    .executeTakeFirst()
}

export function touchSession(db: Db, idHash: string, now: string) {
  return db.updateTable('staff_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
}

export function deleteSession(db: Db, idHash: string) {
  return db.deleteFrom('staff_session').where('id_hash', '=', idHash).executeTakeFirst()
}

export function deleteSessionsOf(db: Db, accountId: number) {
  return db.deleteFrom('staff_session').where('account_id', '=', accountId).executeTakeFirst()
}

export function deleteExpiredSessions(db: Db, now: string, idleBefore: string) {
  return db
    .deleteFrom('staff_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .execute()
}

export function insertLoginFailures(db: Db, keys: string[], now: string) {
  return db
    .insertInto('login_failure')
    .values(keys.map((key) => ({ key, created_at: now })))
    .execute()
}

/** Failure times for `key` since `since`, oldest first. */
export function listLoginFailures(db: Db, key: string, since: string, limit: number) {
  return db
    .selectFrom('login_failure')
    .select('created_at')
    .where('key', '=', key)
    .where('created_at', '>', since)
    .orderBy('created_at', 'asc')
    .limit(limit)
    .execute()
}

export function deleteLoginFailures(db: Db, key: string) {
  return db.deleteFrom('login_failure').where('key', '=', key).execute()
}

export function deleteLoginFailuresBefore(db: Db, before: string) {
  return db.deleteFrom('login_failure').where('created_at', '<=', before).execute()
}
