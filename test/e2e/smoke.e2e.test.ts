import assert from 'node:assert/strict'
import { test } from 'node:test'
import { chromiumMissing, findArticleUrl, launchBrowser, startTestServer, watchPage } from './helpers.js'

test('helpers: a real server with demo content and Chromium', { skip: chromiumMissing }, async (t) => {
  const server = await startTestServer(t)
  const articleUrl = await findArticleUrl(server)
  const browser = await launchBrowser(t)
  const page = await browser.newPage()
  const watch = watchPage(page, server.baseUrl)
  const res = await page.goto(articleUrl)
  assert.equal(res?.status(), 200)
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
  assert.deepEqual(watch.foreignRequests, [])
})
