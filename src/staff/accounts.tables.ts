import type { Generated } from 'kysely'

/** A newsroom account: someone who signs in (not a byline; `person_id` links one when there is). */
export interface AccountTable {
  id: Generated<number>
  email: string // lower-case, unique
  name: string
  role: string // a Role; read through isRole()
  password_hash: string // scrypt$N$r$p$salt$hash
  disabled: Generated<number>
  person_id: number | null
  created_at: string
  updated_at: string
}

/** An admin API token; only its sha256 is stored. */
export interface ApiTokenTable {
  id: Generated<number>
  account_id: number
  token_hash: string
  label: Generated<string>
  created_at: string
  last_used_at: string | null
}
