import { Conflict, Invalid, NotFound } from '../http/index.js'
import type { Db } from '../db/index.js'
import type { Account, Staff } from './account.js'
import * as queries from './accounts.queries.js'
import { decoyPasswordHash, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js'
import { isRole } from './roles.js'

export interface NewAccount {
  email: string
  name: string
  role: string
  password: string
}

// Deliberately plain: one @, no spaces or characters that need quoting in an address, a dot in
// the domain, a top-level domain of two characters or more. Delivery is the real test. The one
// pattern for every email Nashra takes: newsroom accounts and commenters (comments imports it).
const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]{2,}$/u

/** Trimmed and lower-cased: the one spelling stored and looked up. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** At most 254 characters (RFC 5321's limit on a path) in the plain shape above. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email)
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Invalid('password_too_short', 'password')
  if (password.length > MAX_PASSWORD_LENGTH) throw new Invalid('invalid_parameter', 'password')
}

export async function createAccount(db: Db, input: NewAccount, now: Date): Promise<Account> {
  const email = normalizeEmail(input.email)
  const name = input.name.trim()
  if (!isValidEmail(email)) throw new Invalid('invalid_email', 'email')
  if (!name || name.length > 100) throw new Invalid('invalid_parameter', 'name')
  if (!isRole(input.role)) throw new Invalid('invalid_role', 'role')
  checkPassword(input.password)
  const passwordHash = await hashPassword(input.password)
  if (await queries.findAccountByEmail(db, email)) throw new Conflict('account_exists', 'email')
  try {
    await queries.insertAccount(db, { email, name, role: input.role, password_hash: passwordHash, created_at: now.toISOString() })
  } catch (err) {
    // Two creations racing for one email: the unique index decides.
    if (await queries.findAccountByEmail(db, email)) throw new Conflict('account_exists', 'email')
    throw err
  }
  return getAccountByEmail(db, email)
}

export async function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  const row = await queries.findAccountByEmail(db, normalizeEmail(email))
  return row && toAccount(row)
}

export async function getAccountByEmail(db: Db, email: string): Promise<Account> {
  const account = await findAccountByEmail(db, email)
  if (!account) throw new NotFound('account_not_found', 'email')
  return account
}

export async function getAccount(db: Db, id: number): Promise<Account> {
  const row = await queries.findAccountById(db, id)
  if (!row) throw new NotFound('account_not_found')
  return toAccount(row)
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return (await queries.listAccounts(db)).map(toAccount)
}

/**
 * The staff member whose email and password match, or undefined. Unknown emails, disabled
 * accounts and wrong passwords look alike and take about as long (a decoy hash is verified).
 */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<Staff | undefined> {
  if (password.length > MAX_PASSWORD_LENGTH) return undefined
  const row = await queries.findCredentialsByEmail(db, normalizeEmail(email))
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyPasswordHash()))
  if (!row || !ok || row.disabled || !isRole(row.role)) return undefined
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}

export async function changePassword(db: Db, accountId: number, password: string, now: Date): Promise<void> {
  checkPassword(password)
  await queries.updatePassword(db, accountId, await hashPassword(password), now.toISOString())
}

/** `by`: the account doing it, when a person does; nobody disables their own account (Conflict 'own_account'). */
export async function setAccountDisabled(db: Db, accountId: number, disabled: boolean, now: Date, by?: number): Promise<void> {
  if (disabled && by === accountId) throw new Conflict('own_account', 'disabled')
  await queries.setDisabled(db, accountId, disabled, now.toISOString())
}

/** A new role, in effect from the account's next request; nobody changes their own (Conflict 'own_account'). */
export async function setAccountRole(db: Db, accountId: number, role: string, now: Date, by?: number): Promise<Account> {
  if (!isRole(role)) throw new Invalid('invalid_role', 'role')
  const account = await getAccount(db, accountId)
  if (account.role === role) return account
  if (by === accountId) throw new Conflict('own_account', 'role')
  await queries.setRole(db, accountId, role, now.toISOString())
  return getAccount(db, accountId)
}

function toAccount(row: queries.AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: new Date(row.created_at),
  }
}
