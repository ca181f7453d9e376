import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { addCorrection, createArticle, ensureSection, ensureTag, setArticleStatus } from '../articles/index.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { ensurePerson } from '../people/index.js'
import { saveSiteSettings } from '../site/index.js'
import { all, one, parseXml } from './testing.js'

const BASE = 'https://news.example/edition'
// Every character XML and HTML treat specially, in a headline as editors write them.
const TITLE = '«الذهب» & <الفضة> "تتراجعان" \'اليوم\''
const IMAGE_BYTES = Buffer.alloc(2345, 7)

async function setup(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent', NASHRA_BASE_URL: BASE }), db)
  t.after(() => app.close())
  const now = new Date()
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000)

  const economy = await ensureSection(db, 'اقتصاد', 'اقتصاد & أعمال')
  const sports = await ensureSection(db, 'sports', 'رياضة')
  const tag = await ensureTag(db, 'أسواق', 'أسواق <المال>')
  const huda = await ensurePerson(db, { slug: 'huda', name: 'هدى "الشمري"', title: 'محررة' }, now)
  const omar = await ensurePerson(db, { slug: 'omar', name: 'عمر بن سالم', title: 'مراسل' }, now)

  mkdirSync(join(dataDir, 'media', '2026'), { recursive: true })
  writeFileSync(join(dataDir, 'media', '2026', 'gold-1200w.jpg'), IMAGE_BYTES)
  const image = await db
    .insertInto('media')
    .values({ path: '2026/gold.jpg', mime: 'image/jpeg', width: 1200, height: 800, widths: '600,1200', alt: 'سبائك ذهب', caption: 'سبائك في متجر & مصرف', credit: 'تصوير: نشرة', created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()

  const lead = await createArticle(
    db,
    {
      title: TITLE,
      slug: 'الذهب-والفضة',
      summary: 'تراجع المعدنان \u0007النفيسان بعد قرار الفائدة & ارتفاع الدولار',
      bodyHtml: `<p>تراجع الذهب <a href="https://example.org/gold">للمرة الثالثة</a> هذا الأسبوع ]]> وسط ترقّب في London.</p><figure class="article-image" data-media-id="${image.id}"><img src="/media/2026/gold-1200w.jpg" alt="ذهب"></figure><script>alert(1)</script>`,
      sectionId: economy,
      status: 'published',
      authorIds: [huda, omar],
      tagIds: [tag],
      imageId: image.id,
      publishedAt: hoursAgo(2),
    },
    now,
  )
  const older = await createArticle(
    db,
    { title: 'الفريق الأخضر يتأهل إلى النهائي', bodyHtml: '<p>تأهل الفريق بعد مباراة صعبة.</p>', sectionId: sports, status: 'published', authorIds: [omar], publishedAt: hoursAgo(72) },
    now,
  )
  await createArticle(db, { title: 'مسودة لم تُنشر بعد', bodyHtml: '<p>نص المسودة.</p>', sectionId: economy, status: 'draft' }, now)
  const withdrawn = await createArticle(db, { title: 'خبر سُحب من النشر', bodyHtml: '<p>نص.</p>', sectionId: economy, status: 'published', publishedAt: hoursAgo(1) }, now)
  await setArticleStatus(db, withdrawn.id, 'unpublished', now)
  await createArticle(
    db,
    { title: 'خبر مجدول للغد', bodyHtml: '<p>نص.</p>', sectionId: economy, status: 'scheduled', publishAt: new Date(now.getTime() + 86400_000) },
    now,
  )
  return { app, db, lead, older }
}

const HIDDEN = [/مسودة لم تُنشر/, /خبر سُحب من النشر/, /خبر مجدول للغد/]
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/
const pathOf = (url: string) => url.slice(BASE.length)

test('/feed.xml is well-formed RSS 2.0 with escaped Arabic text, authors, categories, body and image', async (t) => {
  const { app, lead, older } = await setup(t)
  const res = await app.inject({ method: 'GET', url: '/feed.xml' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8')
  for (const hidden of HIDDEN) assert.doesNotMatch(res.body, hidden)
  assert.doesNotMatch(res.body, EMAIL)

  const rss = parseXml(res.body)
  assert.equal(rss.name, 'rss')
  assert.equal(rss.attributes.version, '2.0')
  const channel = one(rss, 'channel')
  assert.equal(one(channel, 'title').text, 'نشرة')
  assert.equal(one(channel, 'link').text, `${BASE}/`)
  assert.ok(one(channel, 'description').text.length > 0)
  assert.equal(one(channel, 'language').text, 'ar')
  const self = one(channel, 'atom:link')
  assert.deepEqual([self.uri, self.attributes.rel, self.attributes.href], ['http://www.w3.org/2005/Atom', 'self', `${BASE}/feed.xml`])

  const items = all(channel, 'item')
  assert.equal(items.length, 2)
  const [first, second] = items as [NonNullable<(typeof items)[0]>, NonNullable<(typeof items)[0]>]
  assert.equal(one(first, 'title').text, TITLE)
  assert.equal(one(first, 'link').text, BASE + lead.path)
  assert.match(one(first, 'link').text, /\/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF\/\d+\/%D8%A7%D9%84%D8%B0/)
  assert.equal(one(first, 'guid').text, `${BASE}/article/${lead.id}`)
  assert.equal(one(first, 'guid').attributes.isPermaLink, 'false')
  assert.ok(!Number.isNaN(Date.parse(one(first, 'pubDate').text)))
  assert.equal(one(first, 'description').text, 'تراجع المعدنان النفيسان بعد قرار الفائدة & ارتفاع الدولار')
  assert.deepEqual(all(first, 'dc:creator').map((c) => c.text), ['هدى "الشمري"', 'عمر بن سالم'])
  assert.deepEqual(all(first, 'category').map((c) => [c.text, c.attributes.domain]), [
    ['اقتصاد & أعمال', `${BASE}/section/${encodeURIComponent('اقتصاد')}`],
    ['أسواق <المال>', `${BASE}/tag/${encodeURIComponent('أسواق')}`],
  ])
  const body = one(first, 'content:encoded').text
  assert.match(body, /تراجع الذهب/)
  assert.match(body, /\]\]>/)
  assert.match(body, /<a href="https:\/\/example.org\/gold" rel="noopener nofollow ugc">/)
  assert.match(body, new RegExp(`<img src="${BASE}/media/2026/gold-1200w.jpg"`))
  // As the article page renders it: directions and isolated Latin runs.
  assert.match(body, /<p dir="auto">تراجع الذهب/)
  assert.match(body, /في <bdi>London<\/bdi>\./)
  assert.doesNotMatch(body, /<script/)
  const enclosure = one(first, 'enclosure')
  assert.deepEqual(enclosure.attributes, { url: `${BASE}/media/2026/gold-1200w.jpg`, length: String(IMAGE_BYTES.length), type: 'image/jpeg' })
  const media = one(first, 'media:content')
  assert.equal(media.uri, 'http://search.yahoo.com/mrss/')
  assert.equal(media.attributes.medium, 'image')
  assert.equal(one(media, 'media:description').text, 'سبائك في متجر & مصرف')
  assert.equal(one(media, 'media:credit').text, 'تصوير: نشرة')

  assert.equal(one(second, 'link').text, BASE + older.path)
  assert.equal(all(second, 'enclosure').length, 0)
})

test('/atom.xml is Atom 1.0: ids, titles, updated, self link and an author for every entry', async (t) => {
  const { app, lead } = await setup(t)
  const res = await app.inject({ method: 'GET', url: '/atom.xml' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8')
  for (const hidden of HIDDEN) assert.doesNotMatch(res.body, hidden)

  const feed = parseXml(res.body)
  assert.equal(feed.name, 'feed')
  assert.equal(feed.uri, 'http://www.w3.org/2005/Atom')
  assert.equal(feed.attributes['xml:lang'], 'ar')
  assert.equal(one(feed, 'id').text, `${BASE}/atom.xml`)
  assert.equal(one(feed, 'title').text, 'نشرة')
  assert.ok(!Number.isNaN(Date.parse(one(feed, 'updated').text)))
  assert.equal(all(feed, 'link').find((l) => l.attributes.rel === 'self')?.attributes.href, `${BASE}/atom.xml`)
  assert.equal(one(one(feed, 'author'), 'name').text, 'نشرة')

  const entries = all(feed, 'entry')
  assert.equal(entries.length, 2)
  for (const entry of entries) {
    for (const required of ['id', 'title', 'updated', 'published', 'content']) one(entry, required)
    assert.ok(all(entry, 'link').some((l) => l.attributes.rel === 'alternate' && l.attributes.href?.startsWith(BASE)))
  }
  const first = entries[0]!
  assert.equal(one(first, 'id').text, `${BASE}/article/${lead.id}`)
  assert.equal(one(first, 'title').text, TITLE)
  assert.deepEqual(all(first, 'author').map((a) => one(a, 'name').text), ['هدى "الشمري"', 'عمر بن سالم'])
  assert.equal(one(first, 'content').attributes.type, 'html')
  assert.match(one(first, 'content').text, /<p dir="auto">تراجع الذهب/)
  assert.equal(all(first, 'link').find((l) => l.attributes.rel === 'enclosure')?.attributes.length, String(IMAGE_BYTES.length))
})

test('/feed.json is JSON Feed 1.1 with the required keys', async (t) => {
  const { app, lead } = await setup(t)
  const res = await app.inject({ method: 'GET', url: '/feed.json' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8')
  for (const hidden of HIDDEN) assert.doesNotMatch(res.body, hidden)
  assert.doesNotMatch(res.body, EMAIL)
  const feed = res.json()
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1')
  assert.equal(feed.title, 'نشرة')
  assert.equal(feed.feed_url, `${BASE}/feed.json`)
  assert.equal(feed.home_page_url, `${BASE}/`)
  assert.equal(feed.language, 'ar')
  assert.equal(feed.items.length, 2)
  for (const item of feed.items) {
    assert.equal(typeof item.id, 'string')
    assert.equal(typeof item.content_html, 'string')
  }
  const first = feed.items[0]
  assert.equal(first.id, `${BASE}/article/${lead.id}`)
  assert.equal(first.title, TITLE)
  assert.equal(first.url, BASE + lead.path)
  assert.deepEqual(first.authors.map((a: { name: string }) => a.name), ['هدى "الشمري"', 'عمر بن سالم'])
  assert.deepEqual(first.tags, ['اقتصاد & أعمال', 'أسواق <المال>'])
  assert.equal(first.image, `${BASE}/media/2026/gold-1200w.jpg`)
  assert.equal(first.attachments[0].size_in_bytes, IMAGE_BYTES.length)
})

test('a feed item guid leads to the article by a permanent redirect', async (t) => {
  const { app, lead } = await setup(t)
  const res = await app.inject({ method: 'GET', url: `/article/${lead.id}` })
  assert.equal(res.statusCode, 301)
  assert.equal(res.headers.location, lead.path)
})

test('/section/:slug/feed.xml holds only that section, and the section page links to it', async (t) => {
  const { app, older } = await setup(t)
  const res = await app.inject({ method: 'GET', url: '/section/sports/feed.xml' })
  assert.equal(res.statusCode, 200)
  const channel = one(parseXml(res.body), 'channel')
  assert.equal(one(channel, 'title').text, 'رياضة | نشرة')
  assert.equal(one(channel, 'link').text, `${BASE}/section/sports`)
  assert.equal(one(channel, 'atom:link').attributes.href, `${BASE}/section/sports/feed.xml`)
  assert.deepEqual(all(channel, 'item').map((i) => one(i, 'link').text), [BASE + older.path])

  const arabic = await app.inject({ method: 'GET', url: `/section/${encodeURIComponent('اقتصاد')}/feed.xml` })
  assert.equal(arabic.statusCode, 200)
  assert.equal(all(one(parseXml(arabic.body), 'channel'), 'item').length, 1)

  const missing = await app.inject({ method: 'GET', url: '/section/nothing/feed.xml' })
  assert.equal(missing.statusCode, 404)

  const page = await app.inject({ method: 'GET', url: '/section/sports' })
  assert.match(page.body, /<link rel="alternate" type="application\/rss\+xml" title="رياضة \(RSS\)" href="\/section\/sports\/feed.xml"/)
})

test('/sitemap.xml is an index of paginated sitemaps with lastmod; they list only published pages', async (t) => {
  const { app, lead, older } = await setup(t)
  const res = await app.inject({ method: 'GET', url: '/sitemap.xml' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
  const index = parseXml(res.body)
  assert.equal(index.name, 'sitemapindex')
  assert.equal(index.uri, 'http://www.sitemaps.org/schemas/sitemap/0.9')
  const files = all(index, 'sitemap').map((s) => ({ loc: one(s, 'loc').text, lastmod: one(s, 'lastmod').text }))
  assert.deepEqual(files.map((f) => f.loc), [`${BASE}/sitemaps/pages.xml`, `${BASE}/sitemaps/articles-1.xml`])
  for (const f of files) assert.match(f.lastmod, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)

  const articles = await app.inject({ method: 'GET', url: pathOf(files[1]!.loc) })
  assert.equal(articles.statusCode, 200)
  for (const hidden of HIDDEN) assert.doesNotMatch(articles.body, hidden)
  const urls = all(parseXml(articles.body), 'url')
  assert.deepEqual(urls.map((u) => one(u, 'loc').text), [BASE + lead.path, BASE + older.path])
  assert.ok(urls.every((u) => /^\d{4}-/.test(one(u, 'lastmod').text)))
  assert.equal(one(one(urls[0]!, 'image:image'), 'image:loc').text, `${BASE}/media/2026/gold-1200w.jpg`)
  assert.ok(!/[\u0600-\u06FF]/.test(articles.body), 'Arabic slugs are percent-encoded')

  const pages = await app.inject({ method: 'GET', url: '/sitemaps/pages.xml' })
  const locs = all(parseXml(pages.body), 'url').map((u) => one(u, 'loc').text)
  assert.deepEqual(locs.sort(), [
    `${BASE}/`,
    `${BASE}/author/huda`,
    `${BASE}/author/omar`,
    `${BASE}/masthead`,
    `${BASE}/corrections`,
    `${BASE}/section/sports`,
    `${BASE}/section/${encodeURIComponent('اقتصاد')}`,
    `${BASE}/tag/${encodeURIComponent('أسواق')}`,
  ].sort())

  for (const url of ['/sitemaps/articles-2.xml', '/sitemaps/articles-0.xml', '/sitemaps/articles-x.xml']) {
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url)
  }
})

test('/news-sitemap.xml lists stories of the last 48 hours with publication, date and title', async (t) => {
  const { app, db, lead } = await setup(t)
  await saveSiteSettings(db, { name: 'نشرة & «الأخبار»' })
  const res = await app.inject({ method: 'GET', url: '/news-sitemap.xml' })
  assert.equal(res.statusCode, 200)
  const urlset = parseXml(res.body)
  assert.equal(urlset.name, 'urlset')
  const urls = all(urlset, 'url')
  assert.equal(urls.length, 1, 'the 72-hour-old story, drafts, withdrawn and scheduled ones are left out')
  assert.equal(one(urls[0]!, 'loc').text, BASE + lead.path)
  const news = one(urls[0]!, 'news:news')
  assert.equal(news.uri, 'http://www.google.com/schemas/sitemap-news/0.9')
  const publication = one(news, 'news:publication')
  assert.equal(one(publication, 'news:name').text, 'نشرة & «الأخبار»')
  assert.equal(one(publication, 'news:language').text, 'ar')
  assert.equal(one(news, 'news:title').text, TITLE)
  const published = Date.parse(one(news, 'news:publication_date').text)
  assert.ok(Date.now() - published > 3600_000 && Date.now() - published < 3 * 3600_000)
})

test('/opensearch.xml points browsers at /search?q={searchTerms}', async (t) => {
  const { app } = await setup(t)
  const res = await app.inject({ method: 'GET', url: '/opensearch.xml' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/opensearchdescription+xml; charset=utf-8')
  const doc = parseXml(res.body)
  assert.equal(doc.name, 'OpenSearchDescription')
  assert.equal(doc.uri, 'http://a9.com/-/spec/opensearch/1.1/')
  assert.equal(one(doc, 'ShortName').text, 'نشرة')
  assert.equal(all(doc, 'Url').find((u) => u.attributes.type === 'text/html')?.attributes.template, `${BASE}/search?q={searchTerms}`)
})

test('feeds and sitemaps answer 304 to a matching If-None-Match, and change when content does', async (t) => {
  const { app, db } = await setup(t)
  for (const url of ['/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/news-sitemap.xml', '/section/sports/feed.xml']) {
    const first = await app.inject({ method: 'GET', url })
    assert.equal(first.statusCode, 200, url)
    assert.ok(first.headers.etag, url)
    assert.match(String(first.headers['cache-control']), /^public, max-age=\d+/, url)
    assert.doesNotMatch(String(first.headers.vary ?? ''), /cookie/i, `${url} does not vary by skin cookie`)
    const again = await app.inject({ method: 'GET', url: `${url}?utm_source=x`, headers: { 'if-none-match': String(first.headers.etag), cookie: 'skin=dark' } })
    assert.equal(again.statusCode, 304, url)
    assert.equal(again.body, '')
  }
  const before = await app.inject({ method: 'GET', url: '/feed.xml' })
  const sports = await db.selectFrom('section').where('slug', '=', 'sports').select('id').executeTakeFirstOrThrow()
  await createArticle(db, { title: 'هدف في الدقيقة الأخيرة', bodyHtml: '<p>نص.</p>', sectionId: sports.id, status: 'published' }, new Date())
  await new Promise((resolve) => setTimeout(resolve, 1100)) // the page cache re-reads the content version once a second
  const after = await app.inject({ method: 'GET', url: '/feed.xml', headers: { 'if-none-match': String(before.headers.etag) } })
  assert.equal(after.statusCode, 200)
  assert.notEqual(after.headers.etag, before.headers.etag)
  assert.match(after.body, /هدف في الدقيقة الأخيرة/)
})

test('a correction moves the story’s updated time in Atom, JSON Feed and the sitemaps at once (content version)', async (t) => {
  const { app, db, lead } = await setup(t)
  const get = async (url: string) => (await app.inject({ method: 'GET', url })).body
  const urls = ['/atom.xml', '/feed.json', '/sitemaps/articles-1.xml', '/sitemaps/pages.xml']
  for (const url of urls) await get(url) // cached now
  const corrected = new Date(Date.now() + 3600_000)
  await addCorrection(db, lead.id, { kind: 'correction', body: 'صحّحنا سعر الأونصة.' }, null, corrected)

  const entry = all(parseXml(await get('/atom.xml')), 'entry').find((e) => one(e, 'id').text === `${BASE}/article/${lead.id}`)!
  assert.equal(one(entry, 'updated').text, corrected.toISOString())
  const item = JSON.parse(await get('/feed.json')).items.find((i: { id: string }) => i.id === `${BASE}/article/${lead.id}`)
  assert.equal(item.date_modified, corrected.toISOString())
  const w3c = corrected.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const lastmodOf = (xml: string, loc: string) => one(all(parseXml(xml), 'url').find((u) => one(u, 'loc').text === loc)!, 'lastmod').text
  assert.equal(lastmodOf(await get('/sitemaps/articles-1.xml'), BASE + lead.path), w3c)
  assert.equal(lastmodOf(await get('/sitemaps/pages.xml'), `${BASE}/corrections`), w3c)
})

test('/feed.xml over real HTTP', async (t) => {
  const { app } = await setup(t)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const res = await fetch(`${address}/feed.xml`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8')
  const items = all(one(parseXml(await res.text()), 'channel'), 'item')
  assert.equal(one(items[0]!, 'title').text, TITLE)
  const cached = await fetch(`${address}/feed.xml`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } })
  assert.equal(cached.status, 304)
})
