import { escapeHtml } from '@kitajs/html'
import sanitizeHtml from 'sanitize-html'
import { applyEdits, type Edit, walkHtml } from '../views/index.js'
import { embedUrlOf } from './embeds.js'

// Editor and imported HTML is sanitised once, when it is saved; pages print it as stored (through
// renderArticleBody). The allow-list is exactly what the editor makes (notes/editor-contract.md):
// sanitize-html keeps those tags and attributes, then a second pass over its output keeps only the
// shapes the editor makes (an image inside its figure, a figure at the top level, an embed as one link).

const BLOCKS = ['p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li'] as const
const DIR = { name: 'dir', multiple: false, values: ['auto', 'rtl', 'ltr'] }
/** `/media/…`, a file the media library stored: no other host, no `..`, no scheme. */
const MEDIA_SRC = /^\/media\/(?!.*\.\.)[A-Za-z0-9._~%/-]+$/
const DIGITS = /^[0-9]{1,10}$/
const LINK_SCHEME = /^(https?:|mailto:)/i

export interface SanitizeOptions {
  /** The site's own origin (e.g. `https://news.example`): links there are not marked nofollow. */
  siteOrigin?: string
}

/** rel of a link the newsroom wrote: never an opener; links elsewhere nofollow ugc. */
export function relOf(href: string, siteOrigin?: string): string {
  if (/^mailto:/i.test(href)) return 'noopener'
  if (siteOrigin && (href === siteOrigin || href.startsWith(siteOrigin + '/'))) return 'noopener'
  return 'noopener nofollow ugc'
}

function keepDir(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return { tagName, attribs: DIR.values.includes(attribs.dir) ? { dir: attribs.dir } : {} }
}

function sanitizeOptions(siteOrigin?: string): sanitizeHtml.IOptions {
  return {
    allowedTags: [...BLOCKS, 'a', 'strong', 'b', 'em', 'i', 'br', 'figure', 'figcaption', 'img', 'span'],
    allowedAttributes: {
      ...Object.fromEntries(BLOCKS.map((tag) => [tag, [DIR]])),
      a: ['href', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'loading'],
      figure: ['data-media-id', 'data-embed-url'],
    },
    allowedClasses: { figure: ['article-image', 'embed'], span: ['credit'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'data-embed-url'],
    allowProtocolRelative: false,
    // Their content is not text for a reader either: dropped with the element.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'title', 'select', 'noembed', 'noframes', 'xmp'],
    transformTags: {
      // sanitize-html would keep a refused value's name (`<p dir>`): drop the attribute instead.
      ...Object.fromEntries(BLOCKS.map((tag) => [tag, keepDir])),
      a: (tagName, attribs) => {
        const href = (attribs.href ?? '').trim()
        const kept: Record<string, string> = LINK_SCHEME.test(href) ? { href, rel: relOf(href, siteOrigin) } : {}
        return { tagName, attribs: kept }
      },
      img: (tagName, attribs) => {
        const kept: Record<string, string> = {}
        if (MEDIA_SRC.test(attribs.src ?? '')) kept.src = attribs.src
        kept.alt = attribs.alt ?? ''
        if (DIGITS.test(attribs.width ?? '')) kept.width = attribs.width
        if (DIGITS.test(attribs.height ?? '')) kept.height = attribs.height
        return { tagName, attribs: { ...kept, loading: 'lazy' } }
      },
      figure: (tagName, attribs) => {
        const kept: Record<string, string> = {}
        const classes = (attribs.class ?? '').split(/\s+/)
        if (classes.includes('article-image') && DIGITS.test(attribs['data-media-id'] ?? '')) {
          kept.class = 'article-image'
          kept['data-media-id'] = attribs['data-media-id']
        } else if (classes.includes('embed')) {
          const url = embedUrlOf(attribs['data-embed-url'] ?? '')
          if (url) Object.assign(kept, { class: 'embed', 'data-embed-url': url })
        }
        return { tagName, attribs: kept }
      },
    },
  }
}

/** The article body as the editor may make it, whatever was sent (see the allow-list above). */
export function sanitizeArticleHtml(html: string, options: SanitizeOptions = {}): string {
  return keepEditorShapes(sanitizeHtml(html, sanitizeOptions(options.siteOrigin)), options.siteOrigin).trim()
}

interface Open {
  name: string
  attribs: Record<string, string>
  start: number
  end: number
  /** Removed with everything inside it. */
  drop: boolean
  /** Its tags removed, its content kept. */
  unwrap: boolean
  hasImage?: boolean
}

/**
 * The second pass: a figure only at the top level, an image or a caption only inside an image
 * figure (which must hold an image), nothing else inside one, a credit only in a caption, an
 * embed rewritten as the one link the editor makes, a link without an address unwrapped.
 */
function keepEditorShapes(html: string, siteOrigin?: string): string {
  const edits: Edit[] = []
  const stack: Open[] = []
  const parent = () => stack[stack.length - 1]
  const isImageFigure = (o: Open | undefined) => o?.name === 'figure' && o.attribs.class === 'article-image'
  walkHtml(html, {
    open(tag) {
      const up = parent()
      const inside = (name: string) => stack.some((o) => o.name === name)
      let drop = false
      let unwrap = false
      switch (tag.name) {
        case 'figure':
          drop = stack.length > 0 || !tag.attribs.class
          break
        case 'img':
          drop = !isImageFigure(up) || !tag.attribs.src || up.hasImage === true
          if (!drop) up.hasImage = true
          break
        case 'figcaption':
          drop = !isImageFigure(up)
          break
        case 'span':
          unwrap = tag.attribs.class !== 'credit' || up?.name !== 'figcaption'
          break
        case 'a':
          unwrap = !tag.attribs.href || inside('a')
          break
        default:
          // Inside an image figure only the image and its caption; inside a caption only inline text.
          if (isImageFigure(up)) drop = true
          else if (inside('figcaption') && (BLOCKS as readonly string[]).includes(tag.name)) unwrap = true
      }
      stack.push({ name: tag.name, attribs: tag.attribs, start: tag.start, end: tag.end, drop, unwrap })
    },
    text(run) {
      if (isImageFigure(parent()) && run.text.trim()) edits.push({ start: run.start, end: run.end, text: '' })
    },
    close(name, start, end) {
      const at = stack.map((o) => o.name).lastIndexOf(name)
      if (at === -1) return
      const element = stack.splice(at)[0]
      // A void element (img) is closed by the parser at its own start: the range ends after its tag.
      end = Math.max(end, element.end)
      if (element.drop || (isImageFigure(element) && !element.hasImage)) {
        edits.push({ start: element.start, end, text: '' })
      } else if (element.name === 'figure' && element.attribs.class === 'embed') {
        edits.push({ start: element.start, end, text: embedHtml(element.attribs['data-embed-url'], siteOrigin) })
      } else if (element.unwrap) {
        edits.push({ start: element.start, end: element.end, text: '' }, { start, end, text: '' })
      }
    },
  })
  return applyEdits(html, edits)
}

/** An embed as the editor stores it: the figure and one link to the address. */
function embedHtml(url: string, siteOrigin?: string): string {
  const href = escapeHtml(url)
  return `<figure class="embed" data-embed-url="${href}"><a href="${href}" rel="${relOf(url, siteOrigin)}">${href}</a></figure>`
}

/** Plain paragraphs (blank-line separated, as in wire copy) → <p> elements, escaped. */
export function paragraphsToHtml(text: string): string {
  return text
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n')
}
