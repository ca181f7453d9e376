import type { NewsSitemapEntry, SitemapEntry } from './feed.js'
import { xmlText } from './xml-text.js'

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'

/** W3C datetime, to the second. */
const w3c = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

const lastmod = (date: Date | null) => (date ? `<lastmod>${w3c(date)}</lastmod>` : '')

/** The sitemap index (sitemaps.org): one `<sitemap>` per file. */
export function renderSitemapIndex(entries: SitemapEntry[]): string {
  const body = entries.map((e) => `<sitemap><loc>${xmlText(e.loc)}</loc>${lastmod(e.lastmod)}</sitemap>`).join('\n')
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${body}\n</sitemapindex>\n`
}

/** A sitemap of pages; an entry's image (the article's featured image) uses Google's image extension. */
export function renderUrlSet(entries: SitemapEntry[]): string {
  const body = entries
    .map((e) => {
      const image = e.imageUrl ? `<image:image><image:loc>${xmlText(e.imageUrl)}</image:loc></image:image>` : ''
      return `<url><loc>${xmlText(e.loc)}</loc>${lastmod(e.lastmod)}${image}</url>`
    })
    .join('\n')
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}">\n${body}\n</urlset>\n`
}

/** Google News sitemap: publication name and language on every story, with its date and headline. */
export function renderNewsSitemap(publicationName: string, entries: NewsSitemapEntry[]): string {
  const publication = `<news:publication><news:name>${xmlText(publicationName)}</news:name><news:language>ar</news:language></news:publication>`
  const body = entries
    .map(
      (e) =>
        `<url><loc>${xmlText(e.loc)}</loc><news:news>${publication}` +
        `<news:publication_date>${w3c(e.publishedAt)}</news:publication_date><news:title>${xmlText(e.title)}</news:title></news:news></url>`,
    )
    .join('\n')
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${body}\n</urlset>\n`
}
