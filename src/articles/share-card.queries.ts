import type { Db } from '../db/index.js'
import { visibleToReaders } from './visibility.js'

/** What a published article's share card shows of it: headline and section name. */
export function findShareCardFields(db: Db, id: number) {
  return db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .select(['article.title', 'section.name as section_name'])
    .where('article.id', '=', id)
    .where(visibleToReaders)
    .executeTakeFirst()
}
