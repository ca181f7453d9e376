import sax from 'sax'

/** An element as a strict XML parser read it: qualified name, attributes and decoded text. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  /** Namespace URI of the element (xmlns-aware parse). */
  uri: string
  children: XmlElement[]
  text: string
}

// XML 1.0 §2.2 characters and §4.6 predefined entities: sax alone lets both through.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/

/** Parses a whole document strictly (namespaces bound, tags matched, entities known) or throws. */
export function parseXml(xml: string): XmlElement {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) throw new Error('missing XML declaration')
  if (NOT_XML_CHAR.test(xml)) throw new Error('character not allowed in XML')
  if (BAD_REFERENCE.test(xml)) throw new Error('undefined entity reference')
  const parser = sax.parser(true, { xmlns: true })
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  parser.onerror = (error) => {
    throw error
  }
  parser.onopentag = (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])),
      uri: tag.uri,
      children: [],
      text: '',
    }
    if (stack.length > 0) stack.at(-1)!.children.push(element)
    else if (root) throw new Error('more than one root element')
    else root = element
    stack.push(element)
  }
  parser.onclosetag = () => {
    stack.pop()
  }
  parser.ontext = parser.oncdata = (text) => {
    if (stack.length > 0) stack.at(-1)!.text += text
    else if (text.trim()) throw new Error('text outside the root element')
  }
  parser.write(xml).close()
  if (!root) throw new Error('no root element')
  return root
}

/** Children named `name` (qualified, e.g. `dc:creator`). */
export const all = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name)

/** The one child named `name`, or throws. */
export function one(el: XmlElement, name: string): XmlElement {
  const found = all(el, name)
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${el.name}>, found ${found.length}`)
  return found[0]!
}
