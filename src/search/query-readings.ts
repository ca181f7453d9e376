// Which readings of a query word to search, decided by the index (issue 13): a word the stories
// hold as written is matched as written, with the proclitics Arabic writes before it, and not by
// its stem; a stem widens the search only when the word as written is rare, and proclitics are
// peeled only in Arabic's order. Names gain most: «لوبان» is not «كلوب», «كوباني» not «بأنه».
import type { Db } from '../db/index.js'
import { afterPreposition, procliticForms, procliticReadings, stem, type Reading } from './arabic-analyzer.js'
import type { ParsedQuery, QueryClause, QueryTerm } from './query-parser.js'
import type { SearchEngine } from './search-engine.js'

/** A word held as written, with its proclitics, in at least this many articles (a page of results) is matched as written only. */
export const EXACT_ENOUGH = 10
/** A bare proclitic (no article after it) is peeled from a word held as written only if the base is this many times as common. */
const PEEL_RATIO = 4
/** A stem held by more than this many times the articles holding the word's forms stands for other words too: the word is matched as written. */
const STEM_RATIO = 2
/** Counting articles stops here: enough to compare a word with its base and its stem (a name of a few hundred stories against a stem of a thousand). */
const COUNT_UP_TO = 1000

/**
 * The query with each one-word clause resolved against the index (`forms`, `useStem`,
 * `alternatives`); words of a phrase keep their stems (adjacency makes a phrase precise), with
 * alternatives no article holds dropped. One to three statements whatever the query's length.
 */
export async function chooseReadings(db: Db, engine: SearchEngine, query: ParsedQuery): Promise<ParsedQuery> {
  const clauses = [...query.must, ...query.not]
  const words = [...new Set(clauses.filter((c) => c.terms.length === 1).map((c) => c.terms[0].exact))]
  // 1. How common each word and each base of a bare reading is, as written.
  const counted = words.flatMap((w) => {
    const readings = procliticReadings(w)
    const sure = sureReading(readings)
    if (sure) return [sure.base, w] // (the word as written: only whether any story holds it, `asCommonWord`)
    return [w, ...readings.filter(isBare).flatMap((r) => (afterPreposition(r) ? [r.base, r.base.slice(1)] : [r.base]))]
  })
  // …and how many hold each word's stem: a stem far commoner than the word's forms stands for other words too.
  const stemOf = new Map(clauses.filter((c) => c.terms.length === 1).map((c) => [c.terms[0].exact, c.terms[0].stem]))
  const { exact: counts, stems: stemCounts } = await engine.counts(db, { exact: [...new Set(counted.flatMap((w) => [w, 'ال' + w]))], stems: [...new Set(stemOf.values())] }, COUNT_UP_TO)
  // A word as written, bare or with the article: «بسيارات» may be read ب + «سيارات» when stories write «السيارات».
  const count = (form: string) => (counts.get(form) ?? 0) + (counts.get('ال' + form) ?? 0)
  const bases = new Map(words.map((w) => [w, basesOf(w, count)]))
  const family = (w: string) => bases.get(w)!.reduce((sum, b) => sum + count(b), 0)
  const stemIsTheWord = (w: string) => (stemCounts.get(stemOf.get(w)!) ?? 0) <= STEM_RATIO * family(w)
  // 2. A common word whose stem is its own is matched as before (its stems and its spelling); for
  // the others, which forms of their bases the stories hold, up to a page each.
  const common = new Set(words.filter((w) => family(w) >= EXACT_ENOUGH && stemIsTheWord(w)))
  const allForms = [...new Set(words.filter((w) => !common.has(w)).flatMap((w) => bases.get(w)!.flatMap(procliticForms)))]
  const held = (await engine.counts(db, { exact: allForms }, EXACT_ENOUGH)).exact
  // 3. Stems widening a rare word, and the alternatives of phrase words: only those some article holds.
  const resolved = new Map(words.map((w) => [w, common.has(w) ? asCommonWord(w, bases.get(w)!, (counts.get(w) ?? 0) > 0) : resolve(w, bases.get(w)!, held)]))
  const stems = [...new Set([...resolved.values()].flatMap((r) => r.stems).concat(clauses.filter((c) => c.terms.length > 1).flatMap((c) => c.terms.flatMap((t) => t.alternatives))))]
  // (The words' own stems were counted already: only the others are looked up.)
  const unknown = stems.filter((s) => !stemCounts.has(s))
  const known = new Set([...stems.filter((s) => (stemCounts.get(s) ?? 0) > 0), ...(unknown.length > 0 ? await engine.existing(db, unknown) : [])])
  const term = (t: QueryTerm, single: boolean): QueryTerm => {
    const r = single ? resolved.get(t.exact) : undefined
    if (!r) return { ...t, alternatives: t.alternatives.filter((a) => known.has(a)) }
    const useStem = r.stems.includes(t.stem)
    return { ...t, forms: r.forms, useStem, alternatives: r.stems.filter((s) => s !== t.stem && known.has(s)) }
  }
  const clause = (c: QueryClause): QueryClause => ({ terms: c.terms.map((t) => term(t, c.terms.length === 1)) })
  const must = query.must.map(clause)
  const byExact = new Map(must.filter((c) => c.terms.length === 1).map((c) => [c.terms[0].exact, c.terms[0]]))
  return { ...query, must, not: query.not.map(clause), words: query.words.map((t) => byExact.get(t.exact) ?? term(t, false)) }
}

/** The reading with the longest proclitics ending in the article, if any. */
const sureReading = (readings: Reading[]) => readings.filter((r) => r.article).sort((a, b) => b.proclitics.length - a.proclitics.length)[0]
const isBare = (r: Reading) => r.proclitics !== '' && !r.article

/**
 * The bases a word may be written from. A reading ending in the article is sure («وبالمدرسه» →
 * «مدرسه»). Otherwise the word itself, and each bare reading («وبريطانيا» → «بريطانيا») whose base
 * the stories hold, when the word as written is rare or the base far more common; after a
 * preposition, a base beginning with و or ف only when it is more common than without that letter
 * (a root letter, «لوزير»; not a conjunction out of order, «لوبان» → «وبان» → «بان»); and a
 * preposition after a conjunction only when its base is commoner than the conjunction's.
 */
function basesOf(word: string, count: (form: string) => number): string[] {
  const readings = procliticReadings(word)
  const sure = sureReading(readings)
  if (sure) return [sure.base]
  const written = count(word)
  const bases = [word]
  const peeled: Reading[] = []
  for (const r of readings.filter(isBare)) {
    const n = count(r.base)
    if (n === 0) continue
    if (afterPreposition(r) && n <= count(r.base.slice(1))) continue
    // A word the stories hold as written is peeled only to a commoner base: «بوتين» is not ب + «وتين».
    if (n <= written) continue
    // A preposition after a conjunction already peeled, only when its base is the commoner: «وبوتين»
    // is و + «بوتين», not و + ب + «وتين» (of «الوتين»); «وبريال» is و + ب + «ريال».
    if (peeled.some((shorter) => r.proclitics.startsWith(shorter.proclitics) && n <= count(shorter.base))) continue
    if (written >= EXACT_ENOUGH && n < Math.min(COUNT_UP_TO, PEEL_RATIO * written)) continue
    bases.push(r.base)
    peeled.push(r)
  }
  return bases
}

/**
 * A common word whose stem is its own: its spelling and the stems of its bases (light10's
 * conflations are its own forms). A spelling no story holds («وبالقرار», «وبأسعار») matches
 * nothing as written: its bases stand for it as a story writes them, without the conjunction and
 * preposition typed (the article kept when typed: «القرار», «أسعار»), so the story holding the
 * words ranks as for the words alone. A spelling some story holds is kept alone: a rare form the
 * reader typed is the best evidence there is.
 */
function asCommonWord(word: string, bases: string[], held: boolean) {
  const article = sureReading(procliticReadings(word)) ? 'ال' : ''
  const unwritten = [...new Set(bases.map((b) => (b === word ? b : article + b)))].filter((f) => f !== word)
  return { forms: held || unwritten.length === 0 ? [word] : unwritten, stems: [...new Set(bases.flatMap((b) => [stem(b), stem(b, { keepWaw: true })]))] }
}

/**
 * A word's forms as written (its bases with every proclitic Arabic writes before them, those some
 * article holds) and the stems widening it: none when its forms are in a page of articles or more;
 * when fewer, only stems that keep the base whole (the base with a suffix, «لوبانه», not «لوب» of
 * «اللوبي»); when none, the stems of its bases as light10 cuts them (a word written only inflected).
 */
function resolve(word: string, bases: string[], held: Map<string, number>): { forms: string[]; stems: string[] } {
  const forms = [...new Set(bases.flatMap(procliticForms))].filter((f) => (held.get(f) ?? 0) > 0)
  const found = forms.reduce((sum, f) => sum + (held.get(f) ?? 0), 0)
  // Held in a page of articles or more: the forms as written, without those fewer than a page of
  // articles hold (unless typed so, or a base itself: «مراجعون» of a story for «المراجعون» typed,
  // the article being a clitic as sure as any). bm25 weighs each form by its rarity, and a story's
  // rare «فالطاقه» would outrank the common «الطاقه» of the story the reader means.
  if (found >= EXACT_ENOUGH) {
    const common = forms.filter((f) => f === word || bases.includes(f) || (held.get(f) ?? 0) >= EXACT_ENOUGH)
    return { forms: common.length > 0 ? common : forms, stems: [] }
  }
  const stems = new Set(bases.flatMap((b) => [stem(b), stem(b, { keepWaw: true })]).filter((s) => found === 0 || bases.includes(s)))
  return { forms: forms.length > 0 ? forms : [word], stems: [...stems] }
}
