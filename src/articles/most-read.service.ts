import type { IncomingMessage } from 'node:http'
import type { Db } from '../db/index.js'
import { articlePath } from './article.js'
import * as queries from './most-read.queries.js'
import { ViewCounter, type ViewBatch, type ViewCounterOptions } from './view-counter.js'

export const MOST_READ_PERIODS = ['day', 'week'] as const
export type MostReadPeriod = (typeof MOST_READ_PERIODS)[number]

export interface MostReadEntry {
  id: number
  title: string
  path: string
  views: number
}

export type MostReadLists = Record<MostReadPeriod, MostReadEntry[]>

/** Lists are recomputed after a flush that wrote views, or after this, or when the day turns. */
const LISTS_MAX_AGE_MS = 60_000
const LIST_LENGTH = 10

/** The newsroom days a period covers, ending on `today` ('YYYY-MM-DD'): the day itself, or seven days. */
export function periodDays(period: MostReadPeriod, today: string): { from: string; to: string } {
  if (period === 'day') return { from: today, to: today }
  const [y, m, d] = today.split('-').map(Number)
  return { from: new Date(Date.UTC(y, m - 1, d - 6)).toISOString().slice(0, 10), to: today }
}

/** Writes a batch of views, leaving out articles readers can no longer see; returns the views written. */
export async function writeViews(db: Db, batch: ViewBatch): Promise<number> {
  const ids = [...new Set([...batch.values()].flatMap((views) => [...views.keys()]))]
  if (ids.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    const visible = await queries.visibleIds(trx, ids)
    const rows = [...batch].flatMap(([day, views]) =>
      [...views].filter(([id]) => visible.has(id)).map(([id, n]) => ({ day, article_id: id, views: n })),
    )
    await queries.addViews(trx, rows)
    return rows.reduce((sum, row) => sum + row.views, 0)
  })
}

/** The most-read published articles of the period ending on `today`. */
export async function listMostRead(db: Db, period: MostReadPeriod, today: string, limit = LIST_LENGTH): Promise<MostReadEntry[]> {
  const { from, to } = periodDays(period, today)
  const rows = await queries.topArticles(db, from, to, limit)
  return rows.map((r) => ({ id: r.id, title: r.title, path: articlePath(r.section_slug, r.id, r.slug), views: Number(r.views) }))
}

/**
 * Most read, for one app: views counted in memory as pages are served, written in batches (every
 * NASHRA_VIEWS_FLUSH_SECONDS and on close), and the lists every page shows computed once for all of them.
 */
export class MostRead {
  readonly counter: ViewCounter
  private timer?: NodeJS.Timeout
  private flushing: Promise<number> = Promise.resolve(0)
  private memo?: { at: number; day: string; lists: Promise<MostReadLists> }
  private written = false

  constructor(
    private readonly db: Db,
    options: ViewCounterOptions,
  ) {
    this.counter = new ViewCounter(options)
  }

  /** Called by the page cache for each served article page (hot path: in memory only). */
  count(articleId: number, req: IncomingMessage): void {
    this.counter.count(articleId, req)
  }

  /** Writes what was counted; one flush at a time. A failed write keeps its views for the next. */
  flush(): Promise<number> {
    this.flushing = this.flushing.catch(() => 0).then(async () => {
      const batch = this.counter.take()
      try {
        const written = await writeViews(this.db, batch)
        if (written > 0) this.written = true
        return written
      } catch (err) {
        this.counter.putBack(batch)
        throw err
      }
    })
    return this.flushing
  }

  /** The day's and the week's lists, as of `now`. */
  lists(now = new Date()): Promise<MostReadLists> {
    const at = now.getTime()
    const day = this.counter.dayOf(at)
    const current = this.memo
    if (current && !this.written && current.day === day && at - current.at < LISTS_MAX_AGE_MS) return current.lists
    this.written = false
    const lists = Promise.all([listMostRead(this.db, 'day', day), listMostRead(this.db, 'week', day)]).then(([d, w]) => ({ day: d, week: w }))
    const entry = { at, day, lists }
    this.memo = entry
    lists.catch(() => {
      if (this.memo === entry) this.memo = undefined
    })
    return lists
  }

  /** Flushes every `intervalMs` until `stop`: views show in the lists within about that (docs/decisions/022). */
  start(intervalMs: number, onError: (err: unknown) => void): void {
    this.timer ??= setInterval(() => this.flush().catch(onError), intervalMs)
    this.timer.unref()
  }

  /** Stops the timer and writes what is left (on shutdown, before the database closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.flush()
  }
}
