import type { FeedChannel, FeedItem } from './feed.js'

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version, title and items; each item an id and content. */
export function renderJsonFeed(channel: FeedChannel, selfUrl: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: selfUrl,
    description: channel.description,
    icon: channel.iconUrl,
    favicon: channel.iconUrl,
    language: 'ar',
    authors: [{ name: channel.siteName, url: channel.homeUrl }],
    items: channel.items.map(jsonItem),
  })
}

function jsonItem(item: FeedItem) {
  return {
    id: item.guid,
    url: item.url,
    title: item.title,
    content_html: item.contentHtml,
    ...(item.summary ? { summary: item.summary } : {}),
    ...(item.image ? { image: item.image.url } : {}),
    date_published: item.publishedAt.toISOString(),
    date_modified: item.updatedAt.toISOString(),
    ...(item.authors.length > 0 ? { authors: item.authors } : {}),
    tags: [item.section.name, ...item.tags.map((t) => t.name)],
    language: 'ar',
    ...(item.image
      ? { attachments: [{ url: item.image.url, mime_type: item.image.type, ...(item.image.length > 0 ? { size_in_bytes: item.image.length } : {}) }] }
      : {}),
  }
}
