import type { FastifyRequest } from 'fastify'
import { listPublishedArticles, listSections } from '../articles/index.js'
import { listMasthead } from '../people/index.js'
import { getSiteSettings, type Skin } from '../site/site-settings.js'
import { cacheKey, declaredParams } from './page-cache.js'
import { formatter } from '../views/format.js'
import type { SiteChrome } from '../views/page.js'

const SKIN_VALUES = new Set(['default', 'dark', 'auto'])

/** The reader's chosen skin, from the `skin` cookie; 'auto' when unset. */
export function skinOf(request: FastifyRequest): Skin | 'auto' {
  const value = request.cookies?.skin
  return value && SKIN_VALUES.has(value) ? (value as Skin | 'auto') : 'auto'
}

/** Everything the layout needs; read once per render (renders are cached). */
export async function loadChrome(request: FastifyRequest, now = new Date()): Promise<SiteChrome> {
  const { db, config } = request.server
  const [settings, sections, masthead, urgent] = await Promise.all([
    getSiteSettings(db, { timeZone: config.timeZone }),
    listSections(db),
    listMasthead(db),
    listPublishedArticles(db, { urgentOnly: true }, { limit: 5 }),
  ])
  const cookieSkin = skinOf(request)
  return {
    settings,
    sections,
    mastheadLine: masthead.filter((p) => p.inMastheadLine),
    urgent: urgent.filter((a) => a.publishedAt && now.getTime() - a.publishedAt.getTime() < 2 * 86400_000),
    baseUrl: config.baseUrl.href.replace(/\/$/, ''),
    format: formatter({ locale: settings.locale, digits: settings.digits, timeZone: settings.timeZone }),
    now,
    skin: cookieSkin === 'auto' && settings.defaultSkin !== 'auto' && request.cookies?.skin === undefined ? settings.defaultSkin : cookieSkin,
  }
}

/** The cache key of an anonymous reader page: skin + path + the query parameters its route declares. */
export function pageKey(request: FastifyRequest): string {
  return cacheKey(skinOf(request), request.url, declaredParams(request.routeOptions.schema?.querystring))
}
