import assert from 'node:assert/strict'
import { test } from 'node:test'
import { WXR_FIXTURE } from './testing.js'
import { PAGES_KEY, planImport } from './wxr.mapper.js'
import { readWxr } from './wxr.reader.js'

test('the plan: terms once each, nested categories, statuses, old addresses', async () => {
  const plan = planImport(await readWxr(WXR_FIXTURE))
  assert.deepEqual([...plan.sections.values()].map((s) => s.slug), ['اقتصاد', 'energy', 'رياضة', 'صفحات'])
  assert.deepEqual(plan.sections.get('energy')!.oldPaths, ['/category/اقتصاد/energy/', '/category/energy/'])
  assert.deepEqual([...plan.tags.values()].map((t) => t.slug), ['الطاقة-الشمسية', 'markets', 'اقتصاد'])
  assert.deepEqual(plan.articles.map((a) => [a.wpId, a.status]), [
    ['101', 'published'], ['102', 'published'], ['103', 'published'], ['104', 'draft'], ['105', 'review'], ['106', 'scheduled'], ['110', 'published'], ['111', 'published'],
  ])
  const solar = plan.articles[0]
  const exported = (await readWxr(WXR_FIXTURE)).items.find((item) => item.postId === '101')!.postName
  assert.equal(solar.slug, 'الألواح-الشمسية-تغطي-أسطح-المدارس-في-ا')
  // The permalink as exported (percent-encoded, cut), and the forms made from the decoded name.
  assert.deepEqual(solar.oldPaths, ['/?p=101', `/2024/03/05/${exported}`, `/${solar.slug}/`, `/2024/03/05/${solar.slug}/`])
  assert.equal(plan.articles.find((a) => a.wpId === '110')!.section, PAGES_KEY)
  assert.deepEqual(plan.articles.find((a) => a.wpId === '104')!.oldPaths, [], 'no old address for a draft')
})

test('a blog in a folder: old addresses keep the folder', async () => {
  const wxr = await readWxr(WXR_FIXTURE)
  const plan = planImport({ ...wxr, blogUrl: 'https://old-news.example/akhbar/' })
  assert.equal(plan.siteUrl, 'https://old-news.example/akhbar')
  const stadium = plan.articles.find((a) => a.wpId === '103')!
  assert.ok(stadium.oldPaths.includes('/akhbar/?p=103'))
  assert.ok(stadium.oldPaths.includes('/akhbar/2024/03/06/الملعب-البلدي-الجديد/'))
  assert.deepEqual(plan.sections.get('energy')!.oldPaths, ['/akhbar/category/اقتصاد/energy/', '/akhbar/category/energy/'])
})
