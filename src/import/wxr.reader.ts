// Reads a WordPress export (WXR 1.1 or 1.2) with a streaming, strict XML parser: malformed XML or
// an unknown version is refused with the line and column, before anything is written.
import { createReadStream } from 'node:fs'
import sax from 'sax'

export const WXR_VERSIONS = ['1.1', '1.2']

/** A file that is not a WordPress export this importer reads; nothing was written. */
export class WxrError extends Error {}

export interface WxrAuthor {
  login: string
  email: string
  displayName: string
}

export interface WxrTerm {
  taxonomy: string
  /** As exported: percent-encoded when it holds Arabic. */
  slug: string
  name: string
  /** The parent's slug ('' at the top). */
  parent: string
  description: string
}

export interface WxrComment {
  id: string
  author: string
  email: string
  url: string
  ip: string
  date: string
  dateGmt: string
  content: string
  /** '1' approved, '0' pending, 'spam', 'trash'. */
  approved: string
  /** '' or 'comment' for a comment; 'pingback', 'trackback'. */
  type: string
  parent: string
  userId: string
}

export interface WxrItem {
  title: string
  link: string
  guid: string
  creator: string
  content: string
  excerpt: string
  postId: string
  postDate: string
  postDateGmt: string
  modifiedGmt: string
  commentStatus: string
  postName: string
  status: string
  postParent: string
  postType: string
  isSticky: boolean
  attachmentUrl: string
  terms: { domain: string; slug: string; name: string }[]
  meta: Map<string, string>
  comments: WxrComment[]
}

export interface WxrExport {
  version: string
  /** `wp:base_site_url`: where WordPress itself lived. */
  siteUrl: string
  /** `wp:base_blog_url`: the site's home, which permalinks start with (the same, unless WordPress sat in a folder). */
  blogUrl: string
  authors: WxrAuthor[]
  terms: WxrTerm[]
  items: WxrItem[]
}

interface Frame {
  name: string
  attributes: Record<string, string>
  text: string
  fields: Record<string, string>
  children: Frame[]
}

/** Elements read as a whole (their children become fields); the rest are fields of their parent. */
const RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term', 'wp:postmeta', 'wp:comment', 'category'])

export async function readWxr(path: string): Promise<WxrExport> {
  const parser = sax.parser(true)
  const stack: Frame[] = []
  const found: WxrExport = { version: '', siteUrl: '', blogUrl: '', authors: [], terms: [], items: [] }
  let root = ''
  parser.onerror = (err) => {
    throw err
  }
  parser.onopentag = (tag) => {
    if (!root) {
      root = tag.name
      if (root !== 'rss') throw new WxrError(`not a WordPress export: the document is <${root}>, not <rss>`)
    }
    const attributes: Record<string, string> = {}
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = typeof value === 'string' ? value : value.value
    stack.push({ name: tag.name, attributes, text: '', fields: {}, children: [] })
  }
  parser.ontext = parser.oncdata = (text) => {
    const top = stack[stack.length - 1]
    if (top) top.text += text
  }
  parser.onclosetag = () => {
    const frame = stack.pop()!
    const parent = stack[stack.length - 1]
    if (frame.name === 'wp:wxr_version') checkVersion((found.version = frame.text.trim()))
    if (frame.name === 'wp:base_site_url' && stack.length === 2) found.siteUrl = frame.text.trim()
    if (frame.name === 'wp:base_blog_url' && stack.length === 2) found.blogUrl = frame.text.trim()
    if (!parent) return
    if (frame.name === 'item') found.items.push(toItem(frame))
    else if (frame.name === 'wp:author') found.authors.push(toAuthor(frame))
    else if (frame.name === 'wp:category' || frame.name === 'wp:tag' || frame.name === 'wp:term') found.terms.push(toTerm(frame))
    else if (RECORDS.has(frame.name)) parent.children.push(frame)
    else parent.fields[frame.name] = frame.text
  }

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })
  try {
    for await (const chunk of stream) parser.write(chunk as string)
    parser.close()
  } catch (err) {
    stream.destroy()
    if (err instanceof WxrError) throw err
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new WxrError(`${path}: no such file`)
    if (code === 'EISDIR' || code === 'EACCES') throw new WxrError(`${path}: cannot be read (${code})`)
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0]
    throw new WxrError(`malformed XML at line ${parser.line + 1}, column ${parser.column + 1}: ${reason}`)
  }
  if (!root) throw new WxrError('not a WordPress export: the file holds no XML element')
  if (!found.version) throw new WxrError('not a WordPress export: no <wp:wxr_version>')
  return found
}

function checkVersion(version: string): void {
  if (!WXR_VERSIONS.includes(version)) {
    throw new WxrError(`unknown WXR version "${version.slice(0, 20)}" (this importer reads ${WXR_VERSIONS.join(' and ')})`)
  }
}

const field = (frame: Frame, name: string) => (frame.fields[name] ?? '').trim()

function toAuthor(frame: Frame): WxrAuthor {
  return { login: field(frame, 'wp:author_login'), email: field(frame, 'wp:author_email'), displayName: field(frame, 'wp:author_display_name') }
}

function toTerm(frame: Frame): WxrTerm {
  if (frame.name === 'wp:category') {
    return { taxonomy: 'category', slug: field(frame, 'wp:category_nicename'), name: field(frame, 'wp:cat_name'), parent: field(frame, 'wp:category_parent'), description: field(frame, 'wp:category_description') }
  }
  if (frame.name === 'wp:tag') {
    return { taxonomy: 'post_tag', slug: field(frame, 'wp:tag_slug'), name: field(frame, 'wp:tag_name'), parent: '', description: field(frame, 'wp:tag_description') }
  }
  return { taxonomy: field(frame, 'wp:term_taxonomy'), slug: field(frame, 'wp:term_slug'), name: field(frame, 'wp:term_name'), parent: field(frame, 'wp:term_parent'), description: field(frame, 'wp:term_description') }
}

function toItem(frame: Frame): WxrItem {
  const meta = new Map<string, string>()
  const terms: WxrItem['terms'] = []
  const comments: WxrComment[] = []
  for (const child of frame.children) {
    if (child.name === 'wp:postmeta') meta.set(field(child, 'wp:meta_key'), field(child, 'wp:meta_value'))
    else if (child.name === 'category') terms.push({ domain: child.attributes.domain ?? '', slug: (child.attributes.nicename ?? '').trim(), name: child.text.trim() })
    else if (child.name === 'wp:comment') comments.push(toComment(child))
  }
  return {
    title: field(frame, 'title'),
    link: field(frame, 'link'),
    guid: field(frame, 'guid'),
    creator: field(frame, 'dc:creator'),
    content: frame.fields['content:encoded'] ?? '',
    excerpt: field(frame, 'excerpt:encoded'),
    postId: field(frame, 'wp:post_id'),
    postDate: field(frame, 'wp:post_date'),
    postDateGmt: field(frame, 'wp:post_date_gmt'),
    modifiedGmt: field(frame, 'wp:post_modified_gmt'),
    commentStatus: field(frame, 'wp:comment_status'),
    postName: field(frame, 'wp:post_name'),
    status: field(frame, 'wp:status'),
    postParent: field(frame, 'wp:post_parent'),
    postType: field(frame, 'wp:post_type'),
    isSticky: field(frame, 'wp:is_sticky') === '1',
    attachmentUrl: field(frame, 'wp:attachment_url'),
    terms,
    meta,
    comments,
  }
}

function toComment(frame: Frame): WxrComment {
  return {
    id: field(frame, 'wp:comment_id'),
    author: field(frame, 'wp:comment_author'),
    email: field(frame, 'wp:comment_author_email'),
    url: field(frame, 'wp:comment_author_url'),
    ip: field(frame, 'wp:comment_author_IP'),
    date: field(frame, 'wp:comment_date'),
    dateGmt: field(frame, 'wp:comment_date_gmt'),
    content: frame.fields['wp:comment_content'] ?? '',
    approved: field(frame, 'wp:comment_approved'),
    type: field(frame, 'wp:comment_type'),
    parent: field(frame, 'wp:comment_parent'),
    userId: field(frame, 'wp:comment_user_id'),
  }
}
