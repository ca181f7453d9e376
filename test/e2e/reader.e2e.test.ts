// Reader site in a real Chromium: RTL layout, back-to-top, skins (with and without JavaScript, no
// flash), font size, self-hosted fonts, no console errors and no request to another host.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  chromiumMissing,
  closeReaderSite,
  gotoEnhanced,
  openReaderSite,
  waitForEnhanced,
  watchPage,
  type Browser,
  type BrowserContext,
  type Page,
  type ReaderPages,
  type TestServer,
} from './helpers.js'

/** Relative luminance (0 black … 1 white) of a computed `rgb(…)` colour. */
function luminance(color: string): number {
  const m = color.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/)
  assert.ok(m, `not an rgb colour: ${color}`)
  const [r, g, b] = m.slice(1, 4).map((v) => {
    const c = Number(v) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** Polls `fn` in the page (works with JavaScript disabled, unlike page.waitForFunction). */
async function waitUntil(page: Page, fn: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await page.evaluate(fn))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

interface FirstFrame {
  skin: string | null
  /** --bg as the stylesheet set it */
  bg: string
  body: string | null
  /** paint entries already recorded at that moment (0: nothing painted yet) */
  paintsBefore: number
}

/** Records the skin and colours at the first animation frame of every document, i.e. before first paint. */
async function recordFirstFrame(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    requestAnimationFrame(() => {
      const root = document.documentElement
      ;(window as unknown as { __firstFrame: unknown }).__firstFrame = {
        skin: root.getAttribute('data-skin'),
        bg: getComputedStyle(root).getPropertyValue('--bg').trim(),
        body: document.body ? getComputedStyle(document.body).backgroundColor : null,
        paintsBefore: performance.getEntriesByType('paint').length,
      }
    })
  })
}

const firstFrame = (page: Page) => page.evaluate(() => (window as unknown as { __firstFrame: unknown }).__firstFrame) as Promise<FirstFrame>

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
const BACK_TO_TOP = 'الذهاب إلى الأعلى'

describe('reader site in Chromium', { skip: chromiumMissing }, () => {
  let server: TestServer
  let browser: Browser
  let pages: ReaderPages

  before(async () => {
    ;({ server, browser, pages } = await openReaderSite())
  })
  after(() => closeReaderSite({ server, browser }))

  test('home and article pages are Arabic, right-to-left, with the headline set from the right', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    for (const url of [pages.home, pages.article]) {
      await page.goto(url)
      assert.equal(await page.getAttribute('html', 'lang'), 'ar', url)
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl', url)
      const direction = await page.evaluate(() => [getComputedStyle(document.documentElement).direction, getComputedStyle(document.body).direction])
      assert.deepEqual(direction, ['rtl', 'rtl'], url)
    }
    // On the article page: the headline's first line starts at the right edge of its box, and the
    // box itself hugs the right side of the content column.
    const box = await page.evaluate(() => {
      const h1 = document.querySelector('h1.headline') as HTMLElement
      const range = document.createRange()
      range.selectNodeContents(h1)
      const lines = Array.from(range.getClientRects())
      const firstLine = lines.reduce((top, r) => (r.top < top.top - 1 ? r : top), lines[0])
      const h = h1.getBoundingClientRect()
      const style = getComputedStyle(h1)
      const main = document.querySelector('main')!.getBoundingClientRect()
      return {
        textAlign: style.textAlign,
        contentRight: h.right - parseFloat(style.paddingRight),
        lineRight: firstLine.right,
        lineLeft: firstLine.left,
        boxLeft: h.left,
        boxRight: h.right,
        mainCenter: (main.left + main.right) / 2,
      }
    })
    assert.ok(['start', 'right'].includes(box.textAlign), `text-align ${box.textAlign}`)
    assert.ok(Math.abs(box.lineRight - box.contentRight) <= 2, `headline line ends at ${box.lineRight}, box right is ${box.contentRight}`)
    assert.ok(box.lineLeft >= box.boxLeft - 1, 'headline text stays inside its box')
    assert.ok(box.boxRight > box.mainCenter, 'the headline column sits on the right side of the page')
    await context.close()
  })

  test('back-to-top is labelled «الذهاب إلى الأعلى», reachable by keyboard, and returns focus to the top', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 700 } })
    const page = await context.newPage()
    await gotoEnhanced(page, pages.article)
    const link = page.getByRole('link', { name: BACK_TO_TOP, exact: true })
    assert.equal(await link.count(), 1)
    assert.equal(await link.getAttribute('href'), '#top')

    await page.keyboard.press('End')
    await page.waitForFunction(() => window.scrollY > 100)
    // Tab from the last link of the footer lands on back-to-top (it is last in the tab order).
    await page.locator('.site-footer a:not(.back-to-top)').last().focus()
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('back-to-top')), true)
    assert.ok(await link.isVisible(), 'back-to-top is visible while focused')
    assert.equal(await link.evaluate((el) => getComputedStyle(el).opacity), '1', 'not faded out while focused')
    const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle)
    assert.notEqual(outline, 'none', 'the keyboard focus is visible')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => window.scrollY === 0, undefined, { timeout: 5000 })
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'top')
    // The next Tab starts from the top of the page: the skip link.
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')), true)
    await context.close()
  })

  test('the first Tab reaches a visible skip link that moves focus to the main content', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(pages.article)
    await page.keyboard.press('Tab')
    const skip = page.locator('.skip-link')
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true)
    const box = await skip.boundingBox()
    assert.ok(box && box.y >= 0 && box.x >= 0 && box.x + box.width <= 390, `skip link on screen: ${JSON.stringify(box)}`)
    assert.match(await skip.innerText(), /[\u0600-\u06FF]/)
    await page.keyboard.press('Enter')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')
    await context.close()
  })

  test('without JavaScript: back-to-top still goes to #top, and the skin form posts, sets the cookie and comes back', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 700 } })
    const page = await context.newPage()
    await page.goto(pages.article)
    assert.equal(await page.evaluate(() => 1).catch(() => 'no-js'), 1) // evaluate still works from the driver
    assert.equal(await page.locator('html.js').count(), 0, 'no JS ran')
    // Controls that only work with JavaScript are not shown without it.
    for (const control of ['.font-size-control', '.share-copy', '.share-print']) {
      assert.equal(await page.locator(control).count(), 1, `${control} is on the page`)
      assert.equal(await page.locator(control).isVisible(), false, `${control} is hidden without JavaScript`)
    }
    await page.keyboard.press('End')
    await waitUntil(page, () => window.scrollY > 100, 'the page to scroll down')
    const link = page.getByRole('link', { name: BACK_TO_TOP, exact: true })
    assert.ok(await link.isVisible())
    await link.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/#top$/)
    await waitUntil(page, () => window.scrollY === 0, 'the page to scroll to the top')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'top', 'focus moved to the top')

    // Skin selector: visible apply button, POST → 303 → same page, now dark.
    await page.goto(pages.article)
    const before = await bodyBackground(page)
    assert.ok(luminance(before) > 0.5, `light by default: ${before}`)
    await page.selectOption('#skin-choice', { label: 'داكن' })
    const apply = page.locator('.skin-selector button[type=submit]')
    assert.ok(await apply.isVisible(), 'the apply button is shown without JS')
    const [response] = await Promise.all([page.waitForNavigation(), apply.click()])
    assert.equal(response?.url(), pages.article, 'redirected back to the page it came from')
    assert.equal(await page.getAttribute('html', 'data-skin'), 'dark')
    assert.ok(luminance(await bodyBackground(page)) < 0.1, 'dark after the form post')
    const cookie = (await context.cookies()).find((c) => c.name === 'skin')
    assert.equal(cookie?.value, 'dark')
    await context.close()
  })

  test('choosing «داكن» turns the page dark at once, and a reload is dark from the first frame', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
    await recordFirstFrame(context)
    const page = await context.newPage()
    await gotoEnhanced(page, pages.article)
    assert.ok(luminance(await bodyBackground(page)) > 0.5)
    await page.selectOption('#skin-choice', { label: 'داكن' })
    assert.equal(await page.getAttribute('html', 'data-skin'), 'dark')
    assert.ok(luminance(await bodyBackground(page)) < 0.1, 'dark right after choosing')
    assert.equal((await context.cookies()).find((c) => c.name === 'skin')?.value, 'dark')

    for (const url of [pages.article, pages.home]) {
      const response = await page.goto(url)
      // The server renders the chosen skin into the HTML: no script has to fix it after paint.
      assert.match(await response!.text(), /<html[^>]*\sdata-skin="dark"/, url)
      const first = await firstFrame(page)
      assert.equal(first.paintsBefore, 0, 'recorded before anything was painted')
      assert.equal(first.skin, 'dark', `${url}: dark at the first frame`)
      assert.ok(first.bg, 'the stylesheet applied before the first frame')
      assert.ok(first.body && luminance(first.body) < 0.1, `${url}: dark background at the first frame (${first.body})`)
      assert.ok(luminance(await bodyBackground(page)) < 0.1)
    }
    await page.reload()
    assert.equal(await page.getAttribute('html', 'data-skin'), 'dark')
    assert.equal(await page.inputValue('#skin-choice'), 'dark', 'the selector shows the current skin')
    await context.close()
  })

  test('prefers-color-scheme: dark with no cookie gives dark colours; light gives light', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' })
    await recordFirstFrame(context)
    const page = await context.newPage()
    await page.goto(pages.article)
    assert.equal((await context.cookies()).length, 0)
    const first = await firstFrame(page)
    assert.equal(first.skin, 'auto')
    assert.equal(first.paintsBefore, 0)
    assert.ok(first.body && luminance(first.body) < 0.1, `dark from the first frame (${first.body})`)
    assert.ok(luminance(await bodyBackground(page)) < 0.1, 'dark when the system is dark')
    const text = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)
    assert.ok(luminance(text) > 0.6, `light headline text on dark: ${text}`)
    await page.emulateMedia({ colorScheme: 'light' })
    assert.ok(luminance(await bodyBackground(page)) > 0.5, 'light when the system is light')
    await context.close()
  })

  test('the font-size control enlarges the article text and the choice survives a reload', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await gotoEnhanced(page, pages.article)
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body p')!).fontSize))
    const base = await size()
    const bigger = page.getByRole('button', { name: 'تكبير الخط' })
    assert.ok(await bigger.isVisible(), 'the control is shown when JS runs')
    await bigger.click()
    const enlarged = await size()
    assert.ok(enlarged > base, `text grew: ${base} → ${enlarged}`)
    await bigger.click()
    const twice = await size()
    assert.ok(twice > enlarged, `text grew again: ${enlarged} → ${twice}`)
    await page.reload()
    assert.equal(await size(), twice, 'same size after reload')
    await waitForEnhanced(page)
    await page.getByRole('button', { name: 'الحجم الافتراضي للخط' }).click()
    assert.equal(await size(), base)
    await context.close()
  })

  test('the self-hosted Arabic fonts load on the article page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const watch = watchPage(page, server.baseUrl)
    await page.goto(pages.article, { waitUntil: 'load' })
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready
      const loaded: string[] = []
      document.fonts.forEach((f) => {
        if (f.status === 'loaded') loaded.push(`${f.family.replace(/["']/g, '')} ${f.weight}`)
      })
      return loaded
    })
    assert.ok(fonts.some((f) => f.startsWith('Noto Naskh Arabic')), `loaded fonts: ${fonts.join(', ')}`)
    assert.ok(await page.evaluate(() => document.fonts.check('18px "Noto Naskh Arabic"', 'خبر')))
    const fontRequests = watch.requests.filter((u) => u.includes('.woff2'))
    assert.ok(fontRequests.length > 0 && fontRequests.every((u) => u.startsWith(server.baseUrl + '/fonts/')), fontRequests.join(' '))
    await context.close()
  })

  test('no console errors, no page errors and no request to another host on reader pages', async () => {
    const context = await browser.newContext()
    const urls = [pages.home, pages.article, pages.section, pages.tag, pages.author, pages.masthead, pages.notFound].filter((u): u is string => !!u)
    for (const url of urls) {
      // A page per URL: requests the previous page left in flight cannot be blamed on this one.
      const page = await context.newPage()
      const watch = watchPage(page, server.baseUrl)
      const response = await page.goto(url, { waitUntil: 'load' })
      // Let lazy images, fonts and deferred scripts finish.
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(resolve))))
      await page.waitForLoadState('networkidle')
      if (url === pages.notFound) {
        assert.equal(response?.status(), 404)
        // Chromium logs the document's own 404 status as a console error; that one is expected.
        const own = watch.consoleErrors.filter((e) => !(e.includes('404') && e.endsWith(`@ ${url}`)))
        assert.deepEqual(own, [], `console errors on ${url}`)
        assert.match(await page.locator('main').innerText(), /[\u0600-\u06FF]/, 'the 404 page is in Arabic')
      } else {
        assert.equal(response?.status(), 200, url)
        assert.deepEqual(watch.consoleErrors, [], `console errors on ${url}`)
      }
      assert.deepEqual(watch.pageErrors, [], `page errors on ${url}`)
      assert.deepEqual(watch.foreignRequests, [], `requests to other hosts from ${url}`)
      assert.deepEqual(watch.failedRequests, [], `failed requests on ${url}`)
      assert.ok(watch.requests.length > 1, 'requests were recorded')
      await page.close()
    }
    await context.close()
  })
})
