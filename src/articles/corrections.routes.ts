import { loadChrome, NotFound, pageCount, pageKey, PageQuery, type Routes } from '../http/index.js'
import { PER_PAGE } from './articles.routes.js'
import { CORRECTIONS_PATH, CorrectionsPage } from './corrections.page.js'
import { listAllCorrections } from './corrections.service.js'

/** `/corrections`: every correction and reply, newest first, paginated and cached like the listings. */
export const correctionRoutes: Routes = async (app) => {
  const { db, pageCache } = app
  app.get(CORRECTIONS_PATH, { schema: { querystring: PageQuery } }, async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const page = request.query.page ?? 1
      const { corrections, total } = await listAllCorrections(db, page, PER_PAGE)
      const pages = pageCount(total, PER_PAGE)
      if (page > pages) throw new NotFound('not_found')
      const body = CorrectionsPage({ chrome: await loadChrome(request), corrections, page, pages }) as string
      return { body, surrogateKeys: ['corrections', ...corrections.map((c) => `article-${c.article.id}`)] }
    }),
  )
}
