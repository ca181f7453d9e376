import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { articlePath, authorKey, authorPath, getTagsOf, latestCorrectionAt, listedKeys, listPublishedArticles, renderArticleBody, sectionKey, sectionPath, tagKey, tagPath, type ArticleSummary, type Image, type ListFilter } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { NotFound } from '../http/index.js'
import { mediaUrl } from '../media/index.js'
import { getSiteSettings, type SiteSettings } from '../site/index.js'
import type { FeedChannel, FeedImage, FeedItem, NewsSitemapEntry, SitemapEntry } from './feed.js'
import * as queries from './feeds.queries.js'

export const FEED_SIZE = 50
/** Sitemaps allow 50,000 URLs a file; smaller files render fast and re-fetch cheaply. */
export const SITEMAP_URLS_PER_FILE = 10_000
/** Google News reads the last two days, at most 1,000 URLs. */
export const NEWS_WINDOW_MS = 48 * 3600_000
export const NEWS_MAX_URLS = 1000

/** Where the site lives and its media files are (from config). */
export interface FeedContext {
  db: Db
  /** Public address without a trailing slash, e.g. `https://news.example` or `https://example.org/news`. */
  baseUrl: string
  mediaDir: string
  timeZone: string
}

export const settingsOf = (ctx: FeedContext): Promise<SiteSettings> => getSiteSettings(ctx.db, { timeZone: ctx.timeZone })

/** Whose stories a feed follows: the whole site, or one section, tag or author (by slug). */
export type FeedOf = { kind: 'section' | 'tag' | 'author'; slug: string }

interface Followed {
  filter: ListFilter
  /** Its Surrogate-Key (docs/decisions/019). */
  key: string
  name: string
  description: string
  path: string
}

/** The section, tag or author a feed follows; NotFound for an unknown slug. */
async function followed(db: Db, of: FeedOf): Promise<Followed> {
  if (of.kind === 'section') {
    const section = await queries.findSectionBySlug(db, of.slug)
    if (!section) throw new NotFound('section_not_found')
    return { filter: { sectionId: section.id }, key: sectionKey(section.id), name: section.name, description: section.description, path: sectionPath(section.slug) }
  }
  if (of.kind === 'tag') {
    const tag = await queries.findTagBySlug(db, of.slug)
    if (!tag) throw new NotFound('tag_not_found')
    return { filter: { tagId: tag.id }, key: tagKey(tag.id), name: tag.name, description: '', path: tagPath(tag.slug) }
  }
  const person = await queries.findPersonBySlug(db, of.slug)
  if (!person) throw new NotFound('person_not_found')
  return { filter: { personId: person.id }, key: authorKey(person.id), name: person.name, description: person.bio, path: authorPath(person.slug) }
}

/** The latest published stories of the site, or of one section, tag or author (`of`), ready for any feed format. */
export async function getFeedChannel(ctx: FeedContext, input: { of?: FeedOf; now: Date }): Promise<FeedChannel> {
  const settings = await settingsOf(ctx)
  const of = input.of ? await followed(ctx.db, input.of) : undefined
  const summaries = await listPublishedArticles(ctx.db, of?.filter ?? {}, { limit: FEED_SIZE })
  const ids = summaries.map((a) => a.id)
  const [bodies, tags] = await Promise.all([queries.bodiesOf(ctx.db, ids), getTagsOf(ctx.db, ids)])
  const bodyById = new Map(bodies.map((b) => [b.id, b.body_html]))
  const items = await Promise.all(
    summaries.map((summary) => toFeedItem(ctx, summary, bodyById.get(summary.id) ?? '', tags.get(summary.id) ?? [])),
  )
  const newest = items.reduce<Date | null>((max, item) => (max === null || item.updatedAt > max ? item.updatedAt : max), null)
  return {
    title: of ? `${of.name} | ${settings.name}` : settings.name,
    description: of?.description || settings.tagline,
    siteName: settings.name,
    homeUrl: ctx.baseUrl + (of ? of.path : '/'),
    iconUrl: `${ctx.baseUrl}/assets/icon.svg`,
    updated: newest ?? input.now,
    items,
    // The site-wide feed follows the latest stories, as the home page does.
    surrogateKeys: [of?.key ?? 'home', ...listedKeys(summaries)],
  }
}

async function toFeedItem(ctx: FeedContext, a: ArticleSummary, bodyHtml: string, tags: { name: string; path: string }[]): Promise<FeedItem> {
  const publishedAt = a.publishedAt ?? a.updatedAt
  return {
    id: a.id,
    guid: `${ctx.baseUrl}/article/${a.id}`,
    url: ctx.baseUrl + a.path,
    title: a.title,
    summary: a.summary,
    // As the article page shows it: block directions, Latin runs isolated, embeds as links.
    contentHtml: absoluteLinks(renderArticleBody(bodyHtml), ctx.baseUrl),
    publishedAt,
    updatedAt: a.updatedAt > publishedAt ? a.updatedAt : publishedAt,
    authors: a.authors.map((p) => ({ name: p.name, url: ctx.baseUrl + p.path })),
    section: { name: a.section.name, url: ctx.baseUrl + sectionPath(a.section.slug) },
    tags: tags.map((t) => ({ name: t.name, url: ctx.baseUrl + t.path })),
    image: a.image ? await feedImage(ctx, a.image) : null,
  }
}

// Stored HTML is sanitised and double-quoted (sanitize-html); a feed reader has no base URL for `/media/…`.
export function absoluteLinks(html: string, baseUrl: string): string {
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${baseUrl}/`)
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' }

async function feedImage(ctx: FeedContext, image: Image): Promise<FeedImage> {
  const path = image.src.split('?')[0]
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
  // RSS enclosures carry the file's size; the file may be gone (a restored database without media).
  const length = path.startsWith('/media/') ? await stat(join(ctx.mediaDir, decodeURIComponent(path.slice('/media/'.length)))).then((s) => s.size, () => 0) : 0
  return {
    url: ctx.baseUrl + path,
    type: IMAGE_TYPES[extension] ?? 'image/jpeg',
    length,
    width: image.width,
    height: image.height,
    description: image.caption || image.alt,
    credit: image.credit,
  }
}

const toDate = (value: string | null | undefined): Date | null => (value ? new Date(value) : null)

/** The sitemap index: one file for sections/tags/authors/static pages, then the article files. */
export async function getSitemapIndex(ctx: FeedContext, perFile = SITEMAP_URLS_PER_FILE): Promise<SitemapEntry[]> {
  const [chunks, latest] = await Promise.all([queries.articleChunkLastmods(ctx.db, perFile), queries.latestUpdate(ctx.db)])
  return [
    { loc: `${ctx.baseUrl}/sitemaps/pages.xml`, lastmod: toDate(latest) },
    ...chunks.map((c) => ({ loc: `${ctx.baseUrl}/sitemaps/articles-${c.chunk + 1}.xml`, lastmod: toDate(c.lastmod) })),
  ]
}

/** Articles sitemap number `page` (from 1); NotFound past the last one. */
export async function getArticleSitemap(ctx: FeedContext, page: number, perFile = SITEMAP_URLS_PER_FILE): Promise<SitemapEntry[]> {
  const rows = await queries.articleSitemapPage(ctx.db, perFile, page)
  if (rows.length === 0) throw new NotFound('not_found')
  return rows.map((r) => {
    const widths = (r.image_widths ?? '').split(',').filter(Boolean).map(Number)
    return {
      loc: ctx.baseUrl + articlePath(r.section_slug, r.id, r.slug),
      lastmod: toDate(r.updated_at) ?? toDate(r.published_at),
      imageUrl: r.image_path ? ctx.baseUrl + mediaUrl(r.image_path, widths.at(-1)) : undefined,
    }
  })
}

/** Home, masthead, corrections, and every section, tag and author page that lists published stories. */
export async function getPagesSitemap(ctx: FeedContext): Promise<SitemapEntry[]> {
  const [latest, corrected, sections, tags, authors] = await Promise.all([
    queries.latestUpdate(ctx.db),
    latestCorrectionAt(ctx.db),
    queries.sectionsWithLastmod(ctx.db),
    queries.tagsWithLastmod(ctx.db, 40_000),
    queries.authorsWithLastmod(ctx.db),
  ])
  return [
    { loc: `${ctx.baseUrl}/`, lastmod: toDate(latest) },
    { loc: `${ctx.baseUrl}/masthead`, lastmod: null },
    { loc: `${ctx.baseUrl}/corrections`, lastmod: corrected },
    ...sections.map((s) => ({ loc: ctx.baseUrl + sectionPath(s.slug), lastmod: toDate(s.lastmod as string | null) })),
    ...tags.map((t) => ({ loc: ctx.baseUrl + tagPath(t.slug), lastmod: toDate(t.lastmod as string | null) })),
    ...authors.map((p) => ({ loc: ctx.baseUrl + authorPath(p.slug), lastmod: toDate(p.lastmod as string | null) })),
  ]
}

/** Google News sitemap: stories published in the 48 hours before `now`. */
export async function getNewsSitemap(ctx: FeedContext, now: Date): Promise<{ publicationName: string; entries: NewsSitemapEntry[] }> {
  const [settings, rows] = await Promise.all([
    settingsOf(ctx),
    queries.publishedBetween(ctx.db, new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now.toISOString(), NEWS_MAX_URLS),
  ])
  return {
    publicationName: settings.name,
    entries: rows.map((r) => ({ loc: ctx.baseUrl + articlePath(r.section_slug, r.id, r.slug), title: r.title, publishedAt: new Date(r.published_at!) })),
  }
}
