import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js'
import type { FeedChannel, FeedItem } from './feed.js'

// xmlbuilder2 escapes every text and attribute; characters XML forbids (control codes in old
// imports) are dropped rather than producing a document no reader can parse.
const newDocument = () => create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' })

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
}

/** RFC 822 dates, as RSS 2.0 requires ("Sun, 01 Mar 2026 10:00:00 GMT"). */
const rfc822 = (date: Date) => date.toUTCString()

/** RSS 2.0 with atom:link self, dc:creator per author, content:encoded and the featured image. */
export function renderRss(channel: FeedChannel, selfUrl: string): string {
  const rss = newDocument().ele('rss', {
    version: '2.0',
    'xmlns:atom': NS.atom,
    'xmlns:content': NS.content,
    'xmlns:dc': NS.dc,
    'xmlns:media': NS.media,
  })
  const ch = rss.ele('channel')
  ch.ele('title').txt(channel.title)
  ch.ele('link').txt(channel.homeUrl)
  ch.ele('description').txt(channel.description || channel.title)
  ch.ele('language').txt('ar')
  ch.ele('lastBuildDate').txt(rfc822(channel.updated))
  ch.ele('generator').txt('Nashra')
  ch.ele('docs').txt('https://www.rssboard.org/rss-specification')
  ch.ele('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' })
  for (const item of channel.items) rssItem(ch.ele('item'), item)
  return rss.end({ prettyPrint: false })
}

function rssItem(el: XMLBuilder, item: FeedItem) {
  el.ele('title').txt(item.title)
  el.ele('link').txt(item.url)
  el.ele('guid', { isPermaLink: 'false' }).txt(item.guid)
  el.ele('pubDate').txt(rfc822(item.publishedAt))
  if (item.summary) el.ele('description').txt(item.summary)
  for (const author of item.authors) el.ele('dc:creator').txt(author.name)
  el.ele('category', { domain: item.section.url }).txt(item.section.name)
  for (const tag of item.tags) el.ele('category', { domain: tag.url }).txt(tag.name)
  el.ele('content:encoded').txt(item.contentHtml)
  if (item.image) {
    const { image } = item
    el.ele('enclosure', { url: image.url, length: String(image.length), type: image.type })
    const media = el.ele('media:content', { url: image.url, medium: 'image', type: image.type, ...dimensions(image) })
    if (image.description) media.ele('media:description', { type: 'plain' }).txt(image.description)
    if (image.credit) media.ele('media:credit').txt(image.credit)
  }
}

const dimensions = (image: { width: number; height: number }) =>
  image.width > 0 && image.height > 0 ? { width: String(image.width), height: String(image.height) } : {}

/** Atom 1.0 (RFC 4287): id, title, updated on the feed and every entry; an author for each. */
export function renderAtom(channel: FeedChannel, selfUrl: string): string {
  const feed = newDocument().ele(NS.atom, 'feed', { 'xml:lang': 'ar' })
  feed.ele('id').txt(selfUrl)
  feed.ele('title').txt(channel.title)
  if (channel.description) feed.ele('subtitle').txt(channel.description)
  feed.ele('updated').txt(channel.updated.toISOString())
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: channel.homeUrl })
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl })
  // Entries without a byline fall back to this feed-level author, so every entry has one (RFC 4287 §4.1.1).
  feed.ele('author').ele('name').txt(channel.siteName).up().ele('uri').txt(channel.homeUrl)
  feed.ele('generator').txt('Nashra')
  feed.ele('icon').txt(channel.iconUrl)
  for (const item of channel.items) atomEntry(feed.ele('entry'), item)
  return feed.end({ prettyPrint: false })
}

function atomEntry(el: XMLBuilder, item: FeedItem) {
  el.ele('id').txt(item.guid)
  el.ele('title', { type: 'text' }).txt(item.title)
  el.ele('link', { rel: 'alternate', type: 'text/html', href: item.url })
  el.ele('published').txt(item.publishedAt.toISOString())
  el.ele('updated').txt(item.updatedAt.toISOString())
  for (const author of item.authors) el.ele('author').ele('name').txt(author.name).up().ele('uri').txt(author.url)
  for (const category of [item.section, ...item.tags]) el.ele('category', { term: category.name, label: category.name })
  if (item.summary) el.ele('summary', { type: 'text' }).txt(item.summary)
  el.ele('content', { type: 'html' }).txt(item.contentHtml)
  if (item.image) el.ele('link', { rel: 'enclosure', type: item.image.type, href: item.image.url, ...(item.image.length > 0 ? { length: String(item.image.length) } : {}) })
}
