import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/index.js'
import type { Staff } from './account.js'
import * as queries from './accounts.queries.js'
import { getAccountByEmail } from './accounts.service.js'
import { isRole } from './roles.js'

const TOKEN_PREFIX = 'nashra_'
const TOUCH_EVERY_MS = 60_000

/** sha256 of a secret we hand out (a token, a session id): what the database keeps instead. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A new admin API token for the account with `email`; the plain token exists only in the return value. */
export async function createApiToken(db: Db, input: { email: string; label?: string }, now: Date) {
  const account = await getAccountByEmail(db, input.email)
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
  const { id } = await queries.insertToken(db, {
    account_id: account.id,
    token_hash: sha256(token),
    label: (input.label ?? '').slice(0, 100),
    created_at: now.toISOString(),
  })
  return { id, token, account }
}

/** The staff member a bearer token belongs to, or undefined (unknown token, disabled account). */
export async function findStaffByToken(db: Db, token: string, now: Date): Promise<Staff | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined
  const row = await queries.findStaffByTokenHash(db, sha256(token))
  if (!row || !isRole(row.role)) return undefined
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await queries.touchToken(db, row.token_id, now.toISOString())
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}

/** Revokes every token of an account; returns how many there were. */
export async function revokeApiTokens(db: Db, accountId: number): Promise<number> {
  const result = await queries.deleteTokensOf(db, accountId)
  return Number(result.numDeletedRows)
}

export interface ApiTokenInfo {
  id: number
  label: string
  createdAt: Date
  lastUsedAt: Date | null
}

/** An account's tokens, oldest first (never the tokens themselves: only their hashes are kept). */
export async function listApiTokens(db: Db, accountId: number): Promise<ApiTokenInfo[]> {
  return (await queries.listTokensOf(db, accountId)).map((t) => ({
    id: t.id,
    label: t.label,
    createdAt: new Date(t.created_at),
    lastUsedAt: t.last_used_at ? new Date(t.last_used_at) : null,
  }))
}

/** Revokes one token of an account; false when it had no such token. */
export async function revokeApiToken(db: Db, accountId: number, tokenId: number): Promise<boolean> {
  return Number((await queries.deleteToken(db, accountId, tokenId)).numDeletedRows) > 0
}
