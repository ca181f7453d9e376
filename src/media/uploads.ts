import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError, Invalid, messageFor, type ErrorCode } from '../http/index.js'
import { MAX_IMAGE_BYTES } from './image-encode.js'
import type { ImageUpload } from './media.service.js'

/** What a file part past MAX_IMAGE_BYTES leaves in the body instead of its (cut) bytes. */
const TOO_LARGE = Object.freeze({ tooLarge: true })

/**
 * Multipart for the calling plugin's routes only (not the whole site): one file of up to
 * MAX_IMAGE_BYTES and a few short fields, all read into `request.body` before the preHandler
 * hooks, so the newsroom's CSRF check sees the form's `_csrf` as it does on any other form.
 */
export async function acceptImageUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // A file past the limit is cut and marked, not thrown mid-parse: the form can come back with what was typed.
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 8, parts: 10, fieldSize: 16 * 1024, fieldNameSize: 100, headerPairs: 100 },
    async onFile(part: MultipartFile & { value?: unknown }) {
      const data = await part.toBuffer()
      part.value = part.file.truncated ? TOO_LARGE : data
    },
  })
}

/** The body of an upload, multipart or not (the fields arrive as strings; a field sent twice, as a list). */
export const UploadBody = Type.Object({
  file: Type.Optional(Type.Unknown()),
  alt: Type.Optional(Type.Unknown()),
  caption: Type.Optional(Type.Unknown()),
  credit: Type.Optional(Type.Unknown()),
  _csrf: Type.Optional(Type.Unknown()),
})

/** The typed fields of an upload form, to show again when it is refused. */
export interface UploadFields {
  alt: string
  caption: string
  credit: string
}

const text = (v: unknown) => (typeof v === 'string' ? v : '')

export function uploadFields(body: unknown): UploadFields {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  return { alt: text(fields.alt), caption: text(fields.caption), credit: text(fields.credit) }
}

/** An upload request → what storeImage takes. Not multipart → media_not_image; no file → 400 naming `file`; a cut file → media_too_large. */
export function uploadFrom(request: FastifyRequest): ImageUpload {
  if (!request.isMultipart()) throw new Invalid('media_not_image', 'file')
  const body = (request.body ?? {}) as Record<string, unknown>
  if (body.file === TOO_LARGE) throw new Invalid('media_too_large', 'file')
  // A form sent without choosing a file still has a file part: an empty one.
  if (!Buffer.isBuffer(body.file) || body.file.length === 0) throw new Invalid('field_required', 'file')
  return { buffer: body.file, alt: body.alt, caption: body.caption, credit: body.credit, uploadedBy: request.staff?.id ?? null }
}

// The brief's statuses for a refused file: not an image is 415 `unsupported_media_type`, too large is 413.
const REFUSALS: Partial<Record<ErrorCode, { status: number; code: ErrorCode }>> = {
  media_not_image: { status: 415, code: 'unsupported_media_type' },
  media_too_large: { status: 413, code: 'payload_too_large' },
}

/** A refused upload's HTTP status and JSON body; the message is the media error's own Arabic words, naming the field. */
export function uploadRefusal(err: AppError): { status: number; body: { error: { code: ErrorCode; message: string; field?: string } } } | undefined {
  const refusal = REFUSALS[err.code]
  if (!refusal) return undefined
  return { status: refusal.status, body: { error: { code: refusal.code, message: messageFor(err.code, err.field), ...(err.field ? { field: err.field } : {}) } } }
}
