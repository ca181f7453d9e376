// The reader pages' surroundings, composed from the features: the views and the kit know none of them.
import type { FastifyRequest } from 'fastify'
import { listPublishedArticles, listSections, sectionPath } from './articles/index.js'
import { skinOf } from './http/index.js'
import { listMasthead } from './people/index.js'
import { getSiteSettings } from './site/index.js'
import { formatter, type SiteChrome } from './views/index.js'

const URGENT_HOURS = 48

/** Everything the layout needs; read once per render (renders are cached). */
export async function loadSiteChrome(request: FastifyRequest, now: Date): Promise<SiteChrome> {
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
    sections: sections.map((s) => ({ name: s.name, path: sectionPath(s.slug) })),
    mastheadLine: masthead.filter((p) => p.inMastheadLine).map((p) => ({ name: p.name, title: p.title, path: p.path })),
    urgent: urgent
      .filter((a) => a.publishedAt && now.getTime() - a.publishedAt.getTime() < URGENT_HOURS * 3600_000)
      .map((a) => ({ name: a.title, path: a.path })),
    baseUrl: config.baseUrl.href.replace(/\/$/, ''),
    format: formatter({ locale: settings.locale, digits: settings.digits, timeZone: settings.timeZone }),
    now,
    skin: cookieSkin === 'auto' && settings.defaultSkin !== 'auto' && request.cookies?.skin === undefined ? settings.defaultSkin : cookieSkin,
  }
}
