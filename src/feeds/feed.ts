/** One story as every feed format prints it: absolute URLs, sanitised HTML, no reader data. */
export interface FeedItem {
  id: number
  /** Stable across slug and section changes: `<base>/article/<id>` (the article route redirects it). */
  guid: string
  url: string
  title: string
  summary: string
  /** Sanitised when the newsroom saved it; relative links made absolute for feed readers. */
  contentHtml: string
  publishedAt: Date
  updatedAt: Date
  authors: { name: string; url: string }[]
  section: { name: string; url: string }
  tags: { name: string; url: string }[]
  image: FeedImage | null
}

export interface FeedImage {
  url: string
  type: string
  /** Bytes of the file served; 0 when it can't be known. */
  length: number
  width: number
  height: number
  description: string
  credit: string
}

/** The whole feed: the site's latest stories, or one section's, tag's or author's. */
export interface FeedChannel {
  title: string
  description: string
  siteName: string
  /** The HTML page this feed follows (home or section page). */
  homeUrl: string
  iconUrl: string
  updated: Date
  items: FeedItem[]
  /** What the feed shows, for the Surrogate-Key header: what it follows and each story. */
  surrogateKeys: string[]
}

/** A `<url>` of a sitemap, or a `<sitemap>` of the index. */
export interface SitemapEntry {
  loc: string
  lastmod: Date | null
  imageUrl?: string
}

export interface NewsSitemapEntry {
  loc: string
  title: string
  publishedAt: Date
}
