import type { Db } from '../db/index.js'
import type { ArticleStatus } from './article.js'

/** An article just written (created, updated, published, unpublished), inside the write's transaction. */
export interface ArticleWritten {
  id: number
  status: ArticleStatus
  /** The stored text, when the write has it at hand (so a listener needn't read and convert it again). */
  text?: { title: string; summary: string; body: string }
}

export type ArticleWriteListener = (trx: Db, written: ArticleWritten) => Promise<void>

// Who follows article writes (search keeps its index). Filled once at start-up by the app's
// wiring (src/app.ts `connectFeatures`), so articles need not know who listens.
const listeners = new Set<ArticleWriteListener>()

/** Adds a listener called inside every article write's transaction; adding the same one twice has no effect. */
export function listenToArticleWrites(listener: ArticleWriteListener): void {
  listeners.add(listener)
}

export async function announceArticleWritten(trx: Db, written: ArticleWritten): Promise<void> {
  for (const listener of listeners) await listener(trx, written)
}
