import type { Insertable } from 'kysely'
import type { Db } from '../db/index.js'
import type { MediaTable } from './media.tables.js'

export function insertMedia(db: Db, row: Insertable<MediaTable>) {
  return db.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow()
}

export function findMediaById(db: Db, id: number) {
  return db
    .selectFrom('media')
    .where('id', '=', id)
    .select(['id', 'path', 'mime', 'width', 'height', 'widths', 'alt', 'caption', 'credit', 'created_at'])
    .executeTakeFirst()
}

export type MediaRecordRow = NonNullable<Awaited<ReturnType<typeof findMediaById>>>
