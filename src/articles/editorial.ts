import type { ArticlePlacement, ArticleStatus, LegalStatus } from './articles.tables.js'
import type { Source } from './article.js'

export type { ArticlePlacement, LegalStatus }

/** What an editor changes on an article: a revision stores exactly these. */
export interface EditableFields {
  title: string
  /** The address's last part; made from the headline when empty. */
  slug: string
  summary: string
  bodyHtml: string
  sectionId: number
  tagIds: number[]
  authorIds: number[]
  sources: Source[]
  dateline: string
  imageId: number | null
  urgent: boolean
  placement: ArticlePlacement | null
  requiresLegalReview: boolean
  seoTitle: string
  seoDescription: string
  commentsOpen: boolean
}

export const EDITABLE_FIELD_NAMES = [
  'title',
  'slug',
  'summary',
  'bodyHtml',
  'sectionId',
  'tagIds',
  'authorIds',
  'sources',
  'dateline',
  'imageId',
  'urgent',
  'placement',
  'requiresLegalReview',
  'seoTitle',
  'seoDescription',
  'commentsOpen',
] as const satisfies readonly (keyof EditableFields)[]

/** A new article's fields before anyone types (and what an old revision lacks reads as). */
export const EMPTY_FIELDS: EditableFields = {
  title: '',
  slug: '',
  summary: '',
  bodyHtml: '',
  sectionId: 0,
  tagIds: [],
  authorIds: [],
  sources: [],
  dateline: '',
  imageId: null,
  urgent: false,
  placement: null,
  requiresLegalReview: false,
  seoTitle: '',
  seoDescription: '',
  commentsOpen: true,
}

/** Someone in the newsroom, as the article records them. */
export interface Actor {
  id: number
  name: string
}

/** An article as the newsroom sees it: every field, its workflow state and its version. */
export interface EditorialArticle extends EditableFields {
  id: number
  status: ArticleStatus
  /** Bumped by every write; a save naming an older one is refused (optimistic concurrency). */
  version: number
  /** The canonical path from creation on (404 to readers until published). */
  path: string
  sectionSlug: string
  publishAt: Date | null
  publishedAt: Date | null
  updatedAt: Date
  createdAt: Date
  createdBy: Actor | null
  updatedBy: Actor | null
  legal: {
    /** Required by the article itself or by its section. */
    required: boolean
    requiredBySection: boolean
    status: LegalStatus
    note: string
    decidedBy: Actor | null
    decidedAt: Date | null
  }
  previewToken: string | null
}

/** A saved state of an article, newest first in listings. */
export interface RevisionSummary {
  id: number
  version: number
  kind: 'save' | 'autosave' | 'restore'
  createdAt: Date
  user: Actor | null
}

export interface WorkflowEvent {
  id: number
  kind: string
  note: string
  createdAt: Date
  user: Actor | null
}

/** The statuses a newsroom list filters on, in workflow order. */
export const DESK_STATUSES = ['draft', 'review', 'scheduled', 'published', 'unpublished'] as const satisfies readonly ArticleStatus[]
