// A reader's query → clauses of analyzed terms. Nothing the reader types reaches the engine as
// syntax: words become analyzed tokens (letters and digits only) and the engine quotes them.
import { afterPreposition, analyze, normalizeForMatching, procliticReadings, stem, type Token } from './arabic-analyzer.js'

export interface QueryTerm {
  exact: string
  stem: string
  /** Further stems the word may stand for: its bases with proclitics peeled in Arabic's order (`procliticReadings`). */
  alternatives: string[]
  /** Folded forms matched as written: the word, and once the index is asked (query-readings.ts), its base with proclitics. */
  forms: string[]
  /** Whether `stem` is matched; false when the word is matched as written (a name is not a stem of something else). */
  useStem: boolean
}

/** One word, or several that must be adjacent ("a quoted phrase", or a word like covid-19). */
export interface QueryClause {
  terms: QueryTerm[]
}

export interface ParsedQuery {
  must: QueryClause[]
  /** Every positive word in the order typed, stop words included (the phrase that ranks adjacency). */
  words: QueryTerm[]
  not: QueryClause[]
  /** The last word was still being typed (no trailing space): suggestions match it as a prefix. */
  openEnded: boolean
}

export const MAX_CLAUSES = 10
export const MAX_EXCLUDED = 5
const MAX_PHRASE_WORDS = 8

const PIECE = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g

/** Parses `"phrase"`, `-word`, `-"phrase"` and plain words; anything else is just text. */
export function parseQuery(input: string): ParsedQuery {
  const must: QueryClause[] = []
  const not: QueryClause[] = []
  for (const m of input.matchAll(PIECE)) {
    const negated = (m[1] ?? m[3]) === '-'
    const text = m[2] ?? m[4] ?? ''
    const tokens = analyze(text).slice(0, MAX_PHRASE_WORDS)
    if (tokens.length === 0) continue
    const clause = { terms: tokens.map((t) => toTerm(t, tokens.length > 1)) }
    if (negated) {
      if (not.length < MAX_EXCLUDED) not.push(clause)
    } else if (must.length < MAX_CLAUSES && !must.some((c) => sameClause(c, clause))) {
      must.push(clause)
    }
  }
  const words = must.flatMap((c) => c.terms)
  // «في», «على», «من» hold in nearly every story: required, they cost much and select nothing.
  const content = must.filter((c) => c.terms.length > 1 || !STOP_WORDS.has(c.terms[0].exact))
  return { must: content.length > 0 ? content : must, words, not, openEnded: input.length > 0 && !/[\s"]$/.test(input) }
}

// Function words: prepositions (alone, with و, with a pronoun), conjunctions, pronouns,
// demonstratives, relatives and particles. Folded by the analyzer's own rules («على» → «علي»,
// «إلى» → «الي», «لدى» → «لدي»).
const STOP_WORDS = new Set(
  `في من الي علي عن ان او ام ثم قد لقد لا ما لم لن مع هذا هذه ذلك تلك هناك هنا التي الذي الذين اللذين
  كان كانت يكون تكون بين حتي عند كل هو هي هم هما نحن انا انت
  وفي ومن والي وعلي وعن وان وقد ولا وما ولم ولن ومع وهذا وهذه وذلك وهو وهي وكان وكانت وبين
  فيه فيها فيهم منه منها منهم عليه عليها عليهم اليه اليها اليهم عنه عنها عنهم به بها بهم له لها لهم
  لدي لديه لديها لديهم معه معها معهم انه انها انهم كما لكن ولكن بل اذا اذ لو حيث منذ اي ايضا كذلك
  خلال بعد قبل دون غير نحو ضد عبر حول`
    .split(/\s+/)
    .map(normalizeForMatching),
)

function toTerm(token: Token, inPhrase: boolean): QueryTerm {
  return { exact: token.exact, stem: token.stem, alternatives: procliticAlternatives(token.exact, token.stem, inPhrase), forms: [token.exact], useStem: true }
}

/**
 * Further stems a query word may stand for, before the index is asked which readings hold
 * (suggestions use these as they are). The index stays light10 (proclitics in Arabic's order,
 * decision 029), which keeps a bare preposition; queries also try each base
 * of the word with its proclitics peeled in Arabic's order (light10 keeps a bare «بقرار»), in
 * both readings of a leading و, which light10 strips only when no article protects it («وزير» →
 * «زير» but «الوزير» → «وزير»). Never a preposition before a conjunction: «كوفيد» does not
 * stand for «فيد». In a phrase, also the word with a bare proclitic the reader did not type (a
 * story's «لترشيد» for «ترشيد»): adjacency keeps that precise, where a word alone would meet
 * other words' stems («كلوران» → «كلور», chlorine); a word alone gets such forms as written (query-readings.ts).
 */
export function procliticAlternatives(exact: string, stemmed: string, inPhrase = false): string[] {
  const found = new Set<string>()
  const readings = procliticReadings(exact)
  for (const reading of readings) {
    // After a preposition, a base beginning with و or ف: only the index can tell a root letter (query-readings.ts).
    if (afterPreposition(reading)) continue
    found.add(stem(reading.base, { keepWaw: true }))
    found.add(stem(reading.base))
  }
  const hasArticle = readings.some((r) => r.article)
  if (inPhrase && !hasArticle && Array.from(exact).length >= 3) for (const p of ['ب', 'ل', 'ك', 'ف']) found.add(stem(p + exact))
  found.delete(stemmed)
  return [...found]
}

function sameClause(a: QueryClause, b: QueryClause): boolean {
  return a.terms.length === b.terms.length && a.terms.every((t, i) => t.exact === b.terms[i].exact)
}

/** Every stem and exact form a query looks for (highlighting). */
export function queryForms(query: ParsedQuery): { stems: Set<string>; exacts: Set<string> } {
  const stems = new Set<string>()
  const exacts = new Set<string>()
  for (const clause of query.must) {
    for (const t of clause.terms) {
      if (t.useStem) stems.add(t.stem)
      for (const a of t.alternatives) stems.add(a)
      for (const f of t.forms) exacts.add(f)
    }
  }
  return { stems, exacts }
}
