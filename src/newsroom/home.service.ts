import { listDeskArticles, type ArticleStatus, type DeskArticle, type DeskFilter } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { can, type Staff } from '../staff/index.js'
import * as queries from './desk.queries.js'

/** One line of the newsroom home: a count, where the full list is, and its newest articles. */
export interface HomeGroup {
  key: string
  title: string
  count: number
  href: string
  items: HomeItem[]
  /** A group that asks for attention (returned by the lawyer, the legal queue). */
  urgent?: boolean
}

export interface HomeItem {
  id: number
  title: string
  href: string
  status?: ArticleStatus
  updatedAt: Date
  publishAt?: Date | null
  note?: string
}

const NEWEST = 5

const itemOf = (a: DeskArticle, href = `/newsroom/articles/${a.id}/edit`): HomeItem => ({ id: a.id, title: a.title, href, status: a.status, updatedAt: a.updatedAt, publishAt: a.publishAt })

async function group(db: Db, key: string, title: string, href: string, filter: DeskFilter, link?: (a: DeskArticle) => string): Promise<HomeGroup> {
  const { articles, total } = await listDeskArticles(db, filter, { page: 1, limit: NEWEST })
  return { key, title, href, count: total, items: articles.map((a) => itemOf(a, link?.(a))) }
}

async function returned(db: Db, createdBy: number | undefined, title: string): Promise<HomeGroup> {
  const [rows, count] = await Promise.all([queries.listReturned(db, createdBy, NEWEST), queries.countReturned(db, createdBy)])
  return {
    key: 'returned',
    title,
    count,
    href: '/newsroom/articles?status=draft',
    urgent: count > 0,
    items: rows.map((r) => ({ id: r.id, title: r.title, href: `/newsroom/articles/${r.id}/edit`, updatedAt: new Date(r.updated_at), note: r.legal_note })),
  }
}

/**
 * What waits for this person: a writer's own drafts, reviews, schedule and what the lawyer
 * returned; the whole desk for an editor; the legal queue for the legal reviewer.
 */
export async function homeGroupsOf(db: Db, staff: Staff): Promise<HomeGroup[]> {
  const groups: HomeGroup[] = []
  if (can(staff.role, 'articles.edit')) {
    groups.push(
      await group(db, 'review', 'قيد المراجعة', '/newsroom/articles?status=review', { status: 'review' }),
      await group(db, 'legal', 'بانتظار المستشار القانوني', '/newsroom/articles?status=review', { legalPending: true }),
      await returned(db, undefined, 'أعادها المستشار القانوني'),
      await group(db, 'scheduled', 'مجدولة', '/newsroom/articles?status=scheduled', { status: 'scheduled' }),
      await group(db, 'draft', 'مسودات', '/newsroom/articles?status=draft', { status: 'draft' }),
      await group(db, 'published', 'منشورة', '/newsroom/articles?status=published', { status: 'published' }),
    )
  } else if (can(staff.role, 'articles.create')) {
    const mine = staff.id
    groups.push(
      await returned(db, mine, 'أعادها المستشار القانوني إليك'),
      await group(db, 'draft', 'مسوداتي', '/newsroom/articles?status=draft', { status: 'draft', createdBy: mine }),
      await group(db, 'review', 'مقالاتي قيد المراجعة', '/newsroom/articles?status=review', { status: 'review', createdBy: mine }),
      await group(db, 'scheduled', 'مقالاتي المجدولة', '/newsroom/articles?status=scheduled', { status: 'scheduled', createdBy: mine }),
    )
  }
  if (can(staff.role, 'articles.legal')) {
    const queue = await group(db, 'legal', 'تنتظر رأيك القانوني', '/newsroom/legal', { legalPending: true }, (a) => `/newsroom/legal/${a.id}`)
    groups.push({ ...queue, urgent: queue.count > 0 })
  }
  return groups
}
