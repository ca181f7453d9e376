import type { Generated } from 'kysely'

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished'

export interface SectionTable {
  id: Generated<number>
  slug: string
  name: string
  description: Generated<string>
  position: Generated<number>
  on_home: Generated<number>
  requires_legal_review: Generated<number>
}

export interface TagTable {
  id: Generated<number>
  slug: string
  name: string
}

export interface ArticleTable {
  id: Generated<number>
  slug: string
  title: string
  summary: Generated<string>
  body_html: string
  word_count: Generated<number>
  status: ArticleStatus
  section_id: number
  dateline: Generated<string>
  image_id: number | null
  is_urgent: Generated<number>
  comments_open: Generated<number>
  source_url: string | null
  publish_at: string | null
  published_at: string | null
  updated_at: string
  created_at: string
  version: Generated<number>
  placement: ArticlePlacement | null
  requires_legal_review: Generated<number>
  legal_status: Generated<LegalStatus>
  legal_note: Generated<string>
  legal_account_id: number | null
  legal_at: string | null
  seo_title: Generated<string>
  seo_description: Generated<string>
  preview_token: string | null
  created_by: number | null
  updated_by: number | null
  /** An imported continuation folded into its story: readers are sent there. */
  merged_into_id: Generated<number | null>
}

export type ArticlePlacement = 'lead' | 'top'
export type LegalStatus = '' | 'pending' | 'approved' | 'returned'

export interface ArticleRevisionTable {
  id: Generated<number>
  article_id: number
  version: number
  account_id: number | null
  kind: 'save' | 'autosave' | 'restore'
  snapshot: string
  created_at: string
}

export interface ArticleCorrectionTable {
  id: Generated<number>
  article_id: number
  kind: 'correction' | 'reply'
  body: string
  party: Generated<string>
  account_id: number | null
  created_at: string
}

export interface ArticleEventTable {
  id: Generated<number>
  article_id: number
  account_id: number | null
  kind: string
  note: Generated<string>
  created_at: string
}

export interface ArticleAuthorTable {
  article_id: number
  person_id: number
  position: number
}

export interface ArticleTagTable {
  article_id: number
  tag_id: number
  position: number
}

export interface ArticleSourceTable {
  article_id: number
  position: number
  name: string
  url: string | null
}

export interface ArticleRelatedTable {
  article_id: number
  related_id: number
  position: number
  score: number
}
