import type SQLite from 'better-sqlite3'
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

/** A new article for the bulk writer: its row as `rowFromInput` makes it, and its relations. */
export interface BulkArticle {
  row: Record<string, string | number | null> & { section_id: number }
  authorIds: number[]
  tagIds: number[]
  sources: { name: string; url: string | null }[]
}

export type ArticleBulkWriter = ReturnType<typeof articleBulkWriter>

/**
 * Writes new articles and their relations with prepared statements, on the connection of the
 * caller's transaction: the rows `createArticle` writes, without building a Kysely query per row
 * (most of an import's time before). Listeners are not called and the content version is not
 * bumped: the caller indexes the articles in bulk and bumps the version once.
 */
export function articleBulkWriter(sqlite: SQLite.Database) {
  const inserts = new Map<string, SQLite.Statement>()
  const author = sqlite.prepare('insert into article_author (article_id, person_id, position) values (?, ?, ?)')
  const tag = sqlite.prepare('insert into article_tag (article_id, tag_id, position) values (?, ?, ?)')
  const source = sqlite.prepare('insert into article_source (article_id, position, name, url) values (?, ?, ?, ?)')
  const insertOf = (columns: string[]) => {
    const key = columns.join()
    let statement = inserts.get(key)
    if (!statement) {
      statement = sqlite.prepare(`insert into article (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`)
      inserts.set(key, statement)
    }
    return statement
  }
  return {
    /** Returns the new article's id. Timestamps as createArticle sets them: updated when published, created now. */
    insert(article: BulkArticle, now: Date): number {
      const row = { ...article.row, updated_at: article.row.published_at ?? now.toISOString(), created_at: now.toISOString() }
      const id = Number(insertOf(Object.keys(row)).run(row).lastInsertRowid)
      // As replaceAuthors and replaceTags: each once, in the order given.
      for (const [position, personId] of [...new Set(article.authorIds)].entries()) author.run(id, personId, position)
      for (const [position, tagId] of [...new Set(article.tagIds)].entries()) tag.run(id, tagId, position)
      for (const [position, s] of article.sources.entries()) source.run(id, position, s.name, s.url)
      return id
    },
  }
}
