// The reader pages' surroundings, composed from the features: the views and the kit know none of them.
import type { FastifyRequest } from 'fastify'
import { type ArticleSummary, listPublishedArticles, listSections, newestFromDb, type NewestLists, sectionPath } from './articles/index.js'
import { type Db, readContentVersion } from './db/index.js'
import { skinOf } from './http/index.js'
import { listMasthead } from './people/index.js'
import { getSiteSettings } from './site/index.js'
import { formatter, type SiteChrome } from './views/index.js'

const URGENT_HOURS = 48
const URGENT_IN_TICKER = 5
/** The article page's sidebar shows this many latest stories, leaving out the one it shows. */
export const LATEST_IN_SIDEBAR = 6

/**
 * A value worked out from the content, kept until the content version moves (every content write
 * moves it: src/db/content-version.ts). The stored version is read on every `get`, a one-row
 * read: the page cache may have just seen a new version and be rendering for it, so a copy kept
 * by a clock of its own could put the old ticker on a page cached as new.
 */
export class PerContentVersion<T> {
  private held?: { version: string; value: Promise<T> }

  constructor(private readonly db: Db, private readonly load: (db: Db) => Promise<T>) {}

  async get(): Promise<T> {
    // Read before loading: a write during the load moves the version again, so the next get loads anew.
    const version = await readContentVersion(this.db)
    if (this.held?.version !== version) {
      const value = this.load(this.db)
      this.held = { version, value }
      // A failed load is not kept: the next get tries again.
      value.catch(() => {
        if (this.held?.value === value) this.held = undefined
      })
    }
    return this.held.value
  }
}

/** What every page around its content shows that depends on the content only, not on the reader or the hour. */
export interface SharedChrome {
  chrome: Omit<SiteChrome, 'now' | 'skin' | 'urgent'>
  /** The site's skin for readers who chose none. */
  defaultSkin: SiteChrome['skin']
  /** The newest urgent stories; the ticker shows those of the last URGENT_HOURS at the time of the render. */
  urgent: ArticleSummary[]
  /** The newest stories, one more than the article page's sidebar shows (it leaves out its own story). */
  latest: ArticleSummary[]
  /** A section's and a tag's newest stories, each read on its first ask: the related stories' fallback. */
  newest: NewestLists
}

/** One per app: the site's chrome read once per content version instead of once per render. */
export function sharedChrome(db: Db, config: { timeZone: string; baseUrl: URL }): PerContentVersion<SharedChrome> {
  return new PerContentVersion(db, async (db) => {
    const [settings, sections, masthead, urgent, latest] = await Promise.all([
      getSiteSettings(db, { timeZone: config.timeZone }),
      listSections(db),
      listMasthead(db),
      listPublishedArticles(db, { urgentOnly: true }, { limit: URGENT_IN_TICKER }),
      listPublishedArticles(db, {}, { limit: LATEST_IN_SIDEBAR + 1 }),
    ])
    return {
      chrome: {
        settings,
        sections: sections.map((s) => ({ name: s.name, path: sectionPath(s.slug) })),
        mastheadLine: masthead.filter((p) => p.inMastheadLine).map((p) => ({ name: p.name, title: p.title, path: p.path })),
        baseUrl: config.baseUrl.href.replace(/\/$/, ''),
        format: formatter({ locale: settings.locale, digits: settings.digits, timeZone: settings.timeZone }),
      },
      defaultSkin: settings.defaultSkin,
      urgent,
      latest,
      newest: keptPerKey(newestFromDb(db)),
    }
  })
}

/** The newest lists, each section's and tag's read once (this chrome lives one content version). */
const keptPerKey = (fromDb: NewestLists): NewestLists => ({ section: memoized(fromDb.section), tag: memoized(fromDb.tag) })

/** `load` called once per key; a failed load is not kept. */
function memoized<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const held = new Map<K, Promise<V>>()
  return (key) => {
    let value = held.get(key)
    if (!value) {
      held.set(key, (value = load(key)))
      value.catch(() => held.delete(key))
    }
    return value
  }
}

/** The chrome of one render: the shared part, with the reader's skin and the ticker as of `now`. */
export function chromeFor(request: FastifyRequest, shared: SharedChrome, now: Date): SiteChrome {
  const { chrome, defaultSkin, urgent } = shared
  const cookieSkin = skinOf(request)
  return {
    ...chrome,
    urgent: urgent
      .filter((a) => a.publishedAt && now.getTime() - a.publishedAt.getTime() < URGENT_HOURS * 3600_000)
      .map((a) => ({ name: a.title, path: a.path })),
    now,
    skin: cookieSkin === 'auto' && defaultSkin !== 'auto' && request.cookies?.skin === undefined ? defaultSkin : cookieSkin,
  }
}

/** Everything the layout needs (the app's `loadChrome`), from `shared`. */
export function siteChromeLoader(shared: PerContentVersion<SharedChrome>): (request: FastifyRequest, now: Date) => Promise<SiteChrome> {
  return async (request, now) => chromeFor(request, await shared.get(), now)
}
