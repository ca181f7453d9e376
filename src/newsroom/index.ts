// The newsroom's front door: staff sign-in, the hooks other features put in front of their
// back-office pages, and the back-office layout. A feature's newsroom pages, e.g.:
//
//   export const commentModerationRoutes: FastifyPluginAsync = async (app) => {
//     app.addHook('onRequest', staffOnly('comments.moderate')) // 303 to login / 403 page; sets request.staff
//     app.addHook('preHandler', verifyNewsroomCsrf) // POST/PUT/PATCH/DELETE: origin check + `_csrf`
//     app.get('/', async (request, reply) =>
//       reply.html(NewsroomLayout({ staff: request.staff!, title: 'التعليقات', csrf: newsroomCsrf(request), current: '/newsroom/comments', children: '…' }) as string))
//   }
//   // app.ts: await app.register(commentModerationRoutes, { prefix: '/newsroom/comments' })
//
// Admin API routes use adminApi(permission) from src/http/admin-auth.ts as their onRequest hook.
export type { Staff } from '../people/accounts/index.js'
export { can, isRole, PERMISSIONS, ROLES, roleNames, type Permission, type Role } from '../people/accounts/index.js'
export { newsroomRoutes } from './newsroom.routes.js'
export { loadStaff, newsroomCsrf, noStore, staffOnly, verifyNewsroomCsrf } from './staff-only.js'
export { NewsroomLayout, type NewsroomLayoutProps } from './newsroom-layout.js'
export { NEWSROOM_NAV, type NavItem } from './newsroom-nav.js'
export { endSessionsOf } from './sessions.service.js'
