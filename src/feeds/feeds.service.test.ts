import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection, setArticleStatus } from '../articles/index.js'
import { createTestDb } from '../db/testing.js'
import { absoluteLinks, getArticleSitemap, getSitemapIndex, type FeedContext } from './feeds.service.js'
import { all, one, parseXml } from './testing.js'
import { renderUrlSet } from './sitemap-xml.js'
import { xmlText } from './xml-text.js'

const BASE = 'https://news.example'

test('xmlText escapes markup characters and drops characters XML forbids', () => {
  assert.equal(xmlText(`«أ» & <ب> "ج" 'د'`), '«أ» &amp; &lt;ب&gt; &quot;ج&quot; &apos;د&apos;')
  assert.equal(xmlText('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh😀'), 'abcdef\tg\nh😀')
  const doc = parseXml(renderUrlSet([{ loc: `${BASE}/x?a=1&b=<2>`, lastmod: null, imageUrl: `${BASE}/m/"q".jpg` }]))
  assert.equal(one(one(doc, 'url'), 'loc').text, `${BASE}/x?a=1&b=<2>`)
})

test('parseXml refuses documents that are not well-formed', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>'
  for (const bad of ['<a>&</a>', '<a><b></a>', '<a/><b/>', '<a>&nbsp;</a>', '<p:a/>', '<a>\u0001</a>', '<a>']) {
    assert.throws(() => parseXml(head + bad), Error, bad)
  }
  assert.equal(parseXml(`${head}<a x="&lt;&amp;">&#1575;&#x644;</a>`).text, 'ال')
})

test('absoluteLinks prefixes site-relative href and src, and leaves other links alone', () => {
  const html = '<p><a href="/section/x">ق</a> <a href="https://other.example/y">خ</a> <a href="//cdn.example/z">س</a><img src="/media/a.jpg" alt=""></p>'
  assert.equal(
    absoluteLinks(html, BASE),
    `<p><a href="${BASE}/section/x">ق</a> <a href="https://other.example/y">خ</a> <a href="//cdn.example/z">س</a><img src="${BASE}/media/a.jpg" alt=""></p>`,
  )
})

test('article sitemaps split by a fixed number of published articles, in id order, with each file\'s newest lastmod', async (t) => {
  const db = await createTestDb(t)
  const ctx: FeedContext = { db, baseUrl: BASE, mediaDir: '/nonexistent', timeZone: 'Asia/Riyadh' }
  const section = await ensureSection(db, 'local', 'محليات')
  const ids: number[] = []
  for (let i = 0; i < 5; i++) {
    const at = new Date(Date.UTC(2026, 0, 10 - i))
    ids.push((await createArticle(db, { title: `خبر رقم ${i}`, bodyHtml: '<p>نص.</p>', sectionId: section, status: 'published', publishedAt: at }, at)).id)
  }
  await setArticleStatus(db, ids[1]!, 'unpublished', new Date(Date.UTC(2026, 1, 1)))

  const index = await getSitemapIndex(ctx, 2)
  assert.deepEqual(
    index.map((e) => [e.loc, e.lastmod?.toISOString()]),
    [
      [`${BASE}/sitemaps/pages.xml`, '2026-01-10T00:00:00.000Z'],
      [`${BASE}/sitemaps/articles-1.xml`, '2026-01-10T00:00:00.000Z'],
      [`${BASE}/sitemaps/articles-2.xml`, '2026-01-07T00:00:00.000Z'],
    ],
  )
  const pages = [await getArticleSitemap(ctx, 1, 2), await getArticleSitemap(ctx, 2, 2)]
  assert.deepEqual(
    pages.map((p) => p.map((e) => Number(e.loc.split('/')[4]))),
    [[ids[0], ids[2]], [ids[3], ids[4]]],
  )
  await assert.rejects(getArticleSitemap(ctx, 3, 2), { code: 'not_found' })
  assert.equal(all(parseXml(renderUrlSet(pages[0]!)), 'url').length, 2)
})
