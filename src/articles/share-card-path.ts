import { createHash } from 'node:crypto'

export const SHARE_CARD_SIZE = { width: 1200, height: 630 } as const

/** Bump when the card's design changes: every card gets a new address, and old ones are redrawn. */
const DESIGN = 1

/** What a card shows: the headline, the section's name and the site's name. */
export interface ShareCardText {
  title: string
  section: string
  siteName: string
}

/** 12 hex digits of SHA-256 over what the card shows: the address changes whenever the picture would. */
export function shareCardHash(card: ShareCardText): string {
  return createHash('sha256').update(JSON.stringify([DESIGN, card.title, card.section, card.siteName])).digest('hex').slice(0, 12)
}

/** `/og/<id>-<hash>.jpg`, served for a year as immutable (share-card.routes.ts). */
export function shareCardPath(id: number, card: ShareCardText): string {
  return `/og/${id}-${shareCardHash(card)}.jpg`
}

/** The card's alt text: it shows these words and nothing else. */
export function shareCardAlt(card: ShareCardText): string {
  return `${card.title} — ${card.section} | ${card.siteName}`
}
