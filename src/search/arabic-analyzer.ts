// The Arabic analyzer: one set of pure functions for indexing and for queries alike.
// Normalization (NFKC, marks deleted, letters folded) then light10-style stemming
// (Larkey, Ballesteros and Connell 2007), with spans kept so matches can be highlighted
// in the original text.

/**
 * Bump when normalization, stemming or the index's token format changes: the stored index is then
 * stale until `nashra reindex`. 2: exact forms are stored marked, apart from stems (EXACT_MARK).
 * 3: proclitics peeled in Arabic's order only («فبالقرار» → «قرار»; «وفالقرار» kept).
 */
export const ANALYZER_VERSION = 3

export interface Token {
  /** Offsets into the original text (UTF-16 code units), for highlighting. */
  start: number
  end: number
  /** Folded, unstemmed form (exact and phrase matches). */
  exact: string
  /** Folded and light-stemmed form. */
  stem: string
}

// Tatweel, harakat, superscript alef, Quranic marks; plus invisible format characters
// (ZWNJ/ZWJ, bidi marks, BOM) that would otherwise split or disguise a word.
const DELETED = /[\u0640\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u200B-\u200F\u061C\u2066-\u2069\uFEFF]/g

const FOLDS: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
  'ک': 'ك',
  'ی': 'ي',
}
for (let d = 0; d < 10; d++) {
  FOLDS[String.fromCharCode(0x0660 + d)] = String(d) // Arabic-Indic
  FOLDS[String.fromCharCode(0x06f0 + d)] = String(d) // Persian
}
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g')

/**
 * Steps 1–3 of the analyzer, no stemming: NFKC, delete tatweel/harakat/marks, fold letter and
 * digit variants, lower-case Latin. Two spellings a reader would call "the same word" become equal.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DELETED, '')
    .replace(FOLDABLE, (c) => FOLDS[c] ?? c)
    .toLowerCase()
}

/** What each character below U+0700 folds to on its own (Latin, Arabic and their punctuation): most text needs no other. */
const FOLDED_CHAR = Array.from({ length: 0x700 }, (_, code) => normalizeForMatching(String.fromCharCode(code)))

/** The same as one UTF-16 code, or -1 where a character folds to nothing or to several. */
const FOLDED_CODE = Int32Array.from(FOLDED_CHAR, (folded) => (folded.length === 1 ? folded.charCodeAt(0) : -1))

/**
 * `normalizeForMatching` a character at a time, keeping for each folded character the offset of
 * the original character it came from: a match found in the folded text can then be marked in
 * the original. Marks deleted between letters join them as in the analyzer; a character outside
 * the table (presentation forms, other scripts) is normalized on its own. Codes are collected and
 * turned into a string once: as fast as normalizing the text in one go.
 */
export function foldWithOffsets(text: string): { folded: string; origin: number[] } {
  const codes: number[] = []
  const origin: number[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const single = code < FOLDED_CODE.length ? FOLDED_CODE[code] : -1
    if (single >= 0) {
      codes.push(single)
      origin.push(i)
      continue
    }
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length
    const out = code < FOLDED_CHAR.length ? FOLDED_CHAR[code] : normalizeForMatching(pair ? text.slice(i, i + 2) : text[i])
    for (let k = 0; k < out.length; k++) {
      codes.push(out.charCodeAt(k))
      origin.push(i)
    }
    if (pair) i++
  }
  let folded = ''
  for (let k = 0; k < codes.length; k += 8192) folded += String.fromCharCode(...codes.slice(k, k + 8192)) // bounded argument lists
  return { folded, origin }
}

const ARABIC_LETTER = /[\u0621-\u064A]/

// light10's article prefixes, in Arabic's order: a preposition then the article, or the article
// alone (longest first so بال wins over ال). The conjunction before them is peeled on its own.
const PREFIXES = ['بال', 'كال', 'ال', 'لل']
// Suffixes walked once, in order; ية and ة are already folded to يه and ه, kept for the record.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'يه', 'ه', 'ه', 'ي']

/**
 * Light stemming of one folded word (letters counted by code point). `keepWaw` skips the
 * و step, for queries: light10 turns «وزير» into «زير» but «الوزير» into «وزير».
 * Proclitics are peeled only in the order Arabic writes them: one conjunction (و, or ف before an
 * article: light10's «فال», and «فبال», «فلل» alike), then a preposition with the article, or the
 * article. Never a conjunction after a conjunction: light10 read «وفالX» as X, a form no one writes.
 */
export function stem(word: string, options: { keepWaw?: boolean } = {}): string {
  if (!ARABIC_LETTER.test(word)) return word
  let w = Array.from(word)
  if (!options.keepWaw && w[0] === 'و' && w.length - 1 >= 3) w = w.slice(1)
  // A bare ف is a root letter as often as not («فريق»): peeled only with the article after it.
  else if (w[0] === 'ف' && PREFIXES.some((p) => startsWithArticle(w.slice(1), p))) w = w.slice(1)
  const prefix = PREFIXES.find((p) => startsWithArticle(w, p))
  if (prefix) w = w.slice(Array.from(prefix).length)
  for (const suffix of SUFFIXES) {
    const s = Array.from(suffix)
    const at = w.length - s.length
    if (at >= 2 && s.every((c, i) => w[at + i] === c)) w = w.slice(0, at)
  }
  return w.join('')
}

/** Whether `w` begins with `prefix` and keeps two letters after it (light10's rule for the article). */
function startsWithArticle(w: string[], prefix: string): boolean {
  const p = Array.from(prefix)
  return w.length - p.length >= 2 && p.every((c, i) => w[i] === c)
}

/** One way of reading a folded word as proclitics and a base: «وبالمدرسه» → «وبال» + «مدرسه». */
export interface Reading {
  proclitics: string
  base: string
  /** The proclitics end in the article (ال, or ل+ال written «لل»): a reading all but sure (few names begin so). */
  article: boolean
}

const CONJUNCTIONS = ['', 'و', 'ف']
const PREPOSITIONS = ['', 'ب', 'ك', 'ل']
/** Letters a base must keep: two after an article (as light10), three after bare one-letter proclitics. */
const MIN_BASE_AFTER_ARTICLE = 2
const MIN_BASE_BARE = 3

/**
 * The readings of a folded word as proclitics written in the only order Arabic allows —
 * a conjunction (و ف), then a preposition (ب ك ل), then the article (ال; after ل written «لل») —
 * and a base; the word itself (no proclitics) first. A preposition is never read before a
 * conjunction: «كوفيد» is not ك + «وفيد», and so not «فيد». Whether a bare reading (no
 * article) is right is for the index to tell (a preposition's base may begin with a root و,
 * as «لوزير»): see `chooseReadings` in query-readings.ts.
 */
export function procliticReadings(word: string): Reading[] {
  const letters = Array.from(word)
  const readings: Reading[] = [{ proclitics: '', base: word, article: false }]
  if (!ARABIC_LETTER.test(word)) return readings
  for (const c of CONJUNCTIONS) {
    for (const p of PREPOSITIONS) {
      const bare = c + p
      for (const proclitics of [bare, p === 'ل' ? c + 'لل' : bare + 'ال']) {
        if (!proclitics) continue
        const article = proclitics !== bare
        const n = Array.from(proclitics).length
        const min = article ? MIN_BASE_AFTER_ARTICLE : MIN_BASE_BARE
        if (letters.length - n < min || letters.slice(0, n).join('') !== proclitics) continue
        readings.push({ proclitics, base: letters.slice(n).join(''), article })
      }
    }
  }
  return readings
}

/** A bare reading whose base begins with و or ف right after a preposition: a root letter («لوزير»), or a conjunction out of order («لوبان»). */
export const afterPreposition = (r: Reading) => !r.article && /[بكل]$/.test(r.proclitics) && /^[وف]/.test(r.base)

/** The forms a base is written in with proclitics, in Arabic's order (as `procliticReadings` reads them), the base itself first. */
export function procliticForms(base: string): string[] {
  const forms = new Set<string>()
  for (const c of CONJUNCTIONS) {
    for (const p of PREPOSITIONS) {
      forms.add(c + p + base)
      forms.add(p === 'ل' ? c + 'لل' + base : c + p + 'ال' + base)
    }
  }
  return [...forms]
}

const SPLIT = /[^\p{L}\p{N}\p{M}]+/u
/** Words longer than this are noise (URLs, pasted garbage); they are cut, not dropped. */
const MAX_TOKEN_CHARS = 48

/** Tokens of a text, each with its span in the original (plus `offset`), folded form and stem. */
export function analyze(text: string, offset = 0): Token[] {
  const tokens: Token[] = []
  forEachWord(text, (start, end) => {
    for (const form of formsOf.get(text, start, end)) tokens.push({ start: start + offset, end: end + offset, exact: form.exact, stem: form.stem })
  })
  return tokens
}

// A word in the original text: letters, digits, combining marks, tatweel, joiners.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}\u0640\u200C\u200D]$/u
// Marks, tatweel, joiners and Quranic marks: part of a word, but fold to nothing on their own.
const FOLDS_AWAY = /^[\p{M}\u0640\u200C\u200D\u06D6-\u06ED]$/u
// What each character below U+0700 is, looked up instead of tested: 0 not in a word, 1 in a word, 2 in a word but folds away.
const CHAR_KIND = Uint8Array.from({ length: 0x700 }, (_, code) => charKind(String.fromCharCode(code)))

function charKind(c: string): number {
  if (!WORD_CHAR.test(c)) return 0
  return FOLDS_AWAY.test(c) ? 2 : 1
}

/**
 * Calls `visit` with the span of each run of word characters, in order: the words the analyzer
 * reads; `foldsAway` when all its characters are marks, tatweel or joiners. Scanned a character at
 * a time against a table: half the time of a Unicode regex's matches over the corpus.
 */
function forEachWord(text: string, visit: (start: number, end: number, foldsAway: boolean) => void): void {
  let start = -1
  let foldsAway = true
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length
    const kind = code < CHAR_KIND.length ? CHAR_KIND[code] : charKind(pair ? text.slice(i, i + 2) : text[i])
    if (kind === 0) {
      if (start >= 0) visit(start, i, foldsAway)
      start = -1
      foldsAway = true
      continue
    }
    if (start < 0) start = i
    if (kind === 1) foldsAway = false
    if (pair) i++
  }
}

/**
 * The spans of a text's words as `analyze` finds them, without analyzing them (counting and
 * cutting snippets). A run of marks or tatweel alone («ـــ» as a dash) is no word: it folds to nothing.
 */
export function wordSpans(text: string, offset = 0): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = []
  forEachWord(text, (start, end, foldsAway) => {
    if (!foldsAway) spans.push({ start: start + offset, end: end + offset })
  })
  return spans
}

/** The stems of a text, in order (similarity). */
export function stems(text: string): string[] {
  return analyze(text).map((t) => t.stem)
}

/**
 * Exact (folded, unstemmed) forms are stored in the index with this mark in front: a word's stem
 * and its exact form are then different tokens, so each has its own posting list and no query
 * needs a column filter (FTS5 reads a filtered list whole, positions and all). Tatweel never
 * survives the analyzer, so no analyzed token starts with it.
 */
export const EXACT_MARK = '\u0640'

type Forms = { exact: string; stem: string }[]
/** A word as the index stores it: its exact tokens (marked) and stems, each space-joined; null when it folds to nothing. */
type IndexedWord = { exact: string; stem: string } | null

/**
 * News repeats its words, so each is analyzed once. A memo emptied when full, not an LRU:
 * indexing streams whole corpora through it, and recency bookkeeping did not pay (lru-cache
 * measured 1,090–1,920 ns a word against 830–1,830 for a Map, 2M Zipf-distributed lookups over
 * 300k words), so it stays hand-written (docs/decisions/012). Sized to hold a newspaper's
 * vocabulary: the corpus has 315,000 distinct words; at 200,000 the memo was emptied two or three
 * times a pass, and analyzing the corpus for its index took a fifth longer.
 *
 * A word is looked up by its span in the text it was found in, not as a string of its own: a Map
 * needed each word cut out of its text and hashed, and its lookups were the largest single cost of
 * indexing. The table holds [hash, word, analysis] side by side, probed linearly, and grows by
 * doubling from a small start (a process that analyzes a few queries keeps a few kilobytes).
 */
export class WordMemo<T> {
  private slots: unknown[] = new Array(3 * MIN_SLOTS).fill(undefined)
  private size = 0

  constructor(
    private readonly analyzeWord: (word: string) => T,
    private readonly maxWords = WORD_MEMO_SIZE,
  ) {}

  /** The analysis of `text.slice(start, end)`, the word cut out only when it is new. */
  get(text: string, start: number, end: number): T {
    const hash = wordHash(text, start, end)
    const found = this.find(hash, text, start, end)
    if (found >= 0) return this.slots[found + 2] as T
    const word = text.slice(start, end)
    const analyzed = this.analyzeWord(word)
    this.add(hash, word, analyzed)
    return analyzed
  }

  /** The index of the word's slot, or -1. */
  private find(hash: number, text: string, start: number, end: number): number {
    const { slots } = this
    const length = end - start
    for (let at = this.home(hash); ; at = (at + 3) % slots.length) {
      const word = slots[at + 1] as string | undefined
      if (word === undefined) return -1
      if (slots[at] !== hash || word.length !== length) continue
      let i = 0
      while (i < length && word.charCodeAt(i) === text.charCodeAt(start + i)) i++
      if (i === length) return at
    }
  }

  private add(hash: number, word: string, analyzed: T): void {
    if (this.size >= this.maxWords) this.clear()
    else if (2 * (this.size + 1) > this.slots.length / 3) this.grow()
    let at = this.home(hash)
    while (this.slots[at + 1] !== undefined) at = (at + 3) % this.slots.length
    this.slots[at] = hash
    this.slots[at + 1] = word
    this.slots[at + 2] = analyzed
    this.size++
  }

  private home(hash: number): number {
    return (hash & (this.slots.length / 3 - 1)) * 3
  }

  /** Twice the slots, the words put back: at most half the slots are ever in use. */
  private grow(): void {
    const old = this.slots
    this.slots = new Array(2 * old.length).fill(undefined)
    this.size = 0
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 1] !== undefined) this.add(old[at] as number, old[at + 1] as string, old[at + 2] as T)
    }
  }

  private clear(): void {
    this.slots.fill(undefined)
    this.size = 0
  }
}
const WORD_MEMO_SIZE = 500_000
const MIN_SLOTS = 1024

/** FNV-1a over the UTF-16 code units of `text.slice(start, end)`, kept to 30 bits (a small integer to V8). */
export function wordHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 2
}

/** The forms of one word of the original text. */
function analyzeWord(word: string): Forms {
  const forms: Forms = []
  // NFKC can expand one character into several words (ligatures such as ﷺ): all share the span.
  for (const part of normalizeForMatching(word).split(SPLIT)) {
    if (!part) continue
    const exact = part.length > MAX_TOKEN_CHARS ? Array.from(part).slice(0, MAX_TOKEN_CHARS).join('') : part
    forms.push({ exact, stem: stem(exact) })
  }
  return forms
}

/** One word as the index stores it: its forms' exact tokens and stems, joined once. */
function indexWord(word: string): IndexedWord {
  const forms = analyzeWord(word)
  if (forms.length === 0) return null
  return { exact: forms.map((f) => EXACT_MARK + f.exact).join(' '), stem: forms.map((f) => f.stem).join(' ') }
}

const formsOf = new WordMemo(analyzeWord)
// The index's own memo, of the joined strings alone: entries half the size of the forms' (the
// analysis of the corpus for its index took a quarter more time through the forms' memo).
const indexedWord = new WordMemo(indexWord)

/**
 * A text as the index stores it: exact tokens (marked with EXACT_MARK) and stems, each
 * space-joined in text order (the tokens of `analyze`).
 */
export function indexForms(text: string): { exact: string; stem: string } {
  const exact: string[] = []
  const stemmed: string[] = []
  forEachWord(text, (start, end) => {
    const word = indexedWord.get(text, start, end)
    if (word === null) return
    exact.push(word.exact)
    stemmed.push(word.stem)
  })
  return { exact: exact.join(' '), stem: stemmed.join(' ') }
}
