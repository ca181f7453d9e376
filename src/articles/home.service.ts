import type { Db } from '../db/index.js'
import type { ArticleSummary, Section } from './article.js'
import { getSummariesByIds } from './articles.service.js'
import * as queries from './home.queries.js'
import { blockLeadIndex, collapseDuplicates, pickFront, type Candidate, type Story } from './home.selection.js'
import { listHomeSections } from './taxonomy.service.js'

/** A card of the front page: the story, and how many near-identical reports it stands for. */
export interface HomeStory {
  article: ArticleSummary
  /** Other reports of the same news collapsed into this card (0: none). */
  related: number
}

export interface HomeBlock {
  section: Section
  lead: HomeStory
  more: HomeStory[]
}

export interface HomeData {
  lead: HomeStory | null
  top: HomeStory[]
  latest: HomeStory[]
  sections: HomeBlock[]
}

const TOP = 4
const LATEST = 16
/** The recent stories the rule picks from when the desk has placed nothing: about a day of a busy wire. */
const POOL = 200
const BLOCK = 4
const BLOCK_FETCH = 10

const candidateOf = (r: queries.CandidateRow): Candidate => ({
  id: r.id,
  title: r.title,
  wordCount: r.word_count,
  sourceUrl: r.source_url,
  hasImage: r.image_id !== null,
  sectionId: r.section_id,
  publishedAt: new Date(r.published_at ?? 0),
})

/**
 * The front page, no story twice: the lead and top stories (the desk's placements, else the
 * longest recent non-wire stories), the latest with near-identical reports collapsed, then a
 * block per section shown on the home page, in the sections' order.
 */
export async function getHomePage(db: Db): Promise<HomeData> {
  const [placedLead, placedTop, newest, sections] = await Promise.all([
    queries.listPlacedCandidates(db, 'lead', 1),
    queries.listPlacedCandidates(db, 'top', TOP + 1),
    queries.listNewestCandidates(db, {}, POOL),
    listHomeSections(db),
  ])
  const pool = collapseDuplicates(newest.map(candidateOf))
  // A placed story is shown as placed, standing for the reports it collapsed with in the pool.
  const withKin = (c: Candidate): Story => ({ shown: c, members: pool.find((s) => s.members.some((m) => m.id === c.id))?.members ?? [c] })
  const front = pickFront({
    placedLead: placedLead[0] && withKin(candidateOf(placedLead[0])),
    placedTop: placedTop.map((r) => withKin(candidateOf(r))),
    pool,
    topCount: TOP,
  })
  const above = [front.lead, ...front.top].filter((s): s is Story => s !== undefined)
  const shownIds = new Set(above.flatMap((s) => s.members.map((m) => m.id)))
  const latest = pool.filter((s) => !s.members.some((m) => shownIds.has(m.id))).slice(0, LATEST)
  for (const s of latest) s.members.forEach((m) => shownIds.add(m.id))

  const blocks = await Promise.all(
    sections.map(async (section) => {
      const rows = await queries.listNewestCandidates(db, { sectionId: section.id, excludeIds: [...shownIds] }, BLOCK_FETCH)
      const stories = collapseDuplicates(rows.map(candidateOf)).slice(0, BLOCK)
      const leadAt = blockLeadIndex(stories)
      return { section, stories: stories.length ? [stories[leadAt], ...stories.filter((_, i) => i !== leadAt)] : [] }
    }),
  )

  const all = [...above, ...latest, ...blocks.flatMap((b) => b.stories)]
  const summaries = new Map((await getSummariesByIds(db, all.map((s) => s.shown.id))).map((a) => [a.id, a]))
  const card = (s: Story): HomeStory[] => {
    const article = summaries.get(s.shown.id)
    return article ? [{ article, related: s.members.length - 1 }] : []
  }
  return {
    lead: front.lead ? (card(front.lead)[0] ?? null) : null,
    top: front.top.flatMap(card),
    latest: latest.flatMap(card),
    sections: blocks
      .map(({ section, stories }) => ({ section, cards: stories.flatMap(card) }))
      .filter((b) => b.cards.length > 0)
      .map(({ section, cards }) => ({ section, lead: cards[0], more: cards.slice(1) })),
  }
}
