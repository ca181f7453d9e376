import { sql, type Expression, type RawBuilder } from 'kysely'

/** `column LIKE '%text%'` with LIKE's own characters (`%`, `_`, `\`) in `text` taken literally: a search box's filter. */
export function likeContains(column: Expression<string>, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return sql<boolean>`${column} like ${pattern} escape '\\'`
}
