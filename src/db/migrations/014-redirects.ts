import type { Kysely } from 'kysely'
import { notNull, timestamp } from '../schema-helpers.js'

// Old addresses that answer 301 (a WordPress site's permalinks after `import wxr`), and what an
// import has already brought in (WordPress post, comment and attachment ids → Nashra ids), so a
// second import of the same export changes nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('redirect')
    .addColumn('from_path', 'text', (c) => c.primaryKey()) // redirectKey(): decoded, no trailing slash, lower case
    .addColumn('to_path', 'text', notNull) // a path on this site, percent-encoded
    .addColumn('created_at', timestamp, notNull)
    .execute()

  await db.schema
    .createTable('import_origin')
    .addColumn('source', 'text', notNull) // the export's site address
    .addColumn('key', 'text', notNull) // 'post:12', 'comment:40', 'attachment:7'
    .addColumn('target_id', 'integer', notNull) // article, comment or media id
    .addPrimaryKeyConstraint('import_origin_pk', ['source', 'key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_origin').execute()
  await db.schema.dropTable('redirect').execute()
}
