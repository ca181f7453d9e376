import type { Image } from '../media/index.js'
export { authorPath } from '../people/index.js'
import type { ArticleStatus } from './articles.tables.js'

export type { ArticleStatus, Image }

export interface SectionRef {
  id: number
  slug: string
  name: string
}

export interface Section extends SectionRef {
  description: string
  path: string
}

export interface TagRef {
  id: number
  slug: string
  name: string
  path: string
}

export interface AuthorRef {
  id: number
  slug: string
  name: string
  title: string
  path: string
}

export interface Source {
  name: string
  url: string | null
}

/** What a listing (home, section, tag, author, feeds) needs: never the body. */
export interface ArticleSummary {
  id: number
  slug: string
  title: string
  summary: string
  path: string
  section: SectionRef
  publishedAt: Date | null
  updatedAt: Date
  isUrgent: boolean
  image: Image | null
  authors: AuthorRef[]
}

/** A whole article, as the article page and the API show it. */
export interface Article extends ArticleSummary {
  status: ArticleStatus
  bodyHtml: string
  dateline: string
  wordCount: number
  readingMinutes: number
  commentsOpen: boolean
  tags: TagRef[]
  sources: Source[]
  sourceUrl: string | null
  /** The desk's title and description for search engines, '' where unset (pages fall back to headline and dek). */
  seo: { title: string; description: string }
}

export function articlePath(sectionSlug: string, id: number, slug: string): string {
  return `/${encodeURIComponent(sectionSlug)}/${id}/${encodeURIComponent(slug)}`
}

export const sectionPath = (slug: string) => `/section/${encodeURIComponent(slug)}`
export const tagPath = (slug: string) => `/tag/${encodeURIComponent(slug)}`
