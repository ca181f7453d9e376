// How the front page orders stories when the desk has not (docs/decisions/021-front-page.md):
// which stories are wire briefs, which headlines are the same report twice, and which recent
// stories deserve the lead and top slots. Pure functions over light rows; no database here.

/** What the front page knows of a story before it picks: never the body, never the dek. */
export interface Candidate {
  id: number
  title: string
  wordCount: number
  sourceUrl: string | null
  hasImage: boolean
  sectionId: number
  publishedAt: Date
}

/** One card: the report shown and the near-identical ones it stands for (newest first, itself included). */
export interface Story {
  shown: Candidate
  members: Candidate[]
}

/** News agencies whose copy arrives as short briefs; an imported story from these hosts is wire copy. */
export const WIRE_HOSTS = ['spa.gov.sa', 'wam.ae', 'kuna.net.kw', 'bna.bh', 'omannews.gov.om', 'qna.org.qa', 'petra.gov.jo', 'mena.org.eg', 'aa.com.tr', 'reuters.com', 'afp.com', 'apnews.com']

/** Below this many words a story is a brief: it may run in the lists, never as a lead or top story chosen by rule. */
export const BRIEF_WORDS = 150

/** Reports this close in time with near-identical headlines are collapsed into one card. */
export const DUPLICATE_WINDOW_MS = 36 * 3600_000

export function isWire(c: Pick<Candidate, 'sourceUrl'>): boolean {
  if (!c.sourceUrl) return false
  let host: string
  try {
    host = new URL(c.sourceUrl).hostname.toLowerCase()
  } catch {
    return false
  }
  return WIRE_HOSTS.some((h) => host === h || host.endsWith('.' + h))
}

/** A story that can stand as a lead or top story by itself: not agency copy, not a brief. */
export function isFeature(c: Candidate): boolean {
  return !isWire(c) && c.wordCount >= BRIEF_WORDS
}

const FUNCTION_WORDS = new Set(['في', 'من', 'علي', 'الي', 'عن', 'مع', 'و', 'او', 'ان', 'ما', 'لا', 'بعد', 'قبل', 'خلال', 'حول', 'بين'])
const ORDINAL = '(?:اولي|ثانيه|ثالثه|رابعه|خامسه|سادسه|سابعه|ثامنه|تاسعه|عاشره|اخيره|\\d+)'
const CONTINUATION = new RegExp(`\\s+اضافه\\s+${ORDINAL}\\s*$`)

/** The words of a headline as the duplicate check compares them: normalised Arabic, no wire label, no «إضافة أولى». */
export function headlineTokens(title: string): string[] {
  let text = title
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '') // harakat, dagger alef, tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  // A leading wire category («عام /», «رياضي /»), however the importer left it.
  text = text.replace(/^\s*[^\s/]+(?:\s+[^\s/]+)?\s*\/\s*/, '')
  text = text.replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim()
  text = text.replace(CONTINUATION, '')
  return text
    .split(' ')
    .map((w) => (w.length > 4 && w.startsWith('ال') ? w.slice(2) : w))
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !FUNCTION_WORDS.has(w))
}

/** Same report: one headline's words (four or more) all but contained in the other's, or most words shared (three or more). */
export function sameReport(a: Iterable<string>, b: Iterable<string>): boolean {
  const setA = a instanceof Set ? (a as Set<string>) : new Set(a)
  const setB = b instanceof Set ? (b as Set<string>) : new Set(b)
  const smaller = Math.min(setA.size, setB.size)
  if (smaller < 3) return false
  let shared = 0
  for (const w of setA) if (setB.has(w)) shared++
  const union = setA.size + setB.size - shared
  return (smaller >= 4 && shared / smaller >= 0.8) || shared / union >= 0.6
}

const moreWords = (a: Candidate, b: Candidate) => b.wordCount - a.wordCount

/**
 * Collapses near-identical reports (newest first in, newest first out): each card shows the
 * longest of its reports (of equals, the first filed), at the place of its newest one. Only
 * reports sharing a word are compared (an index by word): 200 headlines take about a millisecond.
 */
export function collapseDuplicates(candidates: Candidate[], windowMs = DUPLICATE_WINDOW_MS): Story[] {
  const groups: Candidate[][] = []
  const seen: { c: Candidate; words: Set<string>; group: number }[] = []
  const byWord = new Map<string, number[]>()
  for (const c of candidates) {
    const words = new Set(headlineTokens(c.title))
    const compared = new Set<number>()
    let group = -1
    for (const w of words)
      for (const i of byWord.get(w) ?? []) {
        if (compared.has(i)) continue
        compared.add(i)
        const other = seen[i]
        const close = Math.abs(other.c.publishedAt.getTime() - c.publishedAt.getTime()) <= windowMs
        if ((group < 0 || other.group < group) && close && sameReport(other.words, words)) group = other.group
      }
    if (group < 0) group = groups.push([]) - 1
    groups[group].push(c)
    for (const w of words) {
      const list = byWord.get(w)
      if (list) list.push(seen.length)
      else byWord.set(w, [seen.length])
    }
    seen.push({ c, words, group })
  }
  // The longest report, and of equals the first one filed (not its «إضافة أولى»).
  const shownOf = (members: Candidate[]) => [...members].sort((a, b) => moreWords(a, b) || a.publishedAt.getTime() - b.publishedAt.getTime())[0]
  return groups.map((members) => ({ shown: shownOf(members), members }))
}

/** Rank for the lead by rule: features first, then one with a picture, then the longest. */
function leadRank(a: Story, b: Story): number {
  return Number(isFeature(b.shown)) - Number(isFeature(a.shown)) || Number(b.shown.hasImage) - Number(a.shown.hasImage) || moreWords(a.shown, b.shown)
}

/**
 * Lead and top stories: the desk's placements first; empty slots are filled from the recent
 * pool by rule (leadRank), top stories from sections not yet shown before repeating one.
 */
export function pickFront(input: { placedLead: Story | undefined; placedTop: Story[]; pool: Story[]; topCount: number }): { lead: Story | undefined; top: Story[] } {
  const taken = new Set<number>()
  const take = (s: Story) => s.members.forEach((m) => taken.add(m.id))
  const isTaken = (s: Story) => s.members.some((m) => taken.has(m.id))
  const ranked = [...input.pool].sort(leadRank)

  const lead = input.placedLead ?? ranked[0]
  if (lead) take(lead)
  const top: Story[] = []
  for (const s of input.placedTop) {
    if (top.length === input.topCount) break
    if (!isTaken(s)) top.push(s), take(s)
  }
  const sections = new Set([lead, ...top].filter((s): s is Story => s !== undefined).map((s) => s.shown.sectionId))
  const fill = (accept: (s: Story) => boolean) => {
    for (const s of ranked) {
      if (top.length === input.topCount) return
      if (isTaken(s) || !accept(s)) continue
      top.push(s), take(s), sections.add(s.shown.sectionId)
    }
  }
  fill((s) => isFeature(s.shown) && !sections.has(s.shown.sectionId))
  fill((s) => isFeature(s.shown))
  fill(() => true)
  return { lead, top }
}

/** The story of a section block that leads it: the newest feature with a picture, else the newest feature, else the newest. */
export function blockLeadIndex(stories: Story[]): number {
  const pictured = stories.findIndex((s) => isFeature(s.shown) && s.shown.hasImage)
  if (pictured >= 0) return pictured
  const feature = stories.findIndex((s) => isFeature(s.shown))
  return feature >= 0 ? feature : 0
}
