import type { Db } from '../db/index.js'

const ACCOUNT_COLUMNS = ['account.id', 'account.email', 'account.name', 'account.role', 'account.disabled', 'account.created_at'] as const

export function insertAccount(
  db: Db,
  row: { email: string; name: string; role: string; password_hash: string; created_at: string },
) {
  return db
    .insertInto('account')
    .values({ ...row, updated_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export function findAccountByEmail(db: Db, email: string) {
  return db.selectFrom('account').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst()
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountByEmail>>>

export function findAccountById(db: Db, id: number) {
  return db.selectFrom('account').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/** The one query that reads a password hash: sign-in. */
export function findCredentialsByEmail(db: Db, email: string) {
  return db
    .selectFrom('account')
    .select([...ACCOUNT_COLUMNS, 'account.password_hash'])
    .where('email', '=', email)
    .executeTakeFirst()
}

export function listAccounts(db: Db) {
  return db.selectFrom('account').select(ACCOUNT_COLUMNS).orderBy('account.id').execute()
}

export function updatePassword(db: Db, id: number, passwordHash: string, now: string) {
  return db.updateTable('account').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute()
}

export function setDisabled(db: Db, id: number, disabled: boolean, now: string) {
  return db.updateTable('account').set({ disabled: disabled ? 1 : 0, updated_at: now }).where('id', '=', id).execute()
}

export function setRole(db: Db, id: number, role: string, now: string) {
  return db.updateTable('account').set({ role, updated_at: now }).where('id', '=', id).execute()
}

export function insertToken(db: Db, row: { account_id: number; token_hash: string; label: string; created_at: string }) {
  return db.insertInto('api_token').values(row).returning('id').executeTakeFirstOrThrow()
}

/** The live account behind a token hash (disabled accounts have none). */
export function findStaffByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('account', 'account.id', 'api_token.account_id')
    .select(['api_token.id as token_id', 'api_token.last_used_at', 'account.id', 'account.email', 'account.name', 'account.role'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('account.disabled', '=', 0)
    .executeTakeFirst()
}

export function touchToken(db: Db, tokenId: number, now: string) {
  return db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', tokenId).execute()
}

export function deleteTokensOf(db: Db, accountId: number) {
  return db.deleteFrom('api_token').where('account_id', '=', accountId).executeTakeFirst()
}

export function listTokensOf(db: Db, accountId: number) {
  return db
    .selectFrom('api_token')
    .select(['id', 'label', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute()
}

export function deleteToken(db: Db, accountId: number, tokenId: number) {
  return db.deleteFrom('api_token').where('account_id', '=', accountId).where('id', '=', tokenId).executeTakeFirst()
}
