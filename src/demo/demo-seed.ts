import { countArticles, createArticle, ensureSection, ensureTag } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { seedDemoComments } from '../comments/index.js'
import { removeImageFiles, storeImage, type StoredImage } from '../media/index.js'
import { ensurePerson } from '../people/index.js'
import { DEFAULT_SETTINGS, getSiteSettings, saveSiteSettings } from '../site/index.js'
import { demoBodyHtml, type DemoArticle } from './demo-article.js'
import { FEATURE_ARTICLES } from './demo-articles-features.js'
import { MORE_ARTICLES } from './demo-articles-more.js'
import { NEWS_ARTICLES } from './demo-articles-news.js'
import { DEMO_IMAGE_CREDIT, DEMO_IMAGES, renderDemoImage, type DemoImageKey } from './demo-images.js'
import { DEMO_PEOPLE, DEMO_SECTIONS, DEMO_SETTINGS, DEMO_TAGS, type DemoTag } from './demo-people.js'

export const DEMO_ARTICLES: DemoArticle[] = [...NEWS_ARTICLES, ...FEATURE_ARTICLES, ...MORE_ARTICLES]

const HOUR_MS = 3_600_000

/**
 * Original demo content for an empty site: sections, people, tags, illustrations and articles dated
 * relative to `now`. All or nothing: one transaction, and the image files are removed if it fails.
 */
export async function seedDemoContent(db: Db, dataDir: string, now: Date): Promise<void> {
  if ((await countArticles(db)) > 0) return
  // Drawing is the slow part: do it before the transaction, in parallel on sharp's thread pool.
  const keys = [...new Set(DEMO_ARTICLES.map((a) => a.image))]
  const drawn = await Promise.all(keys.map(async (key) => [key, await renderDemoImage(key)] as const))
  const written: StoredImage[] = []
  try {
    await db.transaction().execute(async (trx) => {
      if ((await countArticles(trx)) > 0) return // another process seeded meanwhile
      const settings = await getSiteSettings(trx)
      if (settings.name === DEFAULT_SETTINGS.name && settings.tagline === DEFAULT_SETTINGS.tagline) await saveSiteSettings(trx, DEMO_SETTINGS)

      const sections = new Map<string, number>()
      for (const s of DEMO_SECTIONS) sections.set(s.slug, await ensureSection(trx, s.slug, s.name))
      const people = new Map<string, number>()
      for (const p of DEMO_PEOPLE) people.set(p.slug, await ensurePerson(trx, p, now))

      const images = new Map<DemoImageKey, number>()
      for (const [key, buffer] of drawn) {
        const { alt, caption } = DEMO_IMAGES[key]
        const image = await storeImage(trx, dataDir, { buffer, alt, caption, credit: DEMO_IMAGE_CREDIT }, now)
        written.push(image)
        images.set(key, image.id)
      }

      const tags = new Map<DemoTag, number>()
      const tagId = async (slug: DemoTag) => tags.get(slug) ?? tags.set(slug, await ensureTag(trx, slug, DEMO_TAGS[slug])).get(slug)!
      // Oldest first, so ids follow publication order as they would in a real newsroom.
      for (const article of [...DEMO_ARTICLES].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
        const when = new Date(now.getTime() - article.hoursAgo * HOUR_MS)
        const status = article.status ?? 'published'
        const tagIds: number[] = []
        for (const slug of article.tags) tagIds.push(await tagId(slug))
        await createArticle(
          trx,
          {
            title: article.title,
            summary: article.summary,
            bodyHtml: demoBodyHtml(article.body),
            sectionId: sections.get(article.section)!,
            dateline: article.dateline,
            imageId: images.get(article.image),
            isUrgent: article.urgent,
            status,
            publishAt: status === 'scheduled' ? when : null,
            publishedAt: status === 'published' ? when : null,
            authorIds: article.authors.map((slug) => people.get(slug)!),
            tagIds,
            sources: article.sources,
          },
          when < now ? when : now,
        )
      }
      await seedDemoComments(trx, now)
    })
  } catch (err) {
    await Promise.all(written.map((image) => removeImageFiles(dataDir, image)))
    throw err
  }
}
