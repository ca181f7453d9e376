import type { FastifyPluginAsync } from 'fastify'
import { countPublishedArticles, listPublishedArticles, PER_PAGE } from '../articles/index.js'
import { ListingPage } from '../articles/listing-page.js'
import { NotFound } from '../errors.js'
import { loadChrome, pageKey } from '../http/page-context.js'
import { PageQuery, pageCount, SlugParams } from '../http/schemas.js'
import { MastheadPage } from './masthead-page.js'
import { getPersonBySlug, listMasthead } from './people.service.js'

export const peopleRoutes: FastifyPluginAsync = async (app) => {
  const { db, pageCache } = app

  app.get('/masthead', async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const [chrome, people] = await Promise.all([loadChrome(request), listMasthead(db)])
      return MastheadPage({ chrome, people }) as string
    }),
  )

  app.get<{ Params: { slug: string }; Querystring: { page?: number } }>(
    '/author/:slug',
    { schema: { params: SlugParams, querystring: PageQuery } },
    async (request, reply) =>
      pageCache.serve(request, reply, pageKey(request), async () => {
        const person = await getPersonBySlug(db, request.params.slug)
        const page = request.query.page ?? 1
        const [articles, total] = await Promise.all([
          listPublishedArticles(db, { personId: person.id }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
          countPublishedArticles(db, { personId: person.id }),
        ])
        const pages = pageCount(total, PER_PAGE)
        if (page > pages) throw new NotFound('not_found')
        const chrome = await loadChrome(request)
        const intro = (
          <div class="person-intro">
            {/* The bio is the listing's description, printed once by ListingPage. */}
            {person.title ? <p class="person-title" safe>{person.title}</p> : ''}
          </div>
        )
        return ListingPage({ chrome, kind: 'الكاتب', title: person.name, description: person.bio || undefined, basePath: person.path, articles, total, page, pages, intro }) as string
      }),
  )
}
