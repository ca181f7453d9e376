// The reader's layout (issue 12, item 5) at a phone's and a desktop's width: the sidebar from 1024 px,
// a compact phone header, touch targets of at least 24 × 24 px, nothing sticking out sideways, the
// back-to-top button never over the comment form, the search filters folded on phones, the section
// strip's scroll hint, and axe-core on the same pages. Screenshots go to test-results/screenshots/.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { chromiumMissing, closeReaderSite, gotoEnhanced, openReaderSite, type Browser, type Page, type ReaderPages, type TestServer } from './helpers.js'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const SCREENSHOT_DIR = resolve('test-results', 'screenshots')
const WIDTHS = [390, 1280] as const
/** The phone header's budget before any content (the «عاجل» strip, when there is one, is news, not chrome). */
const PHONE_HEADER_MAX = 120
const MIN_TARGET = 24

/** Every visible control smaller than 24 × 24 px, except links inside running text (WCAG 2.5.8's inline exception). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = []
    const selector = 'a[href], button, summary, select, input:not([type="hidden"]), textarea'
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const rect = el.getBoundingClientRect()
      if (rect.width <= 1 || rect.height <= 1) continue // not rendered, or visually hidden
      if (rect.right < 0 || rect.left > document.documentElement.scrollWidth || rect.bottom < -50) continue // parked off screen (skip link, honeypot)
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true })) continue // hidden, or in a closed <details>
      const style = getComputedStyle(el)
      if (el.closest('[data-hidden="true"]')) continue
      if (el.tagName === 'A' && style.display === 'inline') {
        const block = el.parentElement?.closest('p, li, dd, blockquote, figcaption, td') ?? el.parentElement
        const own = (el.textContent ?? '').trim().length
        if (block && (block.textContent ?? '').trim().length > own + 8) continue // a link in a sentence
      }
      if (rect.width < min || rect.height < min) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)
        found.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} «${name}» ${Math.round(rect.width)}×${Math.round(rect.height)}`)
      }
    }
    return found
  }, MIN_TARGET)
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const img of Array.from(document.images)) img.loading = 'eager'
    await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)))
    await document.fonts.ready
  })
}

describe('the layout a reader expects, in Chromium at 390 and 1280 px', { skip: chromiumMissing }, () => {
  let server: TestServer
  let browser: Browser
  let pages: ReaderPages

  before(async () => {
    ;({ server, browser, pages } = await openReaderSite())
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
  })
  after(() => closeReaderSite({ server, browser }))

  for (const width of WIDTHS) {
    test(`article, section and search at ${width} px: screenshots, no overflow, targets ≥ 24 px, sidebar ${width >= 1024 ? 'shown' : 'hidden'}, no axe violation`, async () => {
      const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 })
      const page = await context.newPage()
      const problems: string[] = []
      for (const [name, url] of [['article', pages.article], ['section', pages.section], ['search', pages.search]] as const) {
        await page.goto(url, { waitUntil: 'load' })
        await settle(page)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        if (overflow > 0) problems.push(`${name}: overflows sideways by ${overflow}px`)
        for (const small of await smallTargets(page)) problems.push(`${name}: small target ${small}`)

        if (width < 600) {
          const header = await page.evaluate(() => {
            const ticker = document.querySelector('.ticker')?.getBoundingClientRect().height ?? 0
            return Math.round(document.querySelector('main')!.getBoundingClientRect().top - ticker)
          })
          if (header > PHONE_HEADER_MAX) problems.push(`${name}: the phone header takes ${header}px (at most ${PHONE_HEADER_MAX})`)
        }
        if (name === 'article') {
          const sidebar = page.locator('.sidebar')
          assert.equal(await sidebar.isVisible(), width >= 1024, `sidebar visible at ${width}px`)
          if (width >= 1024) {
            assert.equal(await sidebar.locator('h2').first().innerText(), 'آخر الأخبار')
            assert.ok((await sidebar.locator('.sidebar-latest li a').count()) >= 3, 'latest stories listed')
            // The article column starts at the header's content edge (the same container).
            const edges = await page.evaluate(() => {
              const right = (sel: string) => Math.round(document.querySelector(sel)!.getBoundingClientRect().right)
              const left = (sel: string) => Math.round(document.querySelector(sel)!.getBoundingClientRect().left)
              return { brand: right('.brand'), article: right('.article'), search: left('.search-box'), sidebar: left('.sidebar') }
            })
            assert.ok(Math.abs(edges.brand - edges.article) <= 1, `article column's start ${edges.article} vs the header's ${edges.brand}`)
            assert.ok(Math.abs(edges.search - edges.sidebar) <= 1, `sidebar's end ${edges.sidebar} vs the header's ${edges.search}`)
          }
          // Share controls: labelled icons, all the same height.
          const share = await page.evaluate(() =>
            Array.from(document.querySelectorAll<HTMLElement>('.share-button'))
              .filter((b) => !b.hidden)
              .map((b) => ({ icon: !!b.querySelector('svg'), label: (b.querySelector('.share-label')?.textContent ?? '').trim(), height: Math.round(b.getBoundingClientRect().height) })),
          )
          assert.ok(share.length >= 7, `share controls: ${share.length}`)
          assert.ok(share.every((s) => s.icon && s.label.length > 0), 'each share control has an icon and a name')
          assert.equal(new Set(share.map((s) => s.height)).size, 1, `share controls of one height: ${share.map((s) => s.height)}`)
        }
        await page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${name}-${width}.png`), fullPage: true })

        await page.addScriptTag({ path: AXE_PATH })
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
          return (await axe.run(document, { resultTypes: ['violations'] })).violations
        })) as { id: string; impact: string; nodes: { target: string[] }[] }[]
        for (const v of violations) problems.push(`${name}: axe ${v.impact} ${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`)
      }
      await context.close()
      assert.deepEqual(problems, [])
    })
  }

  test('no sidebar just below 1024 px, and one at 1024 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1023, height: 800 } })
    const page = await context.newPage()
    await page.goto(pages.article)
    assert.equal(await page.locator('.sidebar').isVisible(), false)
    await page.setViewportSize({ width: 1024, height: 800 })
    assert.equal(await page.locator('.sidebar').isVisible(), true)
    await context.close()
  })

  test('the back-to-top button is hidden from the first paint until the reader scrolls, and always there without JavaScript', async () => {
    const opacityAtTop = async (javaScriptEnabled: boolean) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled })
      // Without site.js the page stays as its first paint left it.
      await context.route('**/assets/site.js*', (route) => route.abort())
      const page = await context.newPage()
      await page.goto(pages.article, { waitUntil: 'load' })
      const opacity = await page.locator('.back-to-top').evaluate((b) => getComputedStyle(b).opacity)
      await context.close()
      return opacity
    }
    assert.equal(await opacityAtTop(true), '0', 'with JavaScript, hidden before site.js has run')
    assert.equal(await opacityAtTop(false), '1', 'without JavaScript, a plain link to the top')
  })

  test('the back-to-top button never covers the comment form on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(pages.article, { waitUntil: 'load' })
    const button = page.locator('.back-to-top')
    const covers = () =>
      page.evaluate(() => {
        const b = document.querySelector<HTMLElement>('.back-to-top')!
        const style = getComputedStyle(b)
        if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false
        const r = b.getBoundingClientRect()
        return Array.from(document.querySelectorAll<HTMLElement>('#respond input:not([type="hidden"]), #respond textarea, #respond button, #respond label')).some((f) => {
          const q = f.getBoundingClientRect()
          return q.width > 1 && r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom
        })
      })
    // Somewhere mid-story the button shows…
    await page.evaluate(() => window.scrollTo({ top: 900, behavior: 'instant' }))
    await page.waitForFunction(() => document.querySelector('.back-to-top')!.getAttribute('data-hidden') === 'false')
    assert.equal(await button.isVisible(), true)
    // …and at every step through the comment form it covers none of its fields.
    const positions = await page.evaluate(() => {
      const form = document.getElementById('respond')!.getBoundingClientRect()
      const top = form.top + window.scrollY
      const out: number[] = []
      for (let y = top - window.innerHeight; y < top + form.height; y += 120) out.push(Math.max(0, Math.round(y)))
      return out
    })
    for (const y of positions) {
      await page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), y)
      await page.waitForTimeout(60)
      assert.equal(await covers(), false, `back-to-top over the comment form at scrollY ${y}`)
    }
    // Typing in the form: hidden too, wherever the page stands.
    await page.locator('#comment-body').focus()
    await page.waitForTimeout(60)
    assert.equal(await covers(), false, 'back-to-top over the comment form while typing')
    await context.close()
  })

  test('search filters fold on a phone when a query is shown, and stay open when a filter is set or on a desktop', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(pages.search, { waitUntil: 'load' })
    assert.equal(await page.locator('details.search-more').getAttribute('open'), null, 'folded with a query')
    // The first result starts on the first screen.
    const firstResult = await page.locator('.search-result').first().boundingBox()
    assert.ok(firstResult && firstResult.y + 60 < 844, `first result at ${firstResult?.y}px`)
    await page.goto(pages.search + '&sort=newest', { waitUntil: 'load' })
    assert.notEqual(await page.locator('details.search-more').getAttribute('open'), null, 'open when a filter is set')
    await page.goto(server.baseUrl + '/search', { waitUntil: 'load' })
    assert.notEqual(await page.locator('details.search-more').getAttribute('open'), null, 'open with no query yet')
    await page.setViewportSize({ width: 1280, height: 900 })
    await gotoEnhanced(page, pages.search) // site.js opens the filters on a wide screen
    assert.notEqual(await page.locator('details.search-more').getAttribute('open'), null, 'open on a desktop')
    await context.close()
  })

  test('the section strip shows that it scrolls on a phone, until its end', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(pages.section, { waitUntil: 'load' })
    const strip = page.locator('.sections-nav ul')
    const state = () =>
      strip.evaluate((ul) => ({ scrolls: ul.scrollWidth > ul.clientWidth, mask: getComputedStyle(ul).maskImage, snap: getComputedStyle(ul).scrollSnapType, hint: ul.getAttribute('data-scroll-hint') }))
    const start = await state()
    assert.ok(start.scrolls, 'the strip is wider than a phone')
    assert.match(start.mask, /gradient/, 'faded at its far edge')
    assert.match(start.snap, /x/)
    await strip.evaluate((ul) => ul.scrollTo({ left: -ul.scrollWidth, behavior: 'instant' }))
    await page.waitForFunction(() => document.querySelector('.sections-nav ul')!.getAttribute('data-scroll-hint') === 'end')
    assert.equal((await state()).mask, 'none', 'no fade once at the end')
    await context.close()
  })
})
