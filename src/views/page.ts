import type { ArticleSummary, SectionRef } from '../articles/article.js'
import type { Person } from '../people/person.js'
import type { SiteSettings, Skin } from '../site/site-settings.js'
import type { Formatter } from './format.js'

/** What every reader page shows around its content: built once per render by src/http/page-context.ts. */
export interface SiteChrome {
  settings: SiteSettings
  sections: SectionRef[]
  mastheadLine: Person[]
  urgent: ArticleSummary[]
  baseUrl: string
  format: Formatter
  now: Date
  /** 'auto' follows prefers-color-scheme. */
  skin: Skin | 'auto'
}

export interface PageMeta {
  title: string
  description?: string
  /** Path of this page (with its query), for the skin form to come back to. */
  path: string
  /** Absolute canonical URL. */
  canonical?: string
  noindex?: boolean
  ogType?: 'website' | 'article'
  image?: string
  jsonLd?: object[]
  /** rel=prev/next for paginated listings. */
  prev?: string
  next?: string
  feeds?: boolean
  /** This page's own RSS feed (a section's), linked beside the site-wide feeds. */
  feed?: { title: string; href: string }
}
