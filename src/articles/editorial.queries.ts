import { sql } from 'kysely'
import type { Db } from '../db/index.js'
import type { ArticleStatus } from './articles.tables.js'

/** Every column the newsroom edits or shows, with the section and the people who touched it. */
export function findEditorialRow(db: Db, id: number) {
  return db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .leftJoin('account as creator', 'creator.id', 'article.created_by')
    .leftJoin('account as updater', 'updater.id', 'article.updated_by')
    .leftJoin('account as lawyer', 'lawyer.id', 'article.legal_account_id')
    .where('article.id', '=', id)
    .selectAll('article')
    .select([
      'section.slug as section_slug',
      'section.requires_legal_review as section_requires_legal_review',
      'creator.name as creator_name',
      'updater.name as updater_name',
      'lawyer.name as lawyer_name',
    ])
    .executeTakeFirst()
}

export type EditorialRow = NonNullable<Awaited<ReturnType<typeof findEditorialRow>>>

export function relationIdsOf(db: Db, id: number) {
  return Promise.all([
    db.selectFrom('article_tag').where('article_id', '=', id).select('tag_id').orderBy('position').execute(),
    db.selectFrom('article_author').where('article_id', '=', id).select('person_id').orderBy('position').execute(),
    db.selectFrom('article_source').where('article_id', '=', id).select(['name', 'url']).orderBy('position').execute(),
  ])
}

export async function anyDueScheduled(db: Db, nowIso: string): Promise<boolean> {
  const row = await db.selectFrom('article').where('status', '=', 'scheduled').where('publish_at', '<=', nowIso).select('id').limit(1).executeTakeFirst()
  return row !== undefined
}

/**
 * Claims and publishes every scheduled article whose time has come, in one statement: two
 * schedulers on one database cannot both claim an article (the second finds it published).
 */
export function claimDueScheduled(db: Db, nowIso: string) {
  return db
    .updateTable('article')
    .set({
      status: 'published',
      published_at: sql`coalesce(publish_at, ${nowIso})`,
      updated_at: nowIso,
      version: sql<number>`version + 1`,
    })
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', nowIso)
    .returning(['id', 'title', 'summary', 'body_html'])
    .execute()
}

export function insertRevision(
  db: Db,
  row: { article_id: number; version: number; account_id: number | null; kind: 'save' | 'autosave' | 'restore'; snapshot: string; created_at: string },
) {
  return db.insertInto('article_revision').values(row).returning('id').executeTakeFirstOrThrow()
}

export function latestRevision(db: Db, articleId: number) {
  return db
    .selectFrom('article_revision')
    .where('article_id', '=', articleId)
    .select(['id', 'account_id', 'kind', 'created_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function replaceRevision(db: Db, id: number, row: { version: number; snapshot: string; created_at: string }) {
  return db.updateTable('article_revision').set(row).where('id', '=', id).execute()
}

export function listRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('article_revision')
    .leftJoin('account', 'account.id', 'article_revision.account_id')
    .where('article_revision.article_id', '=', articleId)
    .select(['article_revision.id', 'article_revision.version', 'article_revision.kind', 'article_revision.created_at', 'account.id as account_id', 'account.name as account_name'])
    .orderBy('article_revision.id', 'desc')
    .execute()
}

export function findRevision(db: Db, articleId: number, revisionId: number) {
  return db
    .selectFrom('article_revision')
    .leftJoin('account', 'account.id', 'article_revision.account_id')
    .where('article_revision.article_id', '=', articleId)
    .where('article_revision.id', '=', revisionId)
    .select([
      'article_revision.id',
      'article_revision.version',
      'article_revision.kind',
      'article_revision.snapshot',
      'article_revision.created_at',
      'account.id as account_id',
      'account.name as account_name',
    ])
    .executeTakeFirst()
}

export function insertEvent(db: Db, row: { article_id: number; account_id: number | null; kind: string; note?: string; created_at: string }) {
  return db.insertInto('article_event').values(row).execute()
}

export function listEvents(db: Db, articleId: number) {
  return db
    .selectFrom('article_event')
    .leftJoin('account', 'account.id', 'article_event.account_id')
    .where('article_event.article_id', '=', articleId)
    .select(['article_event.id', 'article_event.kind', 'article_event.note', 'article_event.created_at', 'account.id as account_id', 'account.name as account_name'])
    .orderBy('article_event.id', 'desc')
    .limit(50)
    .execute()
}

/** Media ids among `ids` whose alt text is empty (an image needs one before it is published). */
export function imagesWithoutAlt(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('media').where('id', 'in', ids).where(sql<boolean>`trim(alt) = ''`).select('id').execute()
}

export function existingMediaIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('media').where('id', 'in', ids).select('id').execute()
}

export interface DeskFilter {
  status?: ArticleStatus
  /** Only articles this account created (a writer's desk). */
  createdBy?: number
  sectionId?: number
  /** Words of the headline. */
  q?: string
  /** The legal queue: awaiting a legal decision. */
  legalPending?: boolean
}

function deskQuery(db: Db, filter: DeskFilter) {
  let query = db.selectFrom('article').innerJoin('section', 'section.id', 'article.section_id')
  if (filter.status) query = query.where('article.status', '=', filter.status)
  if (filter.createdBy !== undefined) query = query.where('article.created_by', '=', filter.createdBy)
  if (filter.sectionId !== undefined) query = query.where('article.section_id', '=', filter.sectionId)
  if (filter.legalPending) query = query.where('article.legal_status', '=', 'pending').where('article.status', '=', 'review')
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where(sql<boolean>`article.title like ${pattern} escape '\\'`)
  }
  return query
}

export function listDesk(db: Db, filter: DeskFilter, limit: number, offset: number) {
  return deskQuery(db, filter)
    .leftJoin('account as updater', 'updater.id', 'article.updated_by')
    .select([
      'article.id',
      'article.title',
      'article.slug',
      'article.status',
      'article.version',
      'article.is_urgent',
      'article.placement',
      'article.legal_status',
      'article.requires_legal_review',
      'article.publish_at',
      'article.published_at',
      'article.updated_at',
      'article.created_by',
      'section.slug as section_slug',
      'section.name as section_name',
      'section.requires_legal_review as section_requires_legal_review',
      'updater.name as updater_name',
    ])
    .orderBy('article.updated_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

export async function countDesk(db: Db, filter: DeskFilter): Promise<number> {
  const row = await deskQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function countByStatus(db: Db, createdBy?: number) {
  let query = db.selectFrom('article').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status')
  if (createdBy !== undefined) query = query.where('created_by', '=', createdBy)
  return query.execute()
}

