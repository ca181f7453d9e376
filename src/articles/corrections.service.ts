import { bumpContentVersion, type Db, inTransaction } from '../db/index.js'
import { Invalid, NotFound } from '../http/index.js'
import { articlePath } from './article.js'
import { announceArticleWritten } from './article-writes.js'
import * as queries from './corrections.queries.js'
import { isVisibleToReaders } from './visibility.js'

export type CorrectionKind = 'correction' | 'reply'

export interface CorrectionInput {
  kind: CorrectionKind
  body: string
  /** Who replies (a party named in the story): required for a reply. */
  party?: string
}

/** A dated correction, or a reply from a party named in the story (right of reply). */
export interface Correction {
  id: number
  kind: CorrectionKind
  body: string
  /** '' for a correction. */
  party: string
  createdAt: Date
}

/** A correction in the site-wide list (`/corrections`), with the story it corrects. */
export interface CorrectionOfArticle extends Correction {
  article: { id: number; title: string; path: string }
}

export const CORRECTION_MAX_CHARS = 2000
export const PARTY_MAX_CHARS = 200

const lengthOf = (text: string) => [...text].length

/** The input checked and tidied, or Invalid naming the field. */
function checked(input: CorrectionInput): { kind: CorrectionKind; body: string; party: string } {
  if (input.kind !== 'correction' && input.kind !== 'reply') throw new Invalid('invalid_parameter', 'kind')
  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim()
  if (!body) throw new Invalid('field_required', 'body')
  if (lengthOf(body) > CORRECTION_MAX_CHARS) throw new Invalid('field_too_long', 'body')
  const party = input.kind === 'reply' ? (input.party ?? '').replace(/\s+/g, ' ').trim() : ''
  if (input.kind === 'reply' && !party) throw new Invalid('field_required', 'party')
  if (lengthOf(party) > PARTY_MAX_CHARS) throw new Invalid('field_too_long', 'party')
  return { kind: input.kind, body, party }
}

/**
 * Adds a correction or a reply to a story that is published (or was, and has been unpublished), in one
 * transaction: the story's updated time moves, listeners hear of the write and cached pages go stale.
 */
export async function addCorrection(db: Db, articleId: number, input: CorrectionInput, accountId: number | null, now: Date): Promise<{ id: number; createdAt: Date }> {
  const { kind, body, party } = checked(input)
  const nowIso = now.toISOString()
  return inTransaction(db, async (trx) => {
    const article = await queries.findCorrectable(trx, articleId)
    if (!article) throw new NotFound('article_not_found', 'articleId')
    const wasPublished = isVisibleToReaders(article.status) || (article.status === 'unpublished' && article.published_at !== null)
    if (!wasPublished) throw new Invalid('article_not_published', 'articleId')
    const { id } = await queries.insertCorrection(trx, { article_id: articleId, kind, body, party, account_id: accountId, created_at: nowIso })
    await queries.touchArticle(trx, articleId, nowIso)
    await queries.insertCorrectedEvent(trx, articleId, accountId, kind, nowIso)
    await announceArticleWritten(trx, { id: articleId, status: article.status })
    await bumpContentVersion(trx)
    return { id, createdAt: now }
  })
}

type CorrectionRow = Awaited<ReturnType<typeof queries.correctionsOf>>[number]

const toCorrection = (row: CorrectionRow): Correction => ({
  id: row.id,
  kind: row.kind,
  body: row.body,
  party: row.party,
  createdAt: new Date(row.created_at),
})

/** An article's corrections and replies, in the order they were added. */
export async function listCorrectionsOf(db: Db, articleId: number): Promise<Correction[]> {
  return (await queries.correctionsOf(db, articleId)).map(toCorrection)
}

/** One page (from 1) of every correction and reply on stories readers can see, newest first, and the total. */
export async function listAllCorrections(db: Db, page: number, perPage = 20): Promise<{ corrections: CorrectionOfArticle[]; total: number }> {
  const [rows, total] = await Promise.all([queries.listVisibleCorrections(db, perPage, (page - 1) * perPage), queries.countVisibleCorrections(db)])
  const corrections = rows.map((row) => ({
    ...toCorrection(row),
    article: { id: row.article_id, title: row.article_title, path: articlePath(row.section_slug, row.article_id, row.article_slug) },
  }))
  return { corrections, total }
}

/** When the newest correction readers can see was added (the sitemap's lastmod of `/corrections`). */
export async function latestCorrectionAt(db: Db): Promise<Date | null> {
  const at = await queries.latestVisibleCorrection(db)
  return at ? new Date(at) : null
}
