/** A signed-in newsroom session; the cookie holds the id, the table only its sha256. */
export interface StaffSessionTable {
  id_hash: string
  account_id: number
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: string
  user_agent: string
}

/** One failed sign-in, keyed by a hash of the address or of the email (so the table holds no typed text). */
export interface LoginFailureTable {
  key: string
  created_at: string
}
