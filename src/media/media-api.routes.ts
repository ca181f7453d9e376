import { Type } from '@sinclair/typebox'
import { AppError, Limit, Page, type Routes } from '../http/index.js'
import { adminApi } from '../staff/index.js'
import { listImages, storeImage, type StoredImage } from './media.service.js'
import { acceptImageUploads, UploadBody, uploadFrom, uploadRefusal } from './uploads.js'

const ListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Page(), limit: Limit(100) })

/** The brief's upload answer: `{id, url, width, height, variants: [{width, type, url}]}` (URLs are site paths, as an article's `url`). */
function uploadJson(image: StoredImage) {
  return { id: image.id, url: image.src, width: image.width, height: image.height, variants: image.variants }
}

/** /api/v1/admin/media: upload images and list the library, for scripts (Bearer token, media.upload). */
export const mediaApiRoutes: Routes = async (app) => {
  const { db, config } = app
  app.addHook('onRequest', adminApi('media.upload'))
  await acceptImageUploads(app)

  app.get('/', { schema: { summary: 'مكتبة الصور', querystring: ListQuery } }, async (request) => {
    const { q, page = 1, limit = 20 } = request.query
    const { images, total } = await listImages(db, { q, page, perPage: limit })
    const media = images.map((image) => ({ ...uploadJson(image), alt: image.alt, caption: image.caption, credit: image.credit, createdAt: image.createdAt.toISOString() }))
    return { media, total, page }
  })

  app.post('/', { schema: { summary: 'رفع صورة (multipart: file, alt, caption?, credit?)', body: UploadBody } }, async (request, reply) => {
    try {
      const image = await storeImage(db, config.dataDir, uploadFrom(request), new Date())
      return reply.status(201).send(uploadJson(image))
    } catch (err) {
      const refusal = err instanceof AppError ? uploadRefusal(err) : undefined
      if (!refusal) throw err
      return reply.status(refusal.status).header('cache-control', 'no-store').send(refusal.body)
    }
  })
}
