// Pasted HTML from Word or a web page, before the editor's schema reads it. The schema already drops
// what it does not know (classes, styles, <font>, unknown tags); this keeps what the styles meant
// (bold, italic, Word's lists) and drops what would survive as text: Word's <o:p>&nbsp;</o:p>
// paragraphs, list bullets written as text, comments, empty paragraphs.

const JUNK = 'style, script, noscript, meta, link, title, xml, template, iframe, object, o\\:p'
// Parsing a style element or attribute in this page trips its CSP: style elements are dropped
// before parsing and style attributes renamed data-style, read from there.
const WORD_BULLET = '[data-style*="mso-list:Ignore" i], [data-style*="mso-list: Ignore" i]'
const EMPTY = /^[\s\u00a0\u200b\u200c\u200d\u200e\u200f]*$/

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes))
}

function rename(el: Element, tag: string): Element {
  const replacement = el.ownerDocument.createElement(tag)
  replacement.append(...Array.from(el.childNodes))
  for (const attr of Array.from(el.attributes)) replacement.setAttribute(attr.name, attr.value)
  el.replaceWith(replacement)
  return replacement
}

/** Word writes list items as paragraphs styled `mso-list`, each starting with its bullet as text. */
function wordLists(body: HTMLElement): void {
  let list: Element | undefined
  for (const p of Array.from(body.querySelectorAll('p'))) {
    const style = p.getAttribute('data-style') ?? ''
    if (!/mso-list:\s*l\d/i.test(style)) {
      list = undefined
      continue
    }
    const marker = p.querySelector(WORD_BULLET)
    const ordered = /^\s*[\d٠-٩a-z]+[.)]/i.test(marker?.textContent ?? '')
    marker?.remove()
    const tag = ordered ? 'OL' : 'UL'
    if (!list || list.tagName !== tag || list.nextElementSibling !== p) {
      list = p.ownerDocument.createElement(tag)
      p.before(list)
    }
    const li = p.ownerDocument.createElement('li')
    li.append(...Array.from(p.childNodes))
    list.append(li)
    p.remove()
  }
}

/** What inline styles meant, as elements the schema knows (Google Docs and Word style spans). */
function stylesToMarks(body: HTMLElement): void {
  for (const el of Array.from(body.querySelectorAll('[data-style]'))) {
    const style = el.getAttribute('data-style') ?? ''
    // Not Word's mso-bidi-font-weight: that one is about the other script's weight.
    const weight = /(?:^|[;\s])font-weight\s*:\s*([a-z0-9]+)/i.exec(style)?.[1].toLowerCase()
    const italic = /(?:^|[;\s])font-style\s*:\s*italic/i.test(style)
    const isBoldTag = el.tagName === 'B' || el.tagName === 'STRONG'
    // Google Docs wraps a whole paste in <b style="font-weight:normal">.
    if (isBoldTag && (weight === 'normal' || weight === '400')) {
      unwrap(el)
      continue
    }
    if (el.tagName !== 'SPAN') continue
    let inner: Element = el
    if (weight === 'bold' || Number(weight) >= 600) inner = rename(inner, 'strong')
    if (italic) wrapIn(inner, 'em')
  }
}

function wrapIn(el: Element, tag: string): Element {
  const wrapper = el.ownerDocument.createElement(tag)
  el.replaceWith(wrapper)
  wrapper.append(el)
  return wrapper
}

export function cleanPastedHtml(html: string): string {
  // A copy from this editor is already in the schema (and keeps its direction overrides).
  if (html.includes('data-pm-slice')) return html
  // Word's conditional comments (<![if !supportLists]>, <!--[if gte mso 9]><xml>…) parse as comments,
  // removed below; what they wrapped around a list bullet is read, then dropped, by wordLists.
  const inert = html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/(<[a-z][^>]*?\s)style(\s*=)/gi, '$1data-style$2')
  const doc = new DOMParser().parseFromString(inert, 'text/html')
  const body = doc.body
  body.querySelectorAll(JUNK).forEach((el) => el.remove())
  wordLists(body)
  body.querySelectorAll(WORD_BULLET).forEach((el) => el.remove())
  stylesToMarks(body)
  body.querySelectorAll('font, span').forEach(unwrap)
  body.querySelectorAll('h1').forEach((el) => rename(el, 'h2'))
  body.querySelectorAll('h4, h5, h6').forEach((el) => rename(el, 'h3'))
  for (const el of Array.from(body.querySelectorAll('*'))) {
    for (const name of ['data-style', 'class', 'id', 'lang', 'align', 'width', 'height']) el.removeAttribute(name)
  }
  // Word separates words with no-break spaces; Arabic wraps badly with them.
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.COMMENT_NODE) comments.push(node)
    else node.nodeValue = (node.nodeValue ?? '').replace(/\u00a0/g, ' ')
  }
  comments.forEach((node) => node.parentNode?.removeChild(node))
  for (const block of Array.from(body.querySelectorAll('p, h2, h3, li, blockquote, div'))) {
    if (EMPTY.test(block.textContent ?? '') && !block.querySelector('img, figure')) block.remove()
  }
  return body.innerHTML
}
