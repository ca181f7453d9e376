// A WordPress post body → the HTML Nashra stores (sanitised afterwards by the articles feature):
// Gutenberg block comments stripped, classic text given paragraphs (wpautop), [caption] shortcodes
// and image blocks made figures from the media library, or links when the image stayed behind.
import { escapeHtml } from '@kitajs/html'
import { decodeTolerantly } from '../http/index.js'

/** An image the import stored, or the address it could not fetch. */
export type ResolvedImage = { mediaId: number; src: string; width: number; height: number; alt: string } | { link: string; alt: string }

export type ImageResolver = (src: string, attachmentId: string | undefined) => ResolvedImage

const BLOCK_TAGS = 'table|thead|tfoot|caption|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|header|footer|nav|figure|figcaption|details|summary'
const OPENS_BLOCK = new RegExp(`^<\\/?(?:${BLOCK_TAGS})[\\s/>]`, 'i')
/** Marks where a figure goes; private-use characters cannot come from the export's text. */
const PLACEHOLDER = /\uE000(\d+)\uE001/g

export function hasBlocks(html: string): boolean {
  return /<!--\s*wp:/.test(html)
}

/** The body, converted; `resolve` says what each image became. */
export function convertBody(raw: string, resolve: ImageResolver): string {
  const blocks = hasBlocks(raw)
  const figures: string[] = []
  const place = (html: string) => `\n\n\uE000${figures.push(html) - 1}\uE001\n\n`
  let html = raw.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '')
  html = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g, (_, attrs: string, inner: string) => {
    const img = inner.match(/<img\b[^>]*>/i)?.[0]
    if (!img) return inner
    const caption = attribute(attrs, 'caption') || textOf(inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, ''))
    return place(figureHtml(img, caption, resolve))
  })
  html = html.replace(/<figure\b[^>]*>([\s\S]*?)<\/figure>/gi, (whole, inner: string) => {
    const img = inner.match(/<img\b[^>]*>/i)?.[0]
    if (!img) return whole
    return place(figureHtml(img, textOf(inner.match(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i)?.[1] ?? ''), resolve))
  })
  // An image on its own (classic posts): a figure of its own, splitting its paragraph.
  html = html.replace(/(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?/gi, (whole) => place(figureHtml(whole.match(/<img\b[^>]*>/i)![0], '', resolve)))
  html = html.replace(/\[\/?(?:gallery|audio|video|playlist|embed)\b[^\]]*\]/g, '')
  html = html.replace(/<(\/?)h1\b/gi, '<$1h2').replace(/<(\/?)h[56]\b/gi, '<$1h4')
  html = blocks ? html.replace(/\n\s*\n+/g, '\n') : autop(html)
  return html.replace(/<p>\s*(\uE000\d+\uE001)\s*<\/p>/g, '$1').replace(PLACEHOLDER, (_, i: string) => figures[Number(i)]).trim()
}

/** wpautop, simplified: blank lines part paragraphs, a single line break is a <br>, blocks stay as they are. */
export function autop(html: string): string {
  const spaced = html
    .replace(new RegExp(`(<(?:${BLOCK_TAGS})[\\s/>])`, 'gi'), '\n\n$1')
    .replace(new RegExp(`(<\\/(?:${BLOCK_TAGS})>)`, 'gi'), '$1\n\n')
  return spaced
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (OPENS_BLOCK.test(chunk) || /^\uE000\d+\uE001$/.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n')
}

function figureHtml(img: string, caption: string, resolve: ImageResolver): string {
  const src = attribute(img, 'src')
  const attachmentId = img.match(/\bwp-image-(\d+)\b/)?.[1]
  const image = resolve(src, attachmentId)
  const alt = attribute(img, 'alt') || image.alt
  if ('link' in image) {
    // Not in the library: the address stays, as a link readers can follow.
    return image.link ? `<p><a href="${escapeHtml(webAddress(image.link))}">${escapeHtml(caption || alt || fileNameOf(image.link))}</a></p>` : ''
  }
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''
  return `<figure class="article-image" data-media-id="${image.mediaId}"><img src="${escapeHtml(image.src)}" alt="${escapeHtml(alt)}" width="${image.width}" height="${image.height}">${figcaption}</figure>`
}

/** An address as a link carries it: Arabic file names percent-encoded. */
function webAddress(url: string): string {
  try {
    return new URL(url).href
  } catch {
    return url
  }
}

/** An attribute of a tag or shortcode, entities decoded. */
export function attribute(tag: string, name: string): string {
  const m = tag.match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i'))
  return m ? decodeEntities(m[1] ?? m[2]) : ''
}

/** Text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim()
}

/** A comment's HTML → plain text with its paragraphs (blank lines) and line breaks. */
export function commentText(html: string): string {
  const text = html
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
  return decodeEntities(text).replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim()
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', laquo: '«', raquo: '»', ndash: '–', mdash: '—' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return NAMED[entity.toLowerCase()] ?? whole
  })
}

export function fileNameOf(url: string): string {
  const path = url.split(/[?#]/)[0]
  return decodeTolerantly(path.slice(path.lastIndexOf('/') + 1))
}

/**
 * The same upload whatever size WordPress linked (`photo-300x200.jpg` is `photo.jpg`) and
 * however its Arabic name was encoded: host and path, decoded, without the size suffix.
 */
export function uploadKey(url: string): string {
  try {
    const u = new URL(url)
    return `${u.host.toLowerCase()}${decodeTolerantly(u.pathname).normalize('NFC').replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1')}`
  } catch {
    return url
  }
}

/** Points links at old permalinks to the new addresses; `target(href)` answers for each link. */
export function rewriteLinks(html: string, target: (href: string) => string | undefined): { html: string; changed: number } {
  let changed = 0
  const out = html.replace(/(<a\b[^>]*?\bhref\s*=\s*)("([^"]*)"|'([^']*)')/gi, (whole, before: string, _q: string, dq?: string, sq?: string) => {
    const href = decodeEntities(dq ?? sq ?? '')
    const to = target(href)
    if (to === undefined) return whole
    changed++
    return `${before}"${escapeHtml(to)}"`
  })
  return { html: out, changed }
}
