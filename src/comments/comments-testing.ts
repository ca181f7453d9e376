// Seeds for the comment tests: one published article (and optionally a draft) in a fresh database.
import { createArticle, ensureSection } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { saveCommentSettings, type CommentSettings } from './comment-settings.js'

export async function seedCommentArticle(db: Db, options: { status?: 'published' | 'draft'; commentsOpen?: boolean; publishedAt?: Date; title?: string } = {}) {
  const now = options.publishedAt ?? new Date()
  const sectionId = await ensureSection(db, 'local', 'محليات')
  return createArticle(
    db,
    {
      title: options.title ?? 'افتتاح مكتبة عامة جديدة في الحي القديم',
      summary: 'مبادرة أهلية تعيد الحياة إلى مبنى مهجور',
      bodyHtml: '<p>افتتح سكان الحي القديم مكتبة عامة في مبنى ظلّ مهجوراً سنوات طويلة.</p>',
      sectionId,
      status: options.status ?? 'published',
      commentsOpen: options.commentsOpen,
      publishedAt: options.status === 'draft' ? null : now,
    },
    now,
  )
}

/** Rules that let a test post freely: no flood window, no fill time, first comments published at once. */
export const OPEN_RULES: Partial<CommentSettings> = { floodSeconds: 0, minFillSeconds: 0, holdFirstTime: false }

export async function openRules(db: Db, extra: Partial<CommentSettings> = {}) {
  return saveCommentSettings(db, { ...OPEN_RULES, ...extra })
}
