import type { Kysely } from 'kysely'
import { notNull, timestamp, withId } from '../schema-helpers.js'

// Sections, tags, people, media and articles: everything a reader page shows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .execute()

  await withId(db, db.schema.createTable('section'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await withId(db, db.schema.createTable('tag'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .execute()

  await withId(db, db.schema.createTable('person'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('masthead_position', 'integer') // null: not on the masthead
    .addColumn('in_masthead_line', 'integer', (c) => c.notNull().defaultTo(0)) // shown in header/footer
    .addColumn('created_at', timestamp, notNull)
    .execute()

  await withId(db, db.schema.createTable('media'))
    .addColumn('path', 'text', (c) => c.notNull().unique()) // under the data dir's media/ folder
    .addColumn('mime', 'text', notNull)
    .addColumn('width', 'integer', notNull)
    .addColumn('height', 'integer', notNull)
    .addColumn('widths', 'text', (c) => c.notNull().defaultTo('')) // comma-separated resized widths
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', timestamp, notNull)
    .execute()

  await withId(db, db.schema.createTable('article'))
    .addColumn('slug', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', notNull)
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', notNull) // draft | review | scheduled | published | unpublished
    .addColumn('section_id', 'integer', (c) => c.notNull().references('section.id'))
    .addColumn('dateline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('is_urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source_url', 'text', (c) => c.unique()) // original address of an imported story
    .addColumn('publish_at', timestamp) // when a scheduled article goes out
    .addColumn('published_at', timestamp)
    .addColumn('updated_at', timestamp, notNull)
    .addColumn('created_at', timestamp, notNull)
    .execute()
  await db.schema.createIndex('article_status_published').on('article').columns(['status', 'published_at']).execute()
  await db.schema
    .createIndex('article_section_published')
    .on('article')
    .columns(['section_id', 'status', 'published_at'])
    .execute()

  await db.schema
    .createTable('article_author')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('article_author_pk', ['article_id', 'person_id'])
    .execute()
  await db.schema.createIndex('article_author_person').on('article_author').columns(['person_id', 'article_id']).execute()

  await db.schema
    .createTable('article_tag')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tag.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('article_tag_pk', ['article_id', 'tag_id'])
    .execute()
  await db.schema.createIndex('article_tag_tag').on('article_tag').columns(['tag_id', 'article_id']).execute()

  await db.schema
    .createTable('article_source')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('url', 'text')
    .addPrimaryKeyConstraint('article_source_pk', ['article_id', 'position'])
    .execute()

  // Filled by the search feature (content similarity); read by the article page.
  await db.schema
    .createTable('article_related')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('related_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addColumn('score', 'real', notNull)
    .addPrimaryKeyConstraint('article_related_pk', ['article_id', 'related_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['article_related', 'article_source', 'article_tag', 'article_author', 'article', 'media', 'person', 'tag', 'section', 'site_setting']) {
    await db.schema.dropTable(table).execute()
  }
}
