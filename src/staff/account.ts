import type { Role } from './roles.js'

/** A newsroom account as other features see it (never with its password hash). */
export interface Account {
  id: number
  email: string
  name: string
  /** A Role, or a role this version does not know (which can() grants nothing). */
  role: string
  disabled: boolean
  createdAt: Date
}

/** The signed-in staff member on a request (`request.staff`). */
export interface Staff {
  id: number
  email: string
  name: string
  role: Role
}
