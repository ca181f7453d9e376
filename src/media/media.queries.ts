import { sql, type Insertable, type RawBuilder } from 'kysely'
import type { Db } from '../db/index.js'
import type { MediaTable } from './media.tables.js'

const MEDIA_COLUMNS = [
  'media.id',
  'media.path',
  'media.mime',
  'media.width',
  'media.height',
  'media.widths',
  'media.renditions',
  'media.original_path',
  'media.bytes',
  'media.uploaded_by',
  'media.alt',
  'media.caption',
  'media.credit',
  'media.created_at',
  'account.name as uploader_name',
] as const

function selectMedia(db: Db) {
  return db.selectFrom('media').leftJoin('account', 'account.id', 'media.uploaded_by').select(MEDIA_COLUMNS)
}

export function insertMedia(db: Db, row: Insertable<MediaTable>) {
  return db.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow()
}

export function findMediaById(db: Db, id: number) {
  return selectMedia(db).where('media.id', '=', id).executeTakeFirst()
}

export type MediaRecordRow = NonNullable<Awaited<ReturnType<typeof findMediaById>>>

export function findMediaByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as MediaRecordRow[])
  return selectMedia(db).where('media.id', 'in', ids).execute()
}

// Letters written several ways fold to one, marks and tatweel go: «إعلان» finds «اعلان», «مكتبة» finds «مكتبه».
const FOLDS: readonly [string, string][] = [
  ['أ', 'ا'],
  ['إ', 'ا'],
  ['آ', 'ا'],
  ['ٱ', 'ا'],
  ['ة', 'ه'],
  ['ى', 'ي'],
  ['ؤ', 'و'],
  ['ئ', 'ي'],
  ...[...'\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640'].map((mark): [string, string] => [mark, '']),
]

/** The same folding as the SQL below, for the words searched: ASCII lower case (as SQL's lower()), Arabic letters folded. */
export function foldForSearch(text: string): string {
  let folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  for (const [from, to] of FOLDS) folded = folded.replaceAll(from, to)
  return folded
}

function foldedText(): RawBuilder<string> {
  let folded: RawBuilder<string> = sql`lower(media.alt || ' ' || media.caption || ' ' || media.credit)`
  for (const [from, to] of FOLDS) folded = sql`replace(${folded}, ${sql.lit(from)}, ${sql.lit(to)})`
  return folded
}

/** Rows whose alt, caption or credit hold every one of `words` (already folded), or every row. */
function matching(db: Db, words: string[]) {
  let query = db.selectFrom('media')
  if (words.length === 0) return query
  const text = foldedText()
  for (const word of words) query = query.where(sql<boolean>`${text} like ${'%' + word.replace(/[\\%_]/g, '\\$&') + '%'} escape '\\'`)
  return query
}

/** A page of the library, newest first. */
export async function listMedia(db: Db, words: string[], limit: number, offset: number) {
  const ids = matching(db, words).select('media.id').orderBy('media.created_at', 'desc').orderBy('media.id', 'desc').limit(limit).offset(offset)
  return selectMedia(db).where('media.id', 'in', ids).orderBy('media.created_at', 'desc').orderBy('media.id', 'desc').execute()
}

export async function countMedia(db: Db, words: string[]): Promise<number> {
  const row = await matching(db, words)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function updateMediaText(db: Db, id: number, text: { alt: string; caption: string; credit: string }) {
  return db.updateTable('media').set(text).where('id', '=', id).executeTakeFirst()
}

export function findIdsMissingAlt(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('media').select('id').where('id', 'in', ids).where(sql<boolean>`trim(alt) = ''`).orderBy('id').execute()
}
