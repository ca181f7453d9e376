// Highlighting in the ORIGINAL text: the analyzer's token spans say where each matched word
// was written, so readers see their story's own spelling with <mark> around the words found.
import { analyze, type Token } from './arabic-analyzer.js'

export interface MatchForms {
  stems: Set<string>
  exacts: Set<string>
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

const isMatch = (t: Token, forms: MatchForms) => forms.stems.has(t.stem) || forms.exacts.has(t.exact)

/** Escaped `text[from, to)` with matched spans wrapped in <mark>; nothing else is left raw. */
function render(text: string, tokens: Token[], forms: MatchForms, from: number, to: number): string {
  let out = ''
  let at = from
  for (const t of tokens) {
    if (t.start < at || t.end > to || !isMatch(t, forms)) continue // one span may carry several tokens (ligatures)
    out += escapeHtml(text.slice(at, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>'
    at = t.end
  }
  return out + escapeHtml(text.slice(at, to))
}

/** The whole text, escaped, with matched words marked (headlines). */
export function highlight(text: string, forms: MatchForms): string {
  return render(text, analyze(text), forms, 0, text.length)
}

const SNIPPET_WORDS = 30
const SCAN_CHARS = 20_000

/**
 * The window of about 30 words holding the most distinct matched words, escaped and marked,
 * with «…» where it was cut; undefined when nothing in the text matches.
 */
export function snippet(text: string, forms: MatchForms, words = SNIPPET_WORDS): string | undefined {
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text
  const tokens = analyze(scanned)
  const hits = tokens.map((t, i) => (isMatch(t, forms) ? i : -1)).filter((i) => i >= 0)
  if (hits.length === 0) return undefined
  let best = { start: hits[0], distinct: 0, count: 0 }
  for (const first of hits) {
    const inWindow = hits.filter((i) => i >= first && i < first + words)
    const distinct = new Set(inWindow.map((i) => tokens[i].stem)).size
    if (distinct > best.distinct || (distinct === best.distinct && inWindow.length > best.count)) {
      best = { start: first, distinct, count: inWindow.length }
    }
  }
  const startToken = Math.max(0, best.start - 4) // a little context before the first match
  const endToken = Math.min(tokens.length - 1, startToken + words - 1)
  const from = startToken === 0 ? 0 : tokens[startToken].start
  const to = endToken === tokens.length - 1 && scanned.length === text.length ? text.length : tokens[endToken].end
  return (from > 0 ? '… ' : '') + render(text, tokens, forms, from, to) + (to < text.length ? ' …' : '')
}

/** The opening words of a text, escaped (a result whose match is only in the headline). */
export function leadSnippet(text: string, words = SNIPPET_WORDS): string {
  const tokens = analyze(text.slice(0, 4000))
  if (tokens.length <= words) return escapeHtml(text)
  return escapeHtml(text.slice(0, tokens[words - 1].end)) + ' …'
}
