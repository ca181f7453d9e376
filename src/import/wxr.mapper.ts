// A WordPress export → what Nashra will hold: sections, tags, people, articles (posts and pages),
// images to fetch, comments, and every old address with what it should answer. Pure: no database.
import { slugify } from '../articles/index.js'
import { decodeTolerantly } from '../http/index.js'
import { commentText, textOf } from './wxr.content.js'
import type { WxrComment, WxrExport, WxrItem } from './wxr.reader.js'

export type WxrSkipReason = 'revision or menu item' | 'trashed post' | 'auto-draft' | 'pingback or trackback' | 'no title and no text'

/** Where imported WordPress pages go (docs/decisions/018-wordpress-import.md). */
export const PAGES_SECTION = { slug: 'صفحات', name: 'صفحات', description: 'صفحات الموقع الثابتة المنقولة من الموقع السابق.' }
/** Keys of `WxrPlan.sections` that are not WordPress categories. */
export const PAGES_KEY = 'page:'
const NO_CATEGORY_KEY = 'none:'
/** Posts with no category at all. */
export const UNCATEGORISED_SECTION = { slug: 'أرشيف', name: 'أرشيف' }

export interface PlannedSection {
  slug: string
  name: string
  description: string
  /** Old archive addresses: /category/<slug>/ and /category/<parent>/<slug>/. */
  oldPaths: string[]
}

export interface PlannedTerm {
  slug: string
  name: string
  oldPaths: string[]
}

export type PlannedPerson = PlannedTerm

export interface PlannedImage {
  wpId: string
  url: string
  alt: string
  caption: string
}

export interface PlannedComment {
  wpId: string
  wpParent: string
  name: string
  email: string
  url: string
  ip: string
  body: string
  status: 'approved' | 'pending' | 'spam' | 'trash'
  isStaff: boolean
  createdAt: Date
}

export interface PlannedArticle {
  wpId: string
  kind: 'post' | 'page'
  sourceUrl: string
  title: string
  /** As exported; converted once the images are stored. */
  content: string
  summary: string
  slug: string
  status: 'published' | 'draft' | 'review' | 'scheduled'
  publishedAt: Date | null
  publishAt: Date | null
  /** Key of `sections`. */
  section: string
  /** Keys of `tags` (a post's further categories too). */
  tags: string[]
  /** Key of `people`. */
  author: string | undefined
  sticky: boolean
  thumbnailId: string | undefined
  commentsOpen: boolean
  /** Every old address of a published article: /?p=ID, the permalink, /YYYY/MM/DD/slug/, /slug/. */
  oldPaths: string[]
  comments: PlannedComment[]
}

export interface WxrPlan {
  /** The old site's home (`wp:base_blog_url`): its permalinks, and the key of what this import recorded. */
  siteUrl: string
  /** By the category's slug as exported. */
  sections: Map<string, PlannedSection>
  tags: Map<string, PlannedTerm>
  /** By login. */
  people: Map<string, PlannedPerson>
  images: Map<string, PlannedImage>
  articles: PlannedArticle[]
  skipped: Map<string, number>
}

const ZERO_DATE = /^0000-00-00/

export function planImport(wxr: WxrExport): WxrPlan {
  const siteUrl = (wxr.blogUrl || wxr.siteUrl || 'http://wordpress.invalid').replace(/\/+$/, '')
  const sitePath = pathOf(siteUrl)
  const plan: WxrPlan = { siteUrl, sections: new Map(), tags: new Map(), people: new Map(), images: new Map(), articles: [], skipped: new Map() }
  const skip = (reason: WxrSkipReason) => plan.skipped.set(reason, (plan.skipped.get(reason) ?? 0) + 1)

  // Each category and tag is listed twice (wp:category / wp:tag, then wp:term): the slug decides.
  const categories = new Map<string, { name: string; parent: string; description: string }>()
  for (const term of wxr.terms) {
    if (!term.slug) continue
    if (term.taxonomy === 'category' && !categories.has(term.slug)) categories.set(term.slug, term)
    if (term.taxonomy === 'post_tag' && !plan.tags.has(term.slug)) plan.tags.set(term.slug, tagOf(term.slug, term.name, sitePath))
  }
  const chainOf = (slug: string, seen = new Set<string>()): string[] => {
    const parent = categories.get(slug)?.parent
    if (!parent || seen.has(parent) || !categories.has(parent)) return [slug]
    seen.add(slug)
    return [...chainOf(parent, seen), slug]
  }
  const addSection = (raw: string, name: string, description = '') => {
    if (plan.sections.has(raw)) return
    const chain = chainOf(raw).map(decodeTolerantly)
    const oldPaths = [`${sitePath}/category/${chain.join('/')}/`, `${sitePath}/category/${chain.at(-1)}/`]
    plan.sections.set(raw, { slug: slugify(decodeTolerantly(raw) || name), name: name || decodeTolerantly(raw), description, oldPaths })
  }
  for (const [raw, c] of categories) addSection(raw, c.name, textOf(c.description))

  for (const author of wxr.authors) {
    if (!author.login || plan.people.has(author.login)) continue
    plan.people.set(author.login, { slug: slugify(author.login), name: author.displayName || author.login, oldPaths: [`${sitePath}/author/${author.login}/`] })
  }

  for (const item of wxr.items) {
    if (item.postType === 'attachment') {
      if (item.attachmentUrl) {
        plan.images.set(item.postId, { wpId: item.postId, url: item.attachmentUrl, alt: item.meta.get('_wp_attachment_image_alt') || item.title, caption: textOf(item.excerpt) })
      }
      continue
    }
    if (item.postType !== 'post' && item.postType !== 'page') {
      skip('revision or menu item')
      continue
    }
    if (item.status === 'trash') skip('trashed post')
    else if (item.status === 'auto-draft') skip('auto-draft')
    else if (!item.title && !textOf(item.content)) skip('no title and no text')
    else plan.articles.push(planArticle(item, plan, addSection, skip, sitePath))
  }
  return plan
}

function planArticle(item: WxrItem, plan: WxrPlan, addSection: (raw: string, name: string) => void, skip: (r: WxrSkipReason) => void, sitePath: string): PlannedArticle {
  const kind = item.postType as 'post' | 'page'
  const categories = item.terms.filter((t) => t.domain === 'category' && t.slug)
  for (const c of categories) addSection(c.slug, c.name)
  let section: string
  if (kind === 'page') {
    section = PAGES_KEY
    if (!plan.sections.has(section)) plan.sections.set(section, { ...PAGES_SECTION, oldPaths: [] })
  } else if (categories.length > 0) section = categories[0].slug
  else {
    section = NO_CATEGORY_KEY
    if (!plan.sections.has(section)) plan.sections.set(section, { ...UNCATEGORISED_SECTION, description: '', oldPaths: [] })
  }
  const tags: string[] = []
  for (const t of item.terms) {
    if (t.domain === 'post_tag' && t.slug) {
      if (!plan.tags.has(t.slug)) plan.tags.set(t.slug, tagOf(t.slug, t.name, sitePath))
      tags.push(t.slug)
    }
  }
  // A post's further categories are kept as tags of the same name.
  for (const c of categories.slice(1)) {
    const key = `category:${c.slug}`
    if (!plan.tags.has(key)) plan.tags.set(key, { slug: plan.sections.get(c.slug)!.slug, name: plan.sections.get(c.slug)!.name, oldPaths: [] })
    tags.push(key)
  }

  const status = statusOf(item.status)
  const gmt = ZERO_DATE.test(item.postDateGmt) ? null : wpDate(item.postDateGmt)
  const slug = decodeTolerantly(item.postName)
  const oldPaths: string[] = []
  if (status === 'published') {
    oldPaths.push(`${sitePath}/?p=${item.postId}`)
    if (kind === 'page') oldPaths.push(`${sitePath}/?page_id=${item.postId}`)
    const link = pathOf(item.link)
    if (link) oldPaths.push(link)
    if (slug) {
      oldPaths.push(`${sitePath}/${slug}/`)
      const local = item.postDate.match(/^(\d{4})-(\d{2})-(\d{2})/)
      if (kind === 'post' && local) oldPaths.push(`${sitePath}/${local[1]}/${local[2]}/${local[3]}/${slug}/`)
    }
  }
  const comments: PlannedComment[] = []
  for (const c of [...item.comments].sort((a, b) => Number(a.id) - Number(b.id))) {
    if (c.type === 'pingback' || c.type === 'trackback') skip('pingback or trackback')
    else comments.push(planComment(c))
  }
  return {
    wpId: item.postId,
    kind,
    sourceUrl: item.guid || item.link || `${plan.siteUrl}/?p=${item.postId}`,
    title: textOf(item.title) || textOf(item.content).slice(0, 80),
    content: item.content,
    summary: textOf(item.excerpt),
    slug: slug || textOf(item.title),
    status,
    publishedAt: status === 'published' || status === 'scheduled' ? (gmt ?? wpDate(item.postDate)) : null,
    publishAt: status === 'scheduled' ? (gmt ?? wpDate(item.postDate)) : null,
    section,
    tags,
    author: item.creator || undefined,
    sticky: item.isSticky,
    thumbnailId: item.meta.get('_thumbnail_id') || undefined,
    commentsOpen: item.commentStatus !== 'closed',
    oldPaths,
    comments,
  }
}

function tagOf(raw: string, name: string, sitePath: string): PlannedTerm {
  const decoded = decodeTolerantly(raw)
  return { slug: slugify(decoded || name), name: name || decoded, oldPaths: [`${sitePath}/tag/${decoded}/`] }
}

function planComment(c: WxrComment): PlannedComment {
  const status = c.approved === '1' ? 'approved' : c.approved === 'spam' ? 'spam' : c.approved === '0' ? 'pending' : 'trash'
  return {
    wpId: c.id,
    wpParent: c.parent,
    name: c.author,
    email: c.email,
    url: /^https?:\/\//i.test(c.url) ? c.url : '',
    ip: c.ip,
    body: commentText(c.content),
    status,
    isStaff: c.userId !== '' && c.userId !== '0',
    createdAt: (ZERO_DATE.test(c.dateGmt) ? null : wpDate(c.dateGmt)) ?? wpDate(c.date) ?? new Date(0),
  }
}

/** publish → published; future → scheduled; pending → review; draft and private stay unpublished. */
function statusOf(wp: string): PlannedArticle['status'] {
  if (wp === 'publish') return 'published'
  if (wp === 'future') return 'scheduled'
  if (wp === 'pending') return 'review'
  return 'draft'
}

/** '2024-03-05 07:00:00' (UTC) → a Date; null when empty, zero or impossible. */
function wpDate(text: string): Date | null {
  const m = text.match(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/)
  if (!m || ZERO_DATE.test(text)) return null
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
  return Number.isNaN(date.getTime()) ? null : date
}

/** The path (and query) of an address on the old site; '' for none. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.pathname.replace(/\/+$/, '')}${u.search}` || ''
  } catch {
    return ''
  }
}
