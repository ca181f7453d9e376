import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import type { Db } from '../db/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { filesUnder } from '../media/testing.js'
import { serveUploads, wxrFixtureFor } from './testing.js'
import { importWxr, type WxrImportOptions } from './wxr.service.js'
import { WxrError } from './wxr.reader.js'

const BASE_URL = new URL('https://nashra.example')
const NOW = new Date('2024-04-01T00:00:00Z')

async function setUp(t: test.TestContext) {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const uploads = await serveUploads(t)
  const file = wxrFixtureFor(dataDir, uploads.base)
  const options: WxrImportOptions = { dataDir, baseUrl: BASE_URL, now: NOW, fetchTimeoutMs: 2000 }
  return { db, dataDir, uploads, file, options }
}

const articleBySource = (db: Db, wpId: number) =>
  db.selectFrom('article').selectAll().where('source_url', '=', `https://old-news.example/?p=${wpId}`).executeTakeFirstOrThrow()

async function counts(db: Db) {
  const tables = ['article', 'section', 'tag', 'person', 'media', 'comment', 'redirect', 'article_tag', 'article_author', 'import_origin'] as const
  const out: Record<string, number> = {}
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

test('the fixture: posts, pages, sections, tags, people, statuses, dates and sticky posts', async (t) => {
  const { db, file, options } = await setUp(t)
  const summary = await importWxr(db, file, options)
  assert.deepEqual(
    { posts: summary.posts, pages: summary.pages, comments: summary.comments, approved: summary.approvedComments, media: summary.media, links: summary.mediaAsLinks },
    { posts: 6, pages: 2, comments: 6, approved: 3, media: 3, links: 2 },
  )
  assert.deepEqual(summary.skipped, { 'pingback or trackback': 1, 'trashed post': 1, 'revision or menu item': 2 })
  assert.equal(summary.redirects, 20)

  // Categories → sections: the Latin `energy` under the Arabic `اقتصاد`; each listed twice, stored once.
  const sections = await db.selectFrom('section').select(['slug', 'name', 'on_home']).orderBy('id').execute()
  assert.deepEqual(sections.map((s) => [s.slug, s.name, s.on_home]), [['اقتصاد', 'اقتصاد', 1], ['energy', 'طاقة', 1], ['رياضة', 'رياضة', 1], ['صفحات', 'صفحات', 0]])
  const tags = await db.selectFrom('tag').select(['slug', 'name']).orderBy('id').execute()
  assert.deepEqual(tags.map((x) => x.slug), ['الطاقة-الشمسية', 'markets', 'اقتصاد'], 'tags once each; a post’s second category kept as a tag')
  const people = await db.selectFrom('person').select(['slug', 'name']).orderBy('id').execute()
  assert.deepEqual(people, [{ slug: 'hala', name: 'هالة الزين' }, { slug: 'omar', name: 'عمر الراشد' }])

  const solar = await articleBySource(db, 101)
  assert.equal(solar.status, 'published')
  assert.equal(solar.published_at, '2024-03-05T07:00:00.000Z', 'post_date_gmt')
  assert.equal(solar.slug, 'الألواح-الشمسية-تغطي-أسطح-المدارس-في-ا', 'a post_name cut inside an escape decodes without the broken end')
  assert.equal(solar.summary, 'مدارس ساحلية تركب ألواحاً شمسية لتخفيض فواتير الكهرباء.')
  const harbour = await articleBySource(db, 102)
  assert.ok(harbour.slug.startsWith('ميناء-الصيادين'), 'a post_name cut inside a character')
  assert.equal((await articleBySource(db, 103)).placement, 'top', 'sticky → a top story')
  assert.equal(solar.placement, null)
  for (const [id, status] of [[104, 'draft'], [105, 'review']] as const) {
    const row = await articleBySource(db, id)
    assert.equal(row.status, status)
    assert.equal(row.published_at, null, 'a zero post_date_gmt stays unpublished')
  }
  const future = await articleBySource(db, 106)
  assert.deepEqual([future.status, future.publish_at], ['scheduled', '2030-04-01T05:00:00.000Z'])
  const about = await articleBySource(db, 110)
  assert.equal(about.comments_open, 0, 'a page with comments closed')
  const pagesSection = await db.selectFrom('section').select('id').where('slug', '=', 'صفحات').executeTakeFirstOrThrow()
  assert.equal(about.section_id, pagesSection.id)
  const authors = await db.selectFrom('article_author').innerJoin('person', 'person.id', 'article_author.person_id').select('person.slug').where('article_id', '=', harbour.id).execute()
  assert.deepEqual(authors, [{ slug: 'omar' }])
})

test('bodies: block comments stripped, classic paragraphs, captions and image blocks as library figures, links to old posts rewritten', async (t) => {
  const { db, file, options, dataDir } = await setUp(t)
  await importWxr(db, file, options)
  const solar = await articleBySource(db, 101)
  const harbour = await articleBySource(db, 102)
  const stadium = await articleBySource(db, 103)
  const about = await articleBySource(db, 110)

  assert.doesNotMatch(solar.body_html, /<!--|wp:/, 'Gutenberg block comments stripped')
  assert.match(solar.body_html, /<h2>ما الذي يتغير للطلاب؟<\/h2>/)
  // wp:image block with an Arabic file name (percent-encoded, a resized copy) → the library's image.
  const figure = solar.body_html.match(/<figure class="article-image" data-media-id="(\d+)"><img src="(\/media\/[^"]+)" alt="لوح شمسي فوق سطح مدرسة"[^>]*><figcaption>عمال يثبتون الألواح على سطح مدرسة ابتدائية<\/figcaption><\/figure>/)
  assert.ok(figure, solar.body_html)
  const media = await db.selectFrom('media').selectAll().where('id', '=', Number(figure[1])).executeTakeFirstOrThrow()
  assert.ok(JSON.parse(media.renditions).length >= 2, 'renditions made by the media feature')
  assert.ok(existsSync(join(dataDir, 'media', figure[2].slice('/media/'.length).replace(/-\d+w\.jpg$/, '-' + media.width + 'w.jpg'))))
  // _thumbnail_id → the featured image, fetched.
  assert.ok(solar.image_id, 'featured image')
  const thumb = await db.selectFrom('media').select(['alt']).where('id', '=', solar.image_id!).executeTakeFirstOrThrow()
  assert.equal(thumb.alt, 'أكشاك سوق الخضار')

  // Classic HTML: paragraphs from blank lines, a line break from a single newline.
  assert.match(harbour.body_html, /^<p>عاد الصيادون صباح اليوم .*<br \/>\nقال أحدهم إن البحر «هدأ أخيراً».<\/p>/)
  assert.match(harbour.body_html, /<ul>\n<li>عدد القوارب العائدة/)
  // [caption] on a host that no longer answers: kept as a link, the caption its text.
  assert.match(harbour.body_html, /<p><a href="http:\/\/127\.0\.0\.1:\d+\/silent\/wp-content\/uploads\/2024\/03\/%D9%85%D9%8A%D9%86%D8%A7%D8%A1\.jpg" rel="noopener nofollow ugc">قوارب الصيد راسية قرب الرصيف الشرقي<\/a><\/p>/)
  assert.equal(harbour.image_id, null, 'its featured image stayed behind')
  // [caption] beside blocks, image fetched.
  assert.match(stadium.body_html, /<figure class="article-image" data-media-id="\d+"><img src="\/media\/[^"]+" alt="مدرجات الملعب"[^>]*><figcaption>مدرجات الملعب الجديد قبل المباراة الأولى<\/figcaption><\/figure>/)
  assert.match(about.body_html, /^<p>نشرة المدينة .*<\/p>\n<p>نكتب عن الأحياء/)

  // Links to other posts' old permalinks point at their new addresses, on this site.
  const harbourPath = `/${encodeURIComponent('اقتصاد')}/${harbour.id}/${encodeURIComponent(harbour.slug)}`
  const solarPath = `/energy/${solar.id}/${encodeURIComponent(solar.slug)}`
  assert.ok(solar.body_html.includes(`<a href="https://nashra.example${harbourPath}" rel="noopener">عودة القوارب إلى الميناء</a>`), solar.body_html)
  assert.ok(harbour.body_html.includes(`<a href="https://nashra.example${solarPath}" rel="noopener">تقريرنا عن الطاقة الشمسية في المدارس</a>`), 'a /?p= link')
})

test('comments: statuses kept, pingbacks left out, threads and staff replies kept, emails stored, never shown', async (t) => {
  const { db, file, options } = await setUp(t)
  await importWxr(db, file, options)
  const harbour = await articleBySource(db, 102)
  const rows = await db.selectFrom('comment').selectAll().where('article_id', '=', harbour.id).orderBy('id').execute()
  assert.deepEqual(rows.map((c) => [c.author_name, c.status]), [['ليلى', 'approved'], ['عمر الراشد', 'approved'], ['سالم', 'approved'], ['زائر', 'pending'], ['مجهول', 'trash'], ['عروض', 'spam']])
  const [layla, omar, salem] = rows
  assert.deepEqual([omar.parent_id, omar.depth, omar.is_staff], [layla.id, 2, 1], 'a staff reply under its comment')
  assert.deepEqual([salem.parent_id, salem.depth], [omar.id, 3])
  assert.equal(salem.body, 'هل ستنخفض الأسعار فعلاً؟\nأشك في ذلك.')
  assert.equal(layla.body, 'خبر مفرح، أخيراً عادت الحركة إلى الميناء.', 'comment HTML → text')
  assert.equal(layla.author_email, 'layla@example.org')
  assert.equal(layla.created_at, '2024-03-04T10:00:00.000Z')
  assert.ok(!rows.some((c) => c.author_name === 'مدونة أخرى'), 'no pingback')
})

test('a second import of the same file changes nothing', async (t) => {
  const { db, file, options, dataDir, uploads } = await setUp(t)
  await importWxr(db, file, options)
  const before = await counts(db)
  const filesBefore = filesUnder(join(dataDir, 'media')).length
  const fetchedBefore = uploads.requests.length
  const again = await importWxr(db, file, options)
  assert.deepEqual(
    [again.posts, again.pages, again.comments, again.media, again.redirects],
    [0, 0, 0, 0, 0],
  )
  assert.deepEqual(again.unchanged, { articles: 8, comments: 6, media: 3 })
  assert.deepEqual(await counts(db), before)
  assert.equal(filesUnder(join(dataDir, 'media')).length, filesBefore)
  assert.ok(uploads.requests.length - fetchedBefore <= 3, 'stored images are not fetched again (only those kept as links are retried)')
})

test('a host that never answers costs the timeout, and its images stay links', async (t) => {
  const { db, file, options } = await setUp(t)
  const started = Date.now()
  const summary = await importWxr(db, file, { ...options, fetchTimeoutMs: 1000 })
  assert.ok(Date.now() - started < 5000)
  assert.equal(summary.mediaAsLinks, 2, 'the silent host’s image and the PDF')
})

test('a failed write leaves nothing: no rows, no image files', async (t) => {
  const { db, file, options, dataDir } = await setUp(t)
  await sql`create trigger refuse_comment before insert on comment when new.author_name = 'سالم'
    begin select raise(abort, 'refused by a test trigger'); end`.execute(db)
  await assert.rejects(importWxr(db, file, options), (err: Error) => err instanceof WxrError && /refused by a test trigger/.test(err.message))
  const after = await counts(db)
  for (const [table, n] of Object.entries(after)) assert.equal(n, 0, table)
  assert.deepEqual(filesUnder(join(dataDir, 'media')), [])
  assert.deepEqual(filesUnder(join(dataDir, 'originals')), [])
})

test('malformed XML or an unknown version: refused before anything is written', async (t) => {
  const db = await createTestDb(t)
  const options = { dataDir: createTempDir(t), baseUrl: BASE_URL }
  const fixtures = new URL('../../../src/import/fixtures/', import.meta.url)
  await assert.rejects(importWxr(db, new URL('wordpress-malformed.xml', fixtures).pathname, options), /malformed XML at line 27, column \d+: Unexpected close tag/)
  await assert.rejects(importWxr(db, new URL('wordpress-wrong-version.xml', fixtures).pathname, options), /unknown WXR version "9\.0"/)
  const after = await counts(db)
  for (const [table, n] of Object.entries(after)) assert.equal(n, 0, table)
})
