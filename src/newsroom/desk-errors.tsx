import type { FastifyInstance } from 'fastify'
import { AppError, messageFor, replyStatusOf, statusOf, wantsJson } from '../http/index.js'
import { NewsroomLayout, newsroomCsrf, staffOnly, verifyNewsroomCsrf, type Permission, type Staff } from '../staff/index.js'
import { formatter, type Formatter } from '../views/index.js'

/** Dates and numbers on desk pages: Arabic, Latin digits (as the comment queue), the newsroom's zone. */
export function deskFormatter(timeZone: string): Formatter {
  return formatter({ locale: 'ar', digits: 'latn', timeZone })
}

function DeskErrorPage({ staff, csrf, status, message }: { staff: Staff; csrf: string; status: number; message: string }) {
  const title = status === 404 ? 'غير موجودة' : status === 403 ? 'غير مسموح' : 'تعذّر الطلب'
  return (
    <NewsroomLayout staff={staff} title={title} csrf={csrf}>
      <section class="nr-panel" aria-labelledby="error-heading">
        <h1 id="error-heading">{title}</h1>
        <p class="nr-error" role="alert" safe>
          {message}
        </p>
        <p>
          <a href="/newsroom/articles">العودة إلى المقالات</a> · <a href="/newsroom">الرئيسية</a>
        </p>
      </section>
    </NewsroomLayout>
  )
}

/**
 * A desk page's typed refusal (a missing article, someone else's draft) as a newsroom page with
 * its header; JSON clients, unknown errors and requests without a session go on to the app's
 * error handler (src/http/error-handler.ts), as does the status each error maps to.
 */
export function installDeskErrorPage(app: FastifyInstance): void {
  app.setErrorHandler(async (err: Error, request, reply) => {
    if (!(err instanceof AppError) || wantsJson(request) || !request.staff || statusOf(err) >= 500) throw err
    const page = DeskErrorPage({ staff: request.staff, csrf: newsroomCsrf(request), status: statusOf(err), message: messageFor(err.code) })
    return replyStatusOf(reply, err).html(page as string)
  })
}

/** Every desk plugin's guard: `permission` on every route, CSRF on every POST, refusals as desk pages; its date formatter. */
export function deskPages(app: FastifyInstance, permission: Permission): Formatter {
  app.addHook('onRequest', staffOnly(permission))
  app.addHook('preHandler', verifyNewsroomCsrf)
  installDeskErrorPage(app)
  return deskFormatter(app.config.timeZone)
}
