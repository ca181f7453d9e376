import type { PageStyle } from './inline-assets.js'
import type { Formatter } from './format.js'

/** The skins a reader can choose; 'auto' follows the system's light or dark preference. */
export const SKIN_CHOICES = ['auto', 'default', 'dark'] as const
export type SkinChoice = (typeof SKIN_CHOICES)[number]
export type Skin = Exclude<SkinChoice, 'auto'>
export const isSkinChoice = (value: unknown): value is SkinChoice => typeof value === 'string' && (SKIN_CHOICES as readonly string[]).includes(value)

/** What the layout shows of the site's settings (src/site owns and stores them). */
export interface ChromeSettings {
  name: string
  tagline: string
  showHijri: boolean
}

/** A link the layout shows: a section in the navigation bar, a story in the breaking-news ticker. */
export interface ChromeLink {
  name: string
  path: string
}

/** A name in the masthead line of header and footer. */
export interface MastheadEntry extends ChromeLink {
  title: string
}

/**
 * What every reader page shows around its content. The views know no feature: the app composes
 * it from the features (src/page-chrome.ts), and routes get it with `loadChrome(request)`.
 */
export interface SiteChrome {
  settings: ChromeSettings
  sections: ChromeLink[]
  mastheadLine: MastheadEntry[]
  /** Breaking stories for the ticker (`name` is the headline). */
  urgent: ChromeLink[]
  baseUrl: string
  format: Formatter
  now: Date
  /** 'auto' follows prefers-color-scheme. */
  skin: SkinChoice
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
  /** og:image's size and alt text, when known. */
  imageInfo?: { width: number; height: number; alt: string }
  jsonLd?: object[]
  /** rel=prev/next for paginated listings. */
  prev?: string
  next?: string
  feeds?: boolean
  /** This listing's own feeds (`<basePath>/feed.xml`, `/atom.xml`, `/feed.json`), linked beside the site-wide ones. */
  feed?: { title: string; basePath: string }
  /** Which cut of site.css the page inlines (decision 036); 'plain' (the rules every page shares) when not given. */
  styles?: PageStyle
}
