import { Type } from '@sinclair/typebox'
import { MAX_ID, NotFound, type Routes } from '../http/index.js'
import { shareCardPath } from './share-card-path.js'
import { getShareCard, shareCardFile } from './share-card.service.js'

const CardParams = Type.Object({ file: Type.String({ maxLength: 40 }) })
const CARD_FILE = /^(\d{1,12})-([0-9a-f]{12})\.jpg$/

/**
 * GET /og/<id>-<hash>.jpg: a published article's share card (og:image). The hash is of what the card
 * shows, so the address is immutable: a year in caches. An older hash (the headline changed since the
 * page was shared) is sent to the current card; drafts, unknown ids and malformed names are 404s.
 */
export const shareCardRoutes: Routes = async (app) => {
  const { db, config } = app
  app.get('/og/:file', { schema: { params: CardParams } }, async (request, reply) => {
    const match = CARD_FILE.exec(request.params.file)
    const id = Number(match?.[1])
    if (!match || !(id >= 1 && id <= MAX_ID)) throw new NotFound('not_found')
    const card = await getShareCard(db, id)
    reply.header('surrogate-key', `article-${id}`)
    if (card.hash !== match[2]) return reply.header('cache-control', 'public, max-age=300').redirect(shareCardPath(id, card.text), 302)
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', `"${card.hash}"`)
    if (request.headers['if-none-match'] === `"${card.hash}"`) return reply.status(304).send()
    return reply.type('image/jpeg').send(await shareCardFile(config.dataDir, id, card))
  })
}
