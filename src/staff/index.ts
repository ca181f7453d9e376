// The newsroom's front door: staff accounts, roles, API tokens and sessions; the hooks other
// features put in front of their back-office pages and admin API routes; the back-office layout.
// A feature's newsroom pages, e.g.:
//
//   export const commentModerationRoutes: FastifyPluginAsync = async (app) => {
//     app.addHook('onRequest', staffOnly('comments.moderate')) // 303 to login / 403 page; sets request.staff
//     app.addHook('preHandler', verifyNewsroomCsrf) // POST/PUT/PATCH/DELETE: origin check + `_csrf`
//     app.get('/', async (request, reply) =>
//       reply.html(NewsroomLayout({ staff: request.staff!, title: 'التعليقات', csrf: newsroomCsrf(request), current: '/newsroom/comments', children: '…' }) as string))
//   }
//   // app.ts: await app.register(commentModerationRoutes, { prefix: '/newsroom/comments' })
//
// Admin API routes use adminApi(permission) as their onRequest hook.
export type { Account, Staff } from './account.js'
export { can, isRole, PERMISSIONS, ROLES, roleNames, type Permission, type Role } from './roles.js'
export {
  changePassword,
  createAccount,
  findAccountByEmail,
  getAccount,
  getAccountByEmail,
  isValidEmail,
  listAccounts,
  normalizeEmail,
  setAccountDisabled,
  setAccountRole,
  verifyCredentials,
  type NewAccount,
} from './accounts.service.js'
export { createApiToken, findStaffByToken, listApiTokens, revokeApiToken, revokeApiTokens, sha256, type ApiTokenInfo } from './tokens.service.js'
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js'
export { adminApi } from './admin-auth.js'
export { newsroomRoutes } from './newsroom.routes.js'
export { loadStaff, newsroomCsrf, noStore, staffOnly, verifyNewsroomCsrf } from './staff-only.js'
export { NewsroomLayout, type NewsroomLayoutProps } from './newsroom-layout.js'
export { NEWSROOM_NAV, type NavItem } from './newsroom-nav.js'
export { endSessionsOf } from './sessions.service.js'
export { verifyPassword } from './passwords.js'
export { CheckField, CsrfInput, CsrfOnlyBody, DoneQuery, doneNotice, FormBody, FormMessages, formValues, listHref, ListQuery, MoveBody, Pager, refuseForm, SelectField, TextField, type FormProblem } from './newsroom-forms.js'
