import type { Staff } from './account.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member: set by staffOnly() (newsroom pages) and adminApi() (admin API). */
    staff?: Staff
    /** The newsroom session behind `staff` (pages only): its CSRF token for forms. */
    staffSession?: { csrfToken: string }
  }
}
