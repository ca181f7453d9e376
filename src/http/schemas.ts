import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginOptions } from 'fastify'

/**
 * A routes plugin typed by its schemas (@fastify/type-provider-typebox): a route declares its
 * schema once and its handler's `request.params`, `query` and `body` types come from it.
 */
export type Routes<Options extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsyncTypebox<Options>

/** The largest row id: 2^31 − 1, what an `integer` column holds (SQLite and PostgreSQL alike). */
export const MAX_ID = 2147483647

/** A row id in an address: 1 to MAX_ID. */
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID })

/** `/:id` */
export const IdParam = Type.Object({ id: Id })

/** `?page=`: a positive integer, never clamped (past the last page is a 404, not the last page). */
export const Page = (maximum = 100000) => Type.Optional(Type.Integer({ minimum: 1, maximum }))

/** `?page=` on reader pages and the API. */
export const PageQuery = Type.Object({ page: Page() })

/** `?limit=`: items per page, up to `maximum`. */
export const Limit = (maximum: number) => Type.Optional(Type.Integer({ minimum: 1, maximum }))

/** `?page=&limit=` of a JSON list, nothing else (a misspelt parameter is a 400, not silently ignored). */
export const PageLimitQuery = (maxLimit: number) => Type.Object({ page: Page(), limit: Limit(maxLimit) }, { additionalProperties: false })

export const SlugParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200 }),
})

/** Pages per listing; `total` articles over `perPage` per page. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage))
}

/** `{"error":{"code","message","field"?}}`: every JSON error (for the OpenAPI document). */
export const ErrorJson = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }) },
  { description: 'خطأ: رمز ثابت ورسالة بالعربية' },
)

/** The error answers a read route may give, for its `response` schema. */
export const ReadErrors = { 400: ErrorJson, 404: ErrorJson }
