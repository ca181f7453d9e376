// Every old WordPress address answers 301 to its new home, over real HTTP, as readers and crawlers reach it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { serveUploads, wxrFixtureFor } from './testing.js'
import { readWxr } from './wxr.reader.js'
import { importWxr } from './wxr.service.js'

const enc = (text: string) => encodeURIComponent(text).toLowerCase()

test('old permalinks, archives and short links answer 301 to the new canonical address', async (t) => {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const config = loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' })
  const uploads = await serveUploads(t)
  const file = wxrFixtureFor(dataDir, uploads.base)
  await importWxr(db, file, { dataDir, baseUrl: config.baseUrl, fetchTimeoutMs: 2000 })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`

  const article = async (wpId: number) => {
    const row = await db.selectFrom('article').innerJoin('section', 'section.id', 'article.section_id')
      .select(['article.id', 'article.slug', 'section.slug as section']).where('source_url', '=', `https://old-news.example/?p=${wpId}`).executeTakeFirstOrThrow()
    return `/${encodeURIComponent(row.section)}/${row.id}/${encodeURIComponent(row.slug)}`
  }
  const solar = await article(101)
  const harbour = await article(102)
  const about = await article(110)
  const team = await article(111)
  // post_name as exported: percent-encoded Arabic, cut at 200 bytes inside an escape (101) and inside a character (102).
  const exported = await readWxr(file)
  const nameOf = (wpId: string) => exported.items.find((item) => item.postId === wpId)!.postName
  const solarName = nameOf('101')
  const harbourName = nameOf('102')
  assert.match(solarName, /%d8%a7%d$/, 'the fixture cuts 101 inside an escape')
  assert.match(harbourName, /-%d8$/, 'and 102 inside a character')
  const economy = enc('اقتصاد')

  const expected: [string, string][] = [
    ['/?p=101', solar],
    ['/?p=101&utm_source=feed', solar],
    ['/index.php?p=102', harbour],
    [`/2024/03/05/${solarName}/`, solar],
    [`/2024/03/05/${solarName}`, solar],
    [`/2024/03/05/${solarName.toUpperCase()}/`, solar],
    [`/${solarName}/`, solar],
    [`/2024/03/04/${harbourName}/`, harbour],
    [`/${harbourName}`, harbour],
    [`/2024/03/05/${encodeURI('الألواح-الشمسية-تغطي-أسطح-المدارس-في-ا')}/`, solar],
    ['/?page_id=110', about],
    [`/${enc('من-نحن')}/`, about],
    [`/${enc('من-نحن')}/${enc('فريق-التحرير')}/`, team],
    [`/category/${economy}/`, `/section/${encodeURIComponent('اقتصاد')}`],
    [`/category/${economy}/energy/`, '/section/energy'],
    ['/category/energy', '/section/energy'],
    [`/category/${enc('رياضة')}/`, `/section/${encodeURIComponent('رياضة')}`],
  ]
  for (const [from, to] of expected) {
    const res = await fetch(base + from, { redirect: 'manual' })
    assert.equal(res.status, 301, from)
    assert.equal(res.headers.get('location'), to, from)
    const landed = await fetch(base + to, { redirect: 'manual' })
    assert.equal(landed.status, 200, `${from} → ${to}`)
  }

  // A WordPress address that is already a Nashra one just works: tags and authors.
  for (const path of ['/tag/markets/', `/tag/${enc('الطاقة-الشمسية')}/`, '/author/hala/', '/author/omar']) {
    const res = await fetch(base + path, { redirect: 'manual' })
    assert.equal(res.status, 200, path)
  }
  // Unknown old addresses, drafts' short links and the API: the 404s they were.
  for (const path of ['/?p=999', '/?p=104', '/2024/03/05/no-such-post/', '/category/nothing/', '/api/v1/articles/999999']) {
    const res = await fetch(base + path, { redirect: 'manual' })
    assert.equal(res.status, 404, path)
  }
  const home = await fetch(base + '/', { redirect: 'manual' })
  assert.equal(home.status, 200, 'the home page itself is untouched')

  // What readers get of the import: approved comments only (no pingback, no e-mail), the library's images.
  const harbourId = harbour.split('/')[2]
  const comments = await fetch(`${base}/api/v1/articles/${harbourId}/comments`)
  const text = await comments.text()
  const names = [...text.matchAll(/"name":"([^"]*)"/g)].map((m) => m[1])
  assert.deepEqual(names.sort(), ['ليلى', 'سالم', 'عمر الراشد'].sort())
  assert.doesNotMatch(text, /@/, 'no e-mail')
  const page = await (await fetch(base + solar)).text()
  assert.match(page, /<figure class="article-image"[^>]*>[\s\S]*?\/media\/[\s\S]*?عمال يثبتون الألواح/)
  assert.match(page, /عودة القوارب إلى الميناء/)
})
