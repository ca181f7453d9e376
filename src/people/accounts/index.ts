export type { Account, Staff } from './account.js'
export { can, isRole, PERMISSIONS, ROLES, roleNames, type Permission, type Role } from './roles.js'
export {
  changePassword,
  createAccount,
  findAccountByEmail,
  getAccountByEmail,
  isValidEmail,
  listAccounts,
  normalizeEmail,
  setAccountDisabled,
  verifyCredentials,
  type NewAccount,
} from './accounts.service.js'
export { createApiToken, findStaffByToken, revokeApiTokens, sha256 } from './tokens.service.js'
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js'
