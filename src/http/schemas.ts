import { Type } from '@sinclair/typebox'

/** `?page=` on reader pages and the API: a positive integer, never clamped. */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})

export const SlugParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200 }),
})

/** Pages per listing; `total` articles over `perPage` per page. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage))
}
