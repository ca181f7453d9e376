import { loadChrome, pageKey, type Routes } from '../http/index.js'
import { MastheadPage } from './masthead.page.js'
import { listMasthead } from './people.service.js'

export const peopleRoutes: Routes = async (app) => {
  const { db, pageCache } = app
  app.get('/masthead', async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const [chrome, people] = await Promise.all([loadChrome(request), listMasthead(db)])
      return MastheadPage({ chrome, people }) as string
    }),
  )
}
