import type { Routes } from '../http/index.js'
import { newsroomCsrf, staffOnly } from '../staff/index.js'
import { deskFormatter } from './desk-errors.js'
import { NewsroomHomePage } from './home.page.js'
import { homeGroupsOf } from './home.service.js'

/** GET /newsroom: the newsroom home, per role (sign-in and sign-out stay in src/staff). */
export const newsroomHomeRoutes: Routes = async (app) => {
  const format = deskFormatter(app.config.timeZone)
  app.get('/', { onRequest: staffOnly('newsroom.access') }, async (request, reply) => {
    const staff = request.staff!
    const groups = await homeGroupsOf(app.db, staff)
    return reply.html(NewsroomHomePage({ staff, csrf: newsroomCsrf(request), format, groups }) as string)
  })
}
