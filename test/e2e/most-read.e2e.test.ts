// Most read in a real Chromium: a reader's visit to a cached article page is counted where the page
// is served (no beacon, no cookie, no request beyond the page's own), a headless crawler's is not,
// and after the views are written the home page shows «الأكثر قراءة».
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { test } from 'node:test'
import { chromiumMissing, launchBrowser, startTestServer, watchPage } from './helpers.js'

const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

test('visiting a cached article page counts one view, shown on the home page after a flush', { skip: chromiumMissing }, async (t) => {
  // Views are written when the test says (flush), not by the timer midway.
  const server = await startTestServer(t, { env: { NASHRA_VIEWS_FLUSH_SECONDS: '3600' } })
  const browser = await launchBrowser(t)
  // Found through the API, so the home page is first rendered after the views are written.
  const list = (await (await fetch(server.baseUrl + '/api/v1/articles?limit=1')).json()) as { articles: { url: string; section: { slug: string } }[] }
  const pages = { article: list.articles[0].url, section: `${server.baseUrl}/section/${list.articles[0].section.slug}` }
  const articlePath = new URL(pages.article).pathname
  // Rendered once before the browser comes: its visits are served from the cache.
  await fetch(pages.article)
  await fetch(pages.section)
  const rendersBefore = server.app.pageCache.renders

  const context = await browser.newContext({ userAgent: READER_UA })
  t.after(() => context.close())
  const page = await context.newPage()
  const watch = watchPage(page, server.baseUrl)
  await page.goto(pages.article)
  await page.reload()
  await page.goto(pages.section)
  await page.goBack()
  assert.equal(server.app.pageCache.renders, rendersBefore, 'the article page was served from the cache each time')
  assert.equal(server.app.mostRead.counter.waiting, 1, 'one reader, one view, however often they come back')
  assert.deepEqual(watch.requests.filter((url) => url.includes('/api/')), [], 'no beacon or other request was needed')
  assert.deepEqual((await context.cookies()).filter((c) => c.name !== 'skin'), [], 'no cookie')

  // Headless Chromium says so in its User-Agent: a crawler, not counted.
  const crawler = await browser.newPage()
  t.after(() => crawler.close())
  await crawler.goto(pages.article)
  assert.equal(server.app.mostRead.counter.waiting, 1)

  assert.equal(await server.app.mostRead.flush(), 1)
  const api = (await (await fetch(server.baseUrl + '/api/v1/most-read?period=week')).json()) as { articles: { url: string; views: number }[] }
  assert.deepEqual(api.articles.map((a) => [new URL(a.url).pathname, a.views]), [[articlePath, 1]])

  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(server.baseUrl + '/')
    const block = page.locator('section.most-read')
    await block.waitFor()
    assert.equal(await block.locator('h2').innerText(), 'الأكثر قراءة')
    // The page writes its links with their Arabic letters (withReadableLinks).
    assert.equal(await block.locator(`a[href="${decodeURI(articlePath)}"]`).count(), 2, "in the day's list and the week's")
    if (process.env.NASHRA_SCREENSHOTS) {
      mkdirSync(process.env.NASHRA_SCREENSHOTS, { recursive: true })
      await block.screenshot({ path: `${process.env.NASHRA_SCREENSHOTS}/most-read-home-${width}.png` })
    }
  }
  assert.deepEqual(watch.pageErrors, [])
  assert.deepEqual(watch.consoleErrors, [])
})
