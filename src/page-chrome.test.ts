import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyRequest } from 'fastify'
import { buildApp } from './app.js'
import { articlePageRenderers } from './article-page.js'
import { createArticle, createSection, ensureSection, getPublishedArticle } from './articles/index.js'
import { loadConfig } from './config/index.js'
import { readContentVersion, writeSetting } from './db/index.js'
import { createTempDir, createTestDb } from './db/testing.js'
import { PerContentVersion, sharedChrome } from './page-chrome.js'
import { addToMasthead, createPerson, updateMastheadEntry } from './people/index.js'
import { saveSiteSettings } from './site/index.js'

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000)

async function setUp(t: Parameters<typeof createTestDb>[0]) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', NASHRA_COUNT_VIEWS: '0' })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const { id } = await createArticle(db, { title: 'افتتاح الحديقة العامة', bodyHtml: '<p>افتُتحت الحديقة صباح اليوم.</p>', sectionId, status: 'published', publishedAt: hoursAgo(3) }, hoursAgo(3))
  // The article page as the route renders a page-cache miss: nothing of the page cache in between.
  const shared = sharedChrome(db, config)
  const { renderArticlePage } = articlePageRenderers(shared)
  const request = { server: app, cookies: {}, headers: {} } as unknown as FastifyRequest
  const render = async () => renderArticlePage(request, await getPublishedArticle(db, id))
  return { db, app, id, sectionId, shared, render }
}

test('the chrome is read once per content version: renders in between read no settings, navigation or ticker', async (t) => {
  const { db } = await setUp(t)
  let loads = 0
  const counted = new PerContentVersion(db, async (db) => {
    loads++
    return readContentVersion(db)
  })
  const first = await counted.get()
  assert.equal(await counted.get(), first)
  await Promise.all([counted.get(), counted.get()])
  assert.equal(loads, 1, 'the same version: the value kept')
  await saveSiteSettings(db, { tagline: 'سطر جديد' })
  assert.notEqual(await counted.get(), first)
  assert.equal(loads, 2, 'a write moved the version: loaded again, once')
  await counted.get()
  assert.equal(loads, 2)
})

test('a failed load is not kept: the next get loads again', async (t) => {
  const db = await createTestDb(t)
  let calls = 0
  const flaky = new PerContentVersion(db, async () => {
    if (++calls === 1) throw new Error('database down')
    return 'ok'
  })
  await assert.rejects(flaky.get(), /database down/)
  assert.equal(await flaky.get(), 'ok')
})

test('settings, navigation, masthead line and urgent ticker changes show on the very next uncached render', async (t) => {
  const { db, sectionId, render } = await setUp(t)
  const before = await render()
  assert.match(before, /<span class="brand-name">نشرة<\/span>/)
  assert.doesNotMatch(before, /الرياضة والشباب/)
  assert.doesNotMatch(before, /خبر عاجل عن السيل/)
  // The clock's parts aside (today's date, the comment form's time token), nothing changed: the same page.
  const timeless = (html: string) => html.replace(/<time datetime="[^"]*">/, '').replace(/name="ts" value="[^"]*"/, '')
  assert.equal(timeless(await render()), timeless(before))

  await saveSiteSettings(db, { name: 'صحيفة الوادي' })
  assert.match(await render(), /<span class="brand-name">صحيفة الوادي<\/span>/)

  await createSection(db, { name: 'الرياضة والشباب', slug: 'sport' })
  assert.match(await render(), /href="\/section\/sport">الرياضة والشباب</)

  const person = await createPerson(db, { name: 'سلمى الراشد', slug: 'salma' }, new Date())
  await addToMasthead(db, person.id, 'رئيسة التحرير')
  await updateMastheadEntry(db, person.id, { title: 'رئيسة التحرير', inMastheadLine: true })
  assert.match(await render(), /سلمى الراشد/)

  await createArticle(db, { title: 'خبر عاجل عن السيل', bodyHtml: '<p>نص</p>', sectionId, status: 'published', isUrgent: true, publishedAt: hoursAgo(1) }, hoursAgo(1))
  const withUrgent = await render()
  assert.match(withUrgent, /خبر عاجل عن السيل/, 'in the ticker and the latest stories')
  assert.match(withUrgent, /<aside class="sidebar"[\s\S]*خبر عاجل عن السيل/)
})

test('a write by another process (the version moved in the database only) shows on the next render too', async (t) => {
  const { db, render } = await setUp(t)
  assert.match(await render(), /<span class="brand-name">نشرة<\/span>/)
  // What `nashra import` or another node does: this process's write counter does not move.
  await writeSetting(db, 'site.name', 'نشرة المساء')
  await writeSetting(db, 'content_version', 'another-process-1')
  assert.match(await render(), /<span class="brand-name">نشرة المساء<\/span>/)
})

test("the sidebar's latest stories leave out the story shown, and still list six", async (t) => {
  const { db, id, sectionId, render } = await setUp(t)
  const titles = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع'].map((n) => `خبر ${n} من المدينة`)
  // Older than the shown story except the last two, so the shown one sits among the newest seven.
  for (const [i, title] of titles.entries()) await createArticle(db, { title, bodyHtml: '<p>نص</p>', sectionId, status: 'published', publishedAt: hoursAgo(i < 5 ? 10 - i : 2 - (i - 5) / 2) }, hoursAgo(12))
  const sidebar = (await render()).split('<aside class="sidebar"')[1] ?? ''
  const latest = sidebar.split('</section>')[0] ?? ''
  assert.doesNotMatch(latest, new RegExp(`/local/${id}/`), 'not the story itself')
  assert.equal([...latest.matchAll(/خبر [^<]+ من المدينة/g)].length, 6)
  assert.doesNotMatch(latest, /خبر الأول من المدينة/, 'the oldest is the one left out')
})
