import type { FastifyReply, FastifyRequest } from 'fastify'
import { isSkinChoice, type SiteChrome, type SkinChoice } from '../views/index.js'
import { cacheKey, declaredParams, JSON_TYPE } from './page-cache.js'

/** The reader's chosen skin, from the `skin` cookie; 'auto' when unset. */
export function skinOf(request: FastifyRequest): SkinChoice {
  const value = request.cookies?.skin
  return isSkinChoice(value) ? value : 'auto'
}

/** Everything the layout needs around a page. The app supplies it (src/page-chrome.ts), read from the database once per content version. */
export function loadChrome(request: FastifyRequest, now = new Date()): Promise<SiteChrome> {
  return request.server.loadChrome(request, now)
}

/** The cache key of an anonymous reader page: the skin (or another `scope`, e.g. `api`), the path and the query parameters its route declares. */
export function pageKey(request: FastifyRequest, scope: string = skinOf(request)): string {
  return cacheKey(scope, request.url, declaredParams(request.routeOptions.schema?.querystring))
}

/** A read API answer served like a page: cached (scope `api`), revalidated, named by its Surrogate-Keys. */
export function cachedJson(request: FastifyRequest, reply: FastifyReply, render: () => Promise<{ json: unknown; surrogateKeys: string[]; showsRelatedLists?: boolean }>) {
  return request.server.pageCache.serve(request, reply, pageKey(request, 'api'), async () => {
    const { json, surrogateKeys, showsRelatedLists } = await render()
    return { body: JSON.stringify(json), surrogateKeys, showsRelatedLists }
  }, { type: JSON_TYPE })
}
