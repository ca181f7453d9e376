import { loadChrome, pageKey, type Routes } from '../http/index.js'
import { MastheadPage } from './masthead.page.js'
import { listMasthead } from './people.service.js'

export const peopleRoutes: Routes = async (app) => {
  const { db, pageCache } = app
  app.get('/masthead', async (request, reply) =>
    pageCache.serve(request, reply, pageKey(request), async () => {
      const [chrome, people] = await Promise.all([loadChrome(request), listMasthead(db)])
      // Named like the articles' keys (docs/decisions/019): editing a person purges this page too.
      return { body: MastheadPage({ chrome, people }) as string, surrogateKeys: ['masthead', ...people.map((p) => `author-${p.id}`)] }
    }),
  )
}
