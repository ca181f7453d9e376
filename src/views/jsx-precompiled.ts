// What the elements that scripts/precompile-jsx.mjs folds into strings still need at render time:
// one attribute with a computed value, and one child. Both give exactly what @kitajs/html's
// runtime gives for them (jsx-precompiled.test.ts compares them on every kind of value); the
// common cases take a short path, the rare ones go to the runtime itself. Decision 035.
import { attributesToString, contentToString } from '@kitajs/html'

/** ` key="value"` as `<tag key={value}>` writes it: nothing for null, undefined and false; `"` escaped. */
export function jsxAttr(key: string, value: unknown): string {
  if (key === 'style') return attributesToString({ style: value })
  switch (typeof value) {
    case 'string':
      return ' ' + key + '="' + (value.includes('"') ? value.replaceAll('"', '&#34;') : value) + '"'
    case 'boolean':
      return value ? ' ' + key : ''
    case 'number':
      return ' ' + key + '="' + value + '"'
    case 'undefined':
      return ''
  }
  // null, dates, class lists, style objects and the rest: the runtime's own rules.
  return attributesToString({ [key]: value })
}

/** A child as `<tag>{content}</tag>` writes it (not escaped: that is what `safe` or BidiText is for). */
export function jsxText(content: unknown): string {
  if (typeof content === 'string') return content
  return synchronous(contentToString(content as never))
}

/** Children as `<tag safe>…</tag>` writes them: HTML-escaped as one string. */
export function jsxSafe(content: unknown): string {
  return synchronous(contentToString(content as never, true))
}

/** An async component would make the page a promise; no reader page has one, so say so loudly. */
function synchronous(text: unknown): string {
  if (typeof text !== 'string') throw new TypeError('a precompiled element got a promise as a child')
  return text
}
