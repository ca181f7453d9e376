import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { articlePath, authorPath, sectionPath, tagPath } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { type Db, readSetting } from '../db/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { getImage, imageFiles } from '../media/index.js'
import { DEMO_ARTICLES, seedDemoContent } from './index.js'

const HOUR = 3_600_000
// Seeding takes a second or two: the read-only tests share one site, seeded against the real clock
// (the ticker only shows urgent stories of the last two days).
const now = new Date()
let db: Db
let dataDir: string

const cleanups: (() => unknown)[] = []
const shared = { after: (fn: () => unknown) => void cleanups.push(fn) }
before(async () => {
  db = await createTestDb(shared)
  dataDir = createTempDir(shared)
  await seedDemoContent(db, dataDir, now)
})
after(async () => {
  for (const fn of cleanups.reverse()) await fn()
})

async function count(db: Db, table: 'article' | 'section' | 'person' | 'media' | 'tag'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

function publishedArticles(db: Db) {
  return db
    .selectFrom('article')
    .innerJoin('section', 'section.id', 'article.section_id')
    .where('article.status', '=', 'published')
    .select(['article.id', 'article.slug', 'article.title', 'article.published_at', 'article.is_urgent', 'article.image_id', 'section.slug as section_slug'])
    .orderBy('article.published_at', 'desc')
    .execute()
}

test('the demo holds 24+ published articles in 6+ sections, each with authors, sources and an image', async () => {
  const published = await publishedArticles(db)
  assert.ok(published.length >= 24, `published: ${published.length}`)
  const perSection = new Map<string, number>()
  for (const a of published) perSection.set(a.section_slug, (perSection.get(a.section_slug) ?? 0) + 1)
  assert.ok(perSection.size >= 6)
  // Enough per section that home-page blocks are full after the lead and latest take the newest.
  for (const [slug, n] of perSection) assert.ok(n >= 4, slug)

  const authored = new Set((await db.selectFrom('article_author').select('article_id').execute()).map((r) => r.article_id))
  const sourced = new Set((await db.selectFrom('article_source').select('article_id').execute()).map((r) => r.article_id))
  for (const a of published) {
    assert.ok(authored.has(a.id), `no author: ${a.title}`)
    assert.ok(sourced.has(a.id), `no sources: ${a.title}`)
    assert.ok(a.image_id, `no image: ${a.title}`)
  }
  // Sources keep their order; an article cites several.
  const sources = await db.selectFrom('article_source').select(['article_id', 'position', 'name']).where('article_id', '=', published[0].id).orderBy('position').execute()
  assert.ok(sources.length >= 2)
  assert.deepEqual(sources.map((s) => s.position), sources.map((_, i) => i))

  // One scheduled article in the future and one draft, never shown to readers.
  const others = await db.selectFrom('article').where('status', '!=', 'published').select(['status', 'publish_at']).execute()
  assert.deepEqual(others.map((a) => a.status).sort(), ['draft', 'scheduled'])
  assert.ok(new Date(others.find((a) => a.status === 'scheduled')!.publish_at!) > now)

  // Recent enough for «منذ ساعتين» and the ticker, spread over about ten days.
  const ages = published.map((a) => (now.getTime() - new Date(a.published_at!).getTime()) / HOUR)
  assert.ok(ages.filter((h) => h < 3).length >= 3)
  assert.ok(Math.max(...ages) > 7 * 24 && Math.max(...ages) <= 10 * 24)
  const urgent = published.filter((a) => a.is_urgent === 1)
  assert.ok(urgent.length >= 2 && urgent.length <= 3)
  for (const a of urgent) assert.ok(now.getTime() - new Date(a.published_at!).getTime() < 6 * HOUR)

  // Tags are shared, so tag pages list several stories.
  const perTag = await db.selectFrom('article_tag').select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tag_id').execute()
  assert.ok(perTag.filter((r) => Number(r.n) >= 3).length >= 5)

  // Images: the illustrations are stored once each, in WebP and JPEG renditions, with alt text and credit.
  const media = await db.selectFrom('media').selectAll().execute()
  assert.ok(media.length >= 8 && media.length <= 20)
  for (const m of media) {
    const image = await getImage(db, m.id)
    assert.deepEqual(
      image.variants.map((v) => `${v.type} ${v.width}`),
      [400, 800, 1200].flatMap((w) => [`image/webp ${w}`, `image/jpeg ${w}`]),
    )
    assert.ok(m.alt.length > 10)
    assert.equal(m.credit, 'قسم التصميم في نشرة')
    for (const file of imageFiles(image)) assert.ok(existsSync(join(dataDir, file)), file)
  }
})

test('the masthead has 5+ people with titles and bios, the legal advisor in the masthead line', async () => {
  const people = await db.selectFrom('person').selectAll().orderBy('masthead_position').execute()
  assert.ok(people.length >= 5)
  for (const p of people) {
    assert.ok(p.title && p.bio, p.name)
    assert.ok(p.masthead_position !== null, p.name)
  }
  const line = people.filter((p) => p.in_masthead_line === 1)
  assert.equal(line.length, 1)
  assert.equal(line[0].title, 'المستشارة القانونية')
  assert.match(line[0].name, /^المحامية /)
  for (const title of ['رئيس التحرير', 'مدير التحرير']) assert.ok(people.some((p) => p.title === title), title)
  assert.ok(people.some((p) => /مصوّر/.test(p.title)))
  assert.equal(await readSetting<string>(db, 'site.name'), 'نشرة')
})

test('seeding twice adds nothing, and a failed seed leaves no rows and no files', async (t) => {
  const before = await count(db, 'article')
  await seedDemoContent(db, dataDir, now)
  assert.equal(await count(db, 'article'), before)
  assert.equal(await count(db, 'media'), new Set(DEMO_ARTICLES.map((a) => a.image)).size)

  // Make the first article insert fail, after the images were stored: nothing may remain.
  const empty = await createTestDb(t)
  const emptyDir = createTempDir(t)
  await sql`CREATE TRIGGER refuse_articles BEFORE INSERT ON article BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(empty)
  await assert.rejects(seedDemoContent(empty, emptyDir, now), /refused/)
  for (const table of ['article', 'section', 'person', 'media', 'tag'] as const) assert.equal(await count(empty, table), 0, table)
  assert.deepEqual(filesUnder(join(emptyDir, 'media')), [])
})

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)
}

test('the home page shows the lead story, the masthead line and the tagline', async (t) => {
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/' })
  assert.equal(res.statusCode, 200)
  const published = await publishedArticles(db)
  assert.match(res.body, /class="lead"/)
  const leadBlock = res.body.slice(res.body.indexOf('class="lead"'), res.body.indexOf('</section>', res.body.indexOf('class="lead"')))
  // Nobody placed a lead in the demo: the front page picks a long recent story with its picture and dek.
  const lead = DEMO_ARTICLES.find((a) => leadBlock.includes(a.title))
  assert.ok(lead, 'the lead is a demo story')
  assert.ok(published.some((p) => p.title === lead.title), 'and a published one')
  assert.match(leadBlock, /<img /)
  assert.ok(leadBlock.includes(lead.summary.slice(0, 40)), 'with its dek')
  assert.match(res.body, /المستشارة القانونية/)
  assert.match(res.body, /أخبار موثّقة بمصادرها، بالعربية/)
})

test('the ticker lists the urgent stories, served over real HTTP with its images', async (t) => {
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  const html = await (await fetch(base + '/')).text()
  const ticker = html.slice(html.indexOf('class="ticker"'), html.indexOf('</section>', html.indexOf('class="ticker"')))
  const urgent = DEMO_ARTICLES.filter((a) => a.urgent)
  assert.ok(urgent.length >= 2)
  for (const a of urgent) assert.ok(ticker.includes(a.title), a.title)
  assert.match(html, /منذ ساعتين/)
  const src = html.match(/<img[^>]+src="(\/media\/[^"]+)"/)?.[1]
  assert.ok(src, 'an image on the home page')
  const image = await fetch(base + src)
  assert.equal(image.status, 200)
  assert.equal(image.headers.get('content-type'), 'image/jpeg')
  assert.ok((await image.arrayBuffer()).byteLength > 1000)
  const webp = html.match(/<source type="image\/webp" srcset="(\/media\/\S+)/)?.[1]
  assert.ok(webp, 'a WebP source beside it')
  assert.equal((await fetch(base + webp)).headers.get('content-type'), 'image/webp')
})

test('every page of the demo renders: home, sections, tags, authors, masthead, articles', async (t) => {
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const sections = await db.selectFrom('section').select('slug').execute()
  const tags = await db.selectFrom('tag').select('slug').execute()
  const people = await db.selectFrom('person').select('slug').execute()
  const published = await publishedArticles(db)
  const urls = [
    '/',
    '/masthead',
    ...sections.map((s) => sectionPath(s.slug)),
    ...tags.map((s) => tagPath(s.slug)),
    ...people.map((p) => authorPath(p.slug)),
    ...published.map((a) => articlePath(a.section_slug, a.id, a.slug)),
  ]
  for (const url of urls) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 200, url)
    assert.match(res.body, /<html lang="ar" dir="rtl"/, url)
  }
  const article = await app.inject({ method: 'GET', url: articlePath(published[0].section_slug, published[0].id, published[0].slug) })
  assert.match(article.body, /وكالة الأنباء الرسمية/)
  assert.match(article.body, /قسم التصميم في نشرة/)

  // Drafts and scheduled stories stay hidden.
  const hidden = await db.selectFrom('article').innerJoin('section', 'section.id', 'article.section_id').where('article.status', '!=', 'published').select(['article.id', 'article.slug', 'section.slug as section_slug']).execute()
  for (const a of hidden) assert.equal((await app.inject({ method: 'GET', url: articlePath(a.section_slug, a.id, a.slug) })).statusCode, 404)
})

test('demo comments and their replies are dated between their story and now, replies after what they answer', async () => {
  const rows = await db
    .selectFrom('comment')
    .innerJoin('article', 'article.id', 'comment.article_id')
    .select(['comment.id', 'comment.parent_id', 'comment.created_at', 'article.published_at'])
    .execute()
  assert.ok(rows.some((r) => r.parent_id !== null), 'the demo has replies')
  const at = new Map(rows.map((r) => [r.id, Date.parse(r.created_at)]))
  for (const r of rows) {
    const created = Date.parse(r.created_at)
    assert.ok(created <= now.getTime(), `comment ${r.id} is dated ${r.created_at}, after now (${now.toISOString()})`)
    if (r.published_at) assert.ok(created >= Date.parse(r.published_at), `comment ${r.id} predates its story`)
    if (r.parent_id !== null) assert.ok(created >= at.get(r.parent_id)!, `reply ${r.id} predates the comment it answers`)
  }
})
