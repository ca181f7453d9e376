import { createArticle, createSection, ensureSection, ensureTag, findArticleIdBySourceUrl, findSectionId, replaceBodyLinks, sectionPath, tagPath } from '../articles/index.js'
import { importComment } from '../comments/index.js'
import type { Db } from '../db/index.js'
import { findRedirect, Invalid, redirectKey, saveRedirects } from '../http/index.js'
import { getImage, removeImageFiles, storeImage, type StoredImage } from '../media/index.js'
import { authorPath, ensurePerson } from '../people/index.js'
import { compactSearchIndex } from '../search/index.js'
import { insertOrigins, listOrigins } from './import.queries.js'
import { convertBody, fileNameOf, rewriteLinks, uploadKey, type ResolvedImage } from './wxr.content.js'
import { PAGES_KEY, planImport, type PlannedArticle, type PlannedImage, type WxrPlan } from './wxr.mapper.js'
import { fetchImages, type Fetched } from './wxr.media.js'
import { readWxr, WxrError } from './wxr.reader.js'

export interface WxrImportOptions {
  dataDir: string
  /** The site's public address: rewritten internal links point there. */
  baseUrl: URL
  now?: Date
  /** How long an image host may take to answer (default 5 s). */
  fetchTimeoutMs?: number
  onStart?: (total: number) => void
  onProgress?: (done: number) => void
}

export interface WxrImportSummary {
  posts: number
  pages: number
  comments: number
  approvedComments: number
  media: number
  /** Images whose host did not answer (or that are not images): kept as links to where they were. */
  mediaAsLinks: number
  /** Already imported by an earlier run: left as they are. */
  unchanged: { articles: number; comments: number; media: number }
  skipped: Record<string, number>
  redirects: number
  seconds: number
}

/**
 * Imports a WordPress export (WXR 1.1 or 1.2). The file is read and checked whole, images are
 * fetched, then everything is written in one transaction: a bad file or a failed write leaves
 * nothing (the images stored for it are deleted). What an earlier import of the same site brought
 * in (matched by WordPress ids and GUIDs) is left alone, so a second run changes nothing.
 */
export async function importWxr(db: Db, path: string, options: WxrImportOptions): Promise<WxrImportSummary> {
  const started = performance.now()
  const now = options.now ?? new Date()
  const plan = planImport(await readWxr(path))
  const origins = await listOrigins(db, plan.siteUrl)

  const toFetch = [...plan.images.values()].filter((image) => !origins.has(`attachment:${image.wpId}`))
  let done = 0
  options.onStart?.(toFetch.length + plan.articles.length)
  const tick = () => options.onProgress?.(++done)
  const fetched = await fetchImages(toFetch, options.fetchTimeoutMs ?? 5000, tick)

  const summary: WxrImportSummary = {
    posts: 0, pages: 0, comments: 0, approvedComments: 0, media: 0, mediaAsLinks: 0,
    unchanged: { articles: 0, comments: 0, media: 0 },
    skipped: Object.fromEntries(plan.skipped), redirects: 0, seconds: 0,
  }
  const stored: StoredImage[] = []
  try {
    await db.transaction().execute(async (trx) => {
      const writer = new Writer(trx, plan, origins, options, now, summary, stored)
      await writer.storeImages(fetched)
      await writer.writeTaxonomies()
      for (const article of plan.articles) {
        await writer.writeArticle(article)
        tick()
      }
      await writer.finish()
    })
  } catch (err) {
    await Promise.all(stored.map((image) => removeImageFiles(options.dataDir, image)))
    if (err instanceof WxrError) throw err
    throw new WxrError(`could not be written, nothing was imported (${err instanceof Error ? err.message : String(err)})`)
  }
  if (summary.posts + summary.pages > 0) await compactSearchIndex(db)
  summary.seconds = (performance.now() - started) / 1000
  return summary
}

/** The writes of one import, inside its transaction. */
class Writer {
  private readonly newOrigins = new Map<string, number>()
  private readonly sectionSlugs = new Map<string, { id: number; slug: string }>()
  private readonly tagIds = new Map<string, number>()
  private readonly personIds = new Map<string, number>()
  private readonly imagesById = new Map<string, ResolvedImage>()
  private readonly imagesByUrl = new Map<string, ResolvedImage>()
  private readonly redirects: { from: string; to: string }[] = []
  /** Redirect key of an old address → the new path, for links between posts. */
  private readonly newPaths = new Map<string, string>()
  private readonly written: { id: number; html: string }[] = []

  constructor(
    private readonly trx: Db,
    private readonly plan: WxrPlan,
    private readonly origins: Map<string, number>,
    private readonly options: WxrImportOptions,
    private readonly now: Date,
    private readonly summary: WxrImportSummary,
    private readonly stored: StoredImage[],
  ) {}

  private known(key: string): number | undefined {
    return this.origins.get(key) ?? this.newOrigins.get(key)
  }

  async storeImages(fetched: Map<string, Fetched>) {
    for (const image of this.plan.images.values()) {
      const key = `attachment:${image.wpId}`
      const existing = this.origins.get(key)
      let resolved: ResolvedImage
      if (existing !== undefined) {
        resolved = await this.libraryImage(existing, image)
        this.summary.unchanged.media++
      } else {
        const result = fetched.get(image.wpId)
        const storedImage = result?.ok ? await this.store(image, result.bytes) : undefined
        if (storedImage) {
          this.newOrigins.set(key, storedImage.id)
          resolved = { mediaId: storedImage.id, src: storedImage.src, width: storedImage.width, height: storedImage.height, alt: storedImage.alt }
          this.summary.media++
        } else {
          resolved = { link: image.url, alt: image.alt }
          this.summary.mediaAsLinks++
        }
      }
      this.imagesById.set(image.wpId, resolved)
      this.imagesByUrl.set(uploadKey(image.url), resolved)
    }
  }

  /** Stores a fetched image (renditions made by the media feature); undefined when it is not an image the library takes. */
  private async store(image: PlannedImage, bytes: Buffer): Promise<StoredImage | undefined> {
    try {
      const alt = image.alt || fileNameOf(image.url)
      const storedImage = await storeImage(this.trx, this.options.dataDir, { buffer: bytes, alt, caption: image.caption }, this.now)
      this.stored.push(storedImage)
      return storedImage
    } catch (err) {
      if (err instanceof Invalid) return undefined // not an image, or too large: kept as a link
      throw err
    }
  }

  private async libraryImage(id: number, image: PlannedImage): Promise<ResolvedImage> {
    try {
      const found = await getImage(this.trx, id)
      return { mediaId: found.id, src: found.src, width: found.width, height: found.height, alt: found.alt }
    } catch {
      return { link: image.url, alt: image.alt }
    }
  }

  async writeTaxonomies() {
    for (const [key, section] of this.plan.sections) {
      const slug = section.slug
      let entry = { id: (await findSectionId(this.trx, slug)) ?? 0, slug }
      if (!entry.id) {
        try {
          const created = await createSection(this.trx, { name: section.name.slice(0, 80), slug, description: section.description.slice(0, 500), onHome: key !== PAGES_KEY })
          entry = { id: created.id, slug: created.slug }
        } catch (err) {
          if (!(err instanceof Invalid)) throw err
          // A slug Nashra keeps for itself (`media`, `search`…): the section takes another.
          const other = `${slug}-wp`
          entry = { id: await ensureSection(this.trx, other, section.name), slug: other }
        }
      }
      this.sectionSlugs.set(key, entry)
      for (const from of section.oldPaths) this.redirects.push({ from, to: sectionPath(entry.slug) })
    }
    for (const [key, tag] of this.plan.tags) {
      this.tagIds.set(key, await ensureTag(this.trx, tag.slug, tag.name))
      for (const from of tag.oldPaths) this.redirects.push({ from, to: tagPath(tag.slug) })
    }
    for (const [login, person] of this.plan.people) {
      this.personIds.set(login, await ensurePerson(this.trx, { slug: person.slug, name: person.name }, this.now))
      for (const from of person.oldPaths) this.redirects.push({ from, to: authorPath(person.slug) })
    }
  }

  async writeArticle(article: PlannedArticle) {
    const key = `post:${article.wpId}`
    let id = this.known(key) ?? (await findArticleIdBySourceUrl(this.trx, article.sourceUrl))?.id
    if (id !== undefined) this.summary.unchanged.articles++
    else {
      id = await this.createArticle(article)
      this.newOrigins.set(key, id)
      this.summary[article.kind === 'page' ? 'pages' : 'posts']++
    }
    await this.writeComments(article, id)
  }

  private async createArticle(article: PlannedArticle): Promise<number> {
    const resolve = (src: string, attachmentId: string | undefined): ResolvedImage =>
      (attachmentId && this.imagesById.get(attachmentId)) || this.imagesByUrl.get(uploadKey(src)) || { link: /^https?:\/\//i.test(src) ? src : '', alt: '' }
    let html = convertBody(article.content, resolve)
    const thumbnail = article.thumbnailId ? this.imagesById.get(article.thumbnailId) : undefined
    // A featured image left behind stays reachable: a link under the text.
    if (thumbnail && 'link' in thumbnail) html += `\n${convertBody(`<img src="${thumbnail.link}" alt="${thumbnail.alt}">`, () => thumbnail)}`
    const authorId = article.author ? this.personIds.get(article.author) : undefined
    const { id, path } = await createArticle(
      this.trx,
      {
        title: article.title,
        bodyHtml: html,
        summary: article.summary,
        slug: article.slug,
        sectionId: this.sectionSlugs.get(article.section)!.id,
        status: article.status,
        publishedAt: article.publishedAt,
        publishAt: article.publishAt,
        imageId: thumbnail && 'mediaId' in thumbnail ? thumbnail.mediaId : null,
        authorIds: authorId ? [authorId] : [],
        tagIds: [...new Set(article.tags.map((t) => this.tagIds.get(t)!))],
        sourceUrl: article.sourceUrl,
        commentsOpen: article.commentsOpen,
        placement: article.sticky && article.status === 'published' ? 'top' : undefined,
      },
      this.now,
    )
    for (const from of article.oldPaths) {
      this.redirects.push({ from, to: path })
      const k = redirectKey(from)
      if (k) this.newPaths.set(k, path)
    }
    if (/<a\b/i.test(html)) this.written.push({ id, html })
    return id
  }

  private async writeComments(article: PlannedArticle, articleId: number) {
    for (const c of article.comments) {
      const key = `comment:${c.wpId}`
      if (this.known(key) !== undefined) {
        this.summary.unchanged.comments++
        continue
      }
      const parentId = c.wpParent && c.wpParent !== '0' ? (this.known(`comment:${c.wpParent}`) ?? null) : null
      const id = await importComment(this.trx, { articleId, parentId, name: c.name, email: c.email, url: c.url, body: c.body, status: c.status, isStaff: c.isStaff, createdAt: c.createdAt, ip: c.ip })
      this.newOrigins.set(key, id)
      this.summary.comments++
      if (c.status === 'approved') this.summary.approvedComments++
    }
  }

  /** Redirects, links between posts pointed at their new addresses, and what this import brought in. */
  async finish() {
    this.summary.redirects = await saveRedirects(this.trx, this.redirects, this.now)
    const site = new URL(this.plan.siteUrl)
    const origin = this.options.baseUrl.origin
    for (const { id, html } of this.written) {
      const targets = new Map<string, string>()
      for (const m of html.matchAll(/\bhref="([^"]*)"/g)) {
        const href = m[1].replace(/&amp;/g, '&')
        let url: URL
        try {
          url = new URL(href, site)
        } catch {
          continue
        }
        if (url.host !== site.host) continue
        const k = redirectKey(url.pathname + url.search)
        const to = (k && this.newPaths.get(k)) ?? (await findRedirect(this.trx, url.pathname + url.search))
        if (to) targets.set(href, new URL(to, origin).href)
      }
      if (targets.size === 0) continue
      const rewritten = rewriteLinks(html, (href) => targets.get(href))
      if (rewritten.changed > 0) await replaceBodyLinks(this.trx, id, rewritten.html, origin)
    }
    await insertOrigins(this.trx, this.plan.siteUrl, this.newOrigins)
  }
}
