import { sql } from 'kysely'
import { inTransaction, isPostgres, type Db } from '../db/index.js'

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

/**
 * Records one attempt for both keys, as a failure until it succeeds, unless either key already has
 * its maximum since `since`. Counting and inserting are one statement: SQLite runs it under the
 * write lock, so simultaneous attempts cannot all see the same count (a read, then a write, could).
 * PostgreSQL's READ COMMITTED would let two such statements both see the old count, so there the
 * keys are locked first, for the transaction. True when claimed.
 */
export async function claimLoginAttempt(
  db: Db,
  claim: { ipKey: string; emailKey: string; maxPerIp: number; maxPerEmail: number; since: string; now: string },
): Promise<boolean> {
  const insert = (trx: Db) =>
    sql`insert into login_failure (key, created_at)
      select claimed.key, ${claim.now} from (select ${claim.ipKey} as key union all select ${claim.emailKey} as key) as claimed
      where (select count(*) from login_failure where key = ${claim.ipKey} and created_at > ${claim.since}) < ${claim.maxPerIp}
        and (select count(*) from login_failure where key = ${claim.emailKey} and created_at > ${claim.since}) < ${claim.maxPerEmail}`.execute(trx)
  if (!isPostgres(db)) return Number((await insert(db)).numAffectedRows) > 0
  return inTransaction(db, async (trx) => {
    // Sorted, so two attempts never wait for each other's second lock.
    for (const key of [claim.ipKey, claim.emailKey].sort()) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx)
    return Number((await insert(trx)).numAffectedRows) > 0
  })
}

/** Takes back one claim of `key` made at `at` (rows of one key and time are alike: any one will do). */
export function deleteOneLoginFailure(db: Db, key: string, at: string) {
  const row = isPostgres(db) ? sql.raw('ctid') : sql.raw('rowid')
  return sql`delete from login_failure where ${row} in (select ${row} from login_failure where key = ${key} and created_at = ${at} limit 1)`.execute(db)
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
