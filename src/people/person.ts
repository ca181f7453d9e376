export interface Person {
  id: number
  slug: string
  name: string
  title: string
  bio: string
  path: string
  mastheadPosition: number | null
  inMastheadLine: boolean
}

/** An author's page (listed by the articles feature). */
export const authorPath = (slug: string) => `/author/${encodeURIComponent(slug)}`
