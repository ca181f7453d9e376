// Reader text in, reader text out: cleaning what is stored, and turning plain text into safe HTML.
import { createHash } from 'node:crypto'
import { escapeHtml } from '@kitajs/html'
import * as linkify from 'linkifyjs'
import { normalizeForMatching } from '../search/index.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// Bidi embeddings, overrides and isolates: they can reorder the text around a comment (U+202A–U+202E, U+2066–U+2069).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g
// Invisible characters with no typographic job in a comment; ZWNJ/ZWJ are kept (Persian, emoji) but runs collapse.
const ZERO_WIDTH = /[\u200B\u2060\uFEFF\u180E\u00AD]/g
const JOINER_RUNS = /([\u200C\u200D])[\u200C\u200D]+/g
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/g

/** True when the text came from invalid UTF-8 (replacement characters) or holds lone surrogates. */
export function isMalformed(text: string): boolean {
  return text.includes('\uFFFD') || LONE_SURROGATE.test(text)
}

/** Removes control, bidi and zero-width characters, normalizes to NFC and trims. */
export function cleanText(text: string, { multiline }: { multiline: boolean }): string {
  let out = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')
  out = out.replace(multiline ? CONTROL_MULTILINE : CONTROL_LINE, multiline ? '' : ' ')
  out = out.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '').replace(JOINER_RUNS, '$1').normalize('NFC')
  if (!multiline) return out.replace(/\s+/g, ' ').trim()
  return out
    .split('\n')
    .map((line) => line.replace(/[ \u00A0]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Length in characters (code points), as a reader counts them. */
export const charLength = (text: string) => [...text].length

/** Web links in a comment (e-mail addresses are not links here). */
export function countLinks(text: string): number {
  return linkify.find(text, 'url').length
}

/** The same text however it is spelled or spaced: for duplicates and word lists. */
export function matchingForm(text: string): string {
  return normalizeForMatching(text).replace(/\s+/g, ' ').trim()
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Words of `list` found in `text` as whole words (also with a leading و / ال / وال / بال / لل). */
export function findListedWord(text: string, list: readonly string[]): string | undefined {
  if (list.length === 0) return undefined
  const tokens = normalizeForMatching(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const joined = ` ${tokens.join(' ')} `
  for (const entry of list) {
    const words = normalizeForMatching(entry).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    if (words.length === 0) continue
    const phrase = words.join(' ')
    for (const prefix of ['', 'و', 'ال', 'وال', 'بال', 'لل', 'ف']) {
      if (joined.includes(` ${prefix}${phrase} `)) return entry
    }
  }
  return undefined
}

function linkifyLine(line: string): string {
  return linkify
    .tokenize(line)
    .map((token) => {
      const text = token.toString()
      if (token.t !== 'url' || !token.isLink) return escapeHtml(text)
      const href = token.toHref('https')
      if (!/^https?:\/\//i.test(href)) return escapeHtml(text)
      return `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${escapeHtml(text)}</a>`
    })
    .join('')
}

/** Plain text → HTML: escaped, paragraphs on blank lines, line breaks, web addresses linked (nofollow ugc). */
export function commentTextToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${para.split('\n').map(linkifyLine).join('<br />')}</p>`)
    .join('')
}

const segmenter = new Intl.Segmenter('ar', { granularity: 'grapheme' })
const firstGrapheme = (word: string) => segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? ''

/** Up to two initials for the avatar; a ZWNJ keeps Arabic initials from joining into a word. */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length === 0) return '؟'
  const first = firstGrapheme(words[0].replace(/^[^\p{L}\p{N}]+/u, ''))
  if (words.length === 1) return first.toUpperCase()
  // «العتيبي» → «ع»: the definite article is not the initial.
  const lastWord = words[words.length - 1].replace(/^[^\p{L}\p{N}]+/u, '')
  const last = firstGrapheme(/^ال.{2,}/u.test(lastWord) ? lastWord.slice(2) : lastWord)
  return `${first}\u200C${last}`.toUpperCase()
}

/** One of eight avatar colours, from the name only (never the email). */
export function avatarHue(name: string): number {
  let h = 0
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return h % 8
}
