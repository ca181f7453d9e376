// Search in a real Chromium: the header box suggests headlines as the reader types (an ARIA
// combobox driven by keyboard), the result page marks words in the story's own spelling, and
// nothing is requested from another host.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { chromiumMissing, gotoEnhanced, launchBrowser, startTestServer, watchPage, type Browser, type TestServer } from './helpers.js'
import { seedStories } from '../../src/search/index.js'

describe('search in the browser', { skip: chromiumMissing || false }, () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startTestServer(undefined, { seed: async (db) => void (await seedStories(db)) })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  test('typing in the header box offers headlines; arrow keys and Enter open one', async () => {
    const page = await browser.newPage()
    const watch = watchPage(page, server.baseUrl)
    await gotoEnhanced(page, server.baseUrl + '/')
    const input = page.locator('#site-search')
    assert.equal(await input.getAttribute('role'), 'combobox')
    assert.equal(await input.getAttribute('aria-expanded'), 'false')
    await input.click()
    await input.pressSequentially('محطة الطا', { delay: 20 })
    const options = page.locator('.search-box [role="option"]')
    await options.first().waitFor({ state: 'visible', timeout: 5000 })
    assert.equal(await input.getAttribute('aria-expanded'), 'true')
    assert.match(await options.first().innerText(), /محطة جديدة للطاقة الشمسية/)
    await page.keyboard.press('ArrowDown')
    const active = await input.getAttribute('aria-activedescendant')
    assert.ok(active)
    assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true')
    await Promise.all([page.waitForURL(/\/economy\/\d+\//), page.keyboard.press('Enter')])
    assert.deepEqual(watch.foreignRequests, [])
    assert.deepEqual(watch.pageErrors, [])
    await page.close()
  })

  test('Escape closes the list; submitting the form shows highlighted results', async () => {
    const page = await browser.newPage()
    const watch = watchPage(page, server.baseUrl)
    await gotoEnhanced(page, server.baseUrl + '/')
    const input = page.locator('#site-search')
    await input.click()
    await input.pressSequentially('الاطار', { delay: 20 })
    await page.locator('.search-box [role="option"]').first().waitFor({ state: 'visible', timeout: 5000 })
    await page.keyboard.press('Escape')
    assert.equal(await input.getAttribute('aria-expanded'), 'false')
    await Promise.all([page.waitForURL(/\/search\?q=/), page.keyboard.press('Enter')])
    const marks = await page.locator('.search-results mark').allInnerTexts()
    assert.ok(marks.includes('الإطار'), `marks: ${marks.join(', ')}`)
    assert.deepEqual(watch.foreignRequests, [])
    assert.deepEqual(watch.consoleErrors, [])
    await page.close()
  })
})
