import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError, errorBody, IdParam, messageFor, NotFound, Page, pageCount, replyStatusOf, type Routes } from '../http/index.js'
import { newsroomCsrf, staffOnly, verifyNewsroomCsrf } from '../staff/index.js'
import { formatter } from '../views/index.js'
import { MediaEditPage } from './media-edit.page.js'
import { MediaLibraryPage, type FieldError } from './media-library.page.js'
import { getImage, listImages, storeImage, updateImageText, type StoredImage } from './media.service.js'
import { acceptImageUploads, UploadBody, uploadFields, uploadFrom, uploadRefusal, type UploadFields } from './uploads.js'

const GRID_PER_PAGE = 24
const PICKER_PER_PAGE = 24
const Q = Type.Optional(Type.String({ maxLength: 200 }))
const LibraryQuery = Type.Object({ q: Q, page: Page(), uploaded: Type.Optional(Type.Unknown()) })
const PickerQuery = Type.Object({ q: Q, page: Page() })
const EditQuery = Type.Object({ saved: Type.Optional(Type.Unknown()) })
const EditBody = Type.Object({ alt: Type.Optional(Type.Unknown()), caption: Type.Optional(Type.Unknown()), credit: Type.Optional(Type.Unknown()), _csrf: Type.Optional(Type.Unknown()) })
const NO_FIELDS: UploadFields = { alt: '', caption: '', credit: '' }

/** The editor's picker item (docs: notes/editor-contract.md). */
function pickerJson(image: StoredImage) {
  return { id: image.id, url: image.src, srcset: image.srcset, alt: image.alt, caption: image.caption, credit: image.credit, width: image.width, height: image.height }
}

/** A refused form's status: 415 or 413 for the file, as the API answers; else the error's own. */
function refusedStatus(reply: FastifyReply, err: AppError): FastifyReply {
  const refusal = uploadRefusal(err)
  return refusal ? reply.status(refusal.status) : replyStatusOf(reply, err)
}

const fieldError = (err: AppError): FieldError => ({ field: err.field, message: messageFor(err.code, err.field) })

/**
 * /newsroom/media (media.upload): the library's pages (grid, search, upload form, edit page) and the
 * JSON the article editor's picker uses (`/newsroom/media.json`). Registered with the prefix /newsroom.
 */
export const mediaLibraryRoutes: Routes = async (app) => {
  const { db, config } = app
  app.addHook('onRequest', staffOnly('media.upload'))
  app.addHook('preHandler', verifyNewsroomCsrf)
  await acceptImageUploads(app)
  const format = formatter({ locale: 'ar', digits: 'latn', timeZone: config.timeZone })

  async function library(request: FastifyRequest, reply: FastifyReply, view: { q?: string; page?: number; form?: UploadFields; error?: FieldError; notice?: string }) {
    const q = (view.q ?? '').trim()
    const page = view.page ?? 1
    const { images, total } = await listImages(db, { q, page, perPage: GRID_PER_PAGE })
    const pages = pageCount(total, GRID_PER_PAGE)
    if (page > pages) throw new NotFound('not_found')
    const props = { staff: request.staff!, csrf: newsroomCsrf(request), format, images, total, page, pages, q }
    return reply.html(MediaLibraryPage({ ...props, form: view.form ?? NO_FIELDS, error: view.error, notice: view.notice }) as string)
  }

  app.get('/media', { schema: { querystring: LibraryQuery } }, async (request, reply) => {
    const notice = request.query.uploaded !== undefined ? 'رُفعت الصورة وصُنعت نسخها بمقاساتها، وهي أول المكتبة.' : undefined
    return library(request, reply, { q: request.query.q, page: request.query.page, notice })
  })

  app.post('/media', { schema: { body: UploadBody } }, async (request, reply) => {
    try {
      await storeImage(db, config.dataDir, uploadFrom(request), new Date())
      return reply.redirect('/newsroom/media?uploaded=1', 303)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      refusedStatus(reply, err)
      return library(request, reply, { form: uploadFields(request.body), error: fieldError(err) })
    }
  })

  app.get('/media/:id', { schema: { params: IdParam, querystring: EditQuery } }, async (request, reply) => {
    const image = await getImage(db, request.params.id)
    const notice = request.query.saved !== undefined ? 'حُفظ وصف الصورة.' : undefined
    const form = { alt: image.alt, caption: image.caption, credit: image.credit }
    return reply.html(MediaEditPage({ staff: request.staff!, csrf: newsroomCsrf(request), format, image, form, notice }) as string)
  })

  app.post('/media/:id', { schema: { params: IdParam, body: EditBody } }, async (request, reply) => {
    try {
      await updateImageText(db, request.params.id, request.body)
      return reply.redirect(`/newsroom/media/${request.params.id}?saved=1`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err instanceof NotFound) throw err
      const image = await getImage(db, request.params.id)
      replyStatusOf(reply, err)
      return reply.html(MediaEditPage({ staff: request.staff!, csrf: newsroomCsrf(request), format, image, form: uploadFields(request.body), error: fieldError(err) }) as string)
    }
  })

  app.get('/media.json', { schema: { querystring: PickerQuery } }, async (request) => {
    const page = request.query.page ?? 1
    const { images, total } = await listImages(db, { q: request.query.q, page, perPage: PICKER_PER_PAGE })
    return { media: images.map(pickerJson), page, total }
  })

  // Always JSON, whatever the Accept header: the editor shows `message` by `field`.
  app.post('/media.json', { schema: { body: UploadBody } }, async (request, reply) => {
    try {
      const image = await storeImage(db, config.dataDir, uploadFrom(request), new Date())
      return reply.status(201).send(pickerJson(image))
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      const refusal = uploadRefusal(err)
      if (refusal) return reply.status(refusal.status).send(refusal.body)
      return replyStatusOf(reply, err).send(errorBody(err.code, err.field))
    }
  })
}
