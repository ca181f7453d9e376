// Highlighting in the ORIGINAL text: the analyzer's token spans say where each matched word
// was written, so readers see their story's own spelling with <mark> around the words found.
import { analyze, normalizeForMatching, type Token } from './arabic-analyzer.js'

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
const CHUNK_CHARS = 500
/** Past a chunk's end, enough text for a window's worth of words after its last match. */
const TAIL_CHARS = 300
/** Snippets come from a bounded prefix: news puts what a story is about in its opening paragraphs. */
const SCAN_CHARS = 6000

/**
 * The window of about 30 words holding the most distinct matched words, escaped and marked,
 * with «…» where it was cut; undefined when nothing in the text matches. The text is analyzed a
 * chunk at a time, stopping at the first chunk with a match (most stories match in their lead).
 */
export function snippet(text: string, forms: MatchForms, words = SNIPPET_WORDS): string | undefined {
  const limit = Math.min(text.length, SCAN_CHARS)
  for (let from = 0; from < limit; ) {
    let to = Math.min(text.length, from + CHUNK_CHARS)
    // Extend the chunk to the end of a word and past a window's worth of words after it.
    while (to < text.length && /[\p{L}\p{N}\p{M}]/u.test(text[to])) to++
    const end = Math.min(text.length, to + TAIL_CHARS)
    if (!mayMatch(text.slice(from, end), forms)) {
      from = to
      continue
    }
    const tokens = analyze(text.slice(from, end), from)
    const hits: number[] = []
    tokens.forEach((t, i) => {
      if (t.start < to && isMatch(t, forms)) hits.push(i)
    })
    if (hits.length > 0) return window(text, tokens, hits, forms, words, from, end === text.length)
    from = to
  }
  return undefined
}

/**
 * False when no word of `text` can match, decided on the folded text with one regular
 * expression instead of analyzing it word by word (most chunks of most results hold no query
 * word). A word matches when its folded form is one of `exacts`, or its stem one of `stems`:
 * light10 only trims the word's ends, so the word is then the stem behind at most و and one
 * article, followed by suffixes from its list. The pattern allows any such combination (more
 * than the stemmer would strip), so it never misses a match; analysis then decides.
 */
function mayMatch(text: string, forms: MatchForms): boolean {
  const folded = normalizeForMatching(text)
  // Cheapest first: no form anywhere in the folded text, not even inside a longer word.
  if (![...forms.stems, ...forms.exacts].some((form) => folded.includes(form))) return false
  return candidatePattern(forms).test(` ${folded.replace(NOT_WORD, ' ')} `)
}

const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu
const patterns = new WeakMap<MatchForms, RegExp>()
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whole words only: the text's words are separated by single spaces when it is tested. */
function candidatePattern(forms: MatchForms): RegExp {
  let pattern = patterns.get(forms)
  if (!pattern) {
    const alternatives = [
      ...[...forms.exacts].map(escapeRegExp),
      ...[...forms.stems].map((s) => `(?:و)?(?:بال|كال|فال|ال|لل)?${escapeRegExp(s)}(?:ها|ان|ات|ون|ين|يه|ه|ي)*`),
    ]
    pattern = new RegExp(` (?:${alternatives.join('|')}) `)
    patterns.set(forms, pattern)
  }
  return pattern
}

function window(text: string, tokens: Token[], hits: number[], forms: MatchForms, words: number, chunkStart: number, reachesEnd: boolean): string {
  let best = { start: hits[0], distinct: 0, count: 0 }
  for (let h = 0; h < hits.length; h++) {
    const stems = new Set<string>()
    let count = 0
    for (let k = h; k < hits.length && hits[k] < hits[h] + words; k++) {
      stems.add(tokens[hits[k]].stem)
      count++
    }
    if (stems.size > best.distinct || (stems.size === best.distinct && count > best.count)) best = { start: hits[h], distinct: stems.size, count }
  }
  const startToken = Math.max(0, best.start - 4) // a little context before the first match
  const endToken = Math.min(tokens.length - 1, startToken + words - 1)
  const from = startToken === 0 && chunkStart === 0 ? 0 : tokens[startToken].start
  const to = endToken === tokens.length - 1 && reachesEnd ? text.length : tokens[endToken].end
  return (from > 0 ? '… ' : '') + render(text, tokens, forms, from, to) + (to < text.length ? ' …' : '')
}

/** The opening words of a text, escaped (a result whose match is only in the headline). */
export function leadSnippet(text: string, words = SNIPPET_WORDS): string {
  // Thirty words fit in a thousand characters nearly always; a token after the thirtieth proves it whole.
  let tokens = analyze(text.slice(0, 1000))
  if (tokens.length <= words && text.length > 1000) tokens = analyze(text.slice(0, 4000))
  if (tokens.length <= words) return escapeHtml(text)
  return escapeHtml(text.slice(0, tokens[words - 1].end)) + ' …'
}
