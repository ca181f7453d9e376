// The two figures of the editor contract: an image from the media library with its caption and
// credit, and an embed by URL. Both are atoms (edited as a whole, never inside).
import { Node } from '@tiptap/core'
import type { DOMOutputSpec } from '@tiptap/pm/model'
import { embedUrl, isSafeImageSrc } from './urls.js'

export interface FigureImageAttrs {
  mediaId: number | null
  src: string
  alt: string
  width: number | null
  height: number | null
  caption: string
  credit: string
}

const positive = (value: string | null | undefined) => {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

/** The caption without the credit span, and the credit. */
function readCaption(figure: HTMLElement): { caption: string; credit: string } {
  const figcaption = figure.querySelector('figcaption')
  if (!figcaption) return { caption: '', credit: '' }
  const copy = figcaption.cloneNode(true) as HTMLElement
  const credit = copy.querySelector('.credit')
  credit?.remove()
  return { caption: copy.textContent?.trim() ?? '', credit: credit?.textContent?.trim() ?? '' }
}

const imageOf = (figure: HTMLElement) => figure.querySelector('img')

export const FigureImage = Node.create({
  name: 'figureImage',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const attr = (read: (figure: HTMLElement) => unknown, fallback: unknown) => ({
      default: fallback,
      rendered: false,
      parseHTML: (figure: HTMLElement) => read(figure) ?? fallback,
    })
    return {
      mediaId: attr((f) => positive(f.getAttribute('data-media-id')), null),
      src: attr((f) => imageOf(f)?.getAttribute('src'), ''),
      alt: attr((f) => imageOf(f)?.getAttribute('alt'), ''),
      width: attr((f) => positive(imageOf(f)?.getAttribute('width')), null),
      height: attr((f) => positive(imageOf(f)?.getAttribute('height')), null),
      caption: attr((f) => readCaption(f).caption, ''),
      credit: attr((f) => readCaption(f).credit, ''),
    }
  },

  parseHTML() {
    return [
      {
        tag: 'figure.article-image',
        getAttrs: (figure) => {
          const src = imageOf(figure)?.getAttribute('src')
          return src && isSafeImageSrc(src) ? null : false
        },
      },
    ]
  },

  renderHTML({ node }) {
    const a = node.attrs as FigureImageAttrs
    const img: Record<string, string> = { src: a.src, alt: a.alt }
    if (a.width) img.width = String(a.width)
    if (a.height) img.height = String(a.height)
    const figure: Record<string, string> = { class: 'article-image' }
    if (a.mediaId) figure['data-media-id'] = String(a.mediaId)
    const caption: Array<string | DOMOutputSpec> = []
    if (a.caption) caption.push(a.credit ? `${a.caption} ` : a.caption)
    if (a.credit) caption.push(['span', { class: 'credit' }, a.credit])
    return caption.length ? ['figure', figure, ['img', img], ['figcaption', ...caption]] : ['figure', figure, ['img', img]]
  },
})

/** The embed figure; `hosts` are the page's `data-embed-hosts` (a pasted figure from elsewhere is refused too). */
export const Embed = Node.create<{ hosts: string[] }>({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { hosts: [] }
  },

  addAttributes() {
    return { url: { default: '', rendered: false, parseHTML: (figure: HTMLElement) => figure.getAttribute('data-embed-url') ?? '' } }
  },

  parseHTML() {
    return [
      {
        tag: 'figure.embed[data-embed-url]',
        getAttrs: (figure) => (embedUrl(figure.getAttribute('data-embed-url') ?? '', this.options.hosts) ? null : false),
      },
    ]
  },

  renderHTML({ node }) {
    const url = String(node.attrs.url)
    return ['figure', { class: 'embed', 'data-embed-url': url }, ['a', { href: url }, url]]
  },
})
