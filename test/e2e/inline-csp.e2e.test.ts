// The reader pages' first-paint CSS and script are inline (docs/decisions/024): the CSP allows them
// by hash. A hash that drifted from the text (a build that changed one but not the other) would leave
// the page unstyled or the script unrun, silently but for a CSP report: so load each kind of page in
// Chromium and require no violation, no console error, the styles applied and early.js run.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { chromiumMissing, closeReaderSite, openReaderSite, watchPage, type Browser, type ReaderPages, type TestServer } from './helpers.js'

describe('inline critical CSS and JS under the CSP', { skip: chromiumMissing }, () => {
  const site: { server?: TestServer; browser?: Browser; pages?: ReaderPages } = {}
  before(async () => Object.assign(site, await openReaderSite()))
  after(() => closeReaderSite(site))

  test('every reader page: no CSP violation, styles applied, early.js has run', async () => {
    const { browser, server, pages } = site as Required<typeof site>
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    try {
      for (const url of [pages.home, pages.article, pages.section, pages.author, pages.search, pages.masthead, pages.notFound]) {
        const page = await context.newPage()
        const watch = watchPage(page, server.baseUrl)
        // Registered before any of the page's code: a violation of the inline <style> or <script> fires at parse time.
        await page.addInitScript(() => {
          const seen: string[] = []
          ;(window as unknown as { cspViolations: string[] }).cspViolations = seen
          document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
        })
        const res = await page.goto(url, { waitUntil: 'load' })
        assert.ok(res, url)
        const csp = String(res.headers()['content-security-policy'])
        assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/, url)
        assert.match(csp, /style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/, url)
        const state = await page.evaluate(() => ({
          violations: (window as unknown as { cspViolations: string[] }).cspViolations,
          // early.js marks JS on; site.css hides the skip link off screen until focused.
          js: document.documentElement.classList.contains('js'),
          skipLinkTop: document.querySelector('.skip-link')!.getBoundingClientRect().top,
          inlineStyles: document.querySelectorAll('head style').length,
          linkedSiteCss: document.querySelectorAll('link[rel="stylesheet"][href*="site.css"]').length,
          bodyFont: getComputedStyle(document.body).fontFamily,
        }))
        assert.deepEqual(state.violations, [], url)
        // The 404 page's own status is logged as a console error: that one is the point of the page.
        assert.deepEqual(watch.consoleErrors.filter((e) => !e.includes('status of 404')), [], url)
        assert.equal(state.js, true, `${url}: early.js ran`)
        assert.equal(state.inlineStyles, 1, url)
        assert.equal(state.linkedSiteCss, 0, url)
        assert.match(state.bodyFont, /Noto Naskh Arabic/, `${url}: the site's body face is set`)
        assert.ok(state.skipLinkTop < 0, `${url}: the skip link is parked above the screen by site.css (top ${state.skipLinkTop})`)
        // Once the page has painted, early.js links the manifest and loads the enhancing scripts.
        await page.waitForSelector('link[rel="manifest"][href="/manifest.webmanifest"]', { state: 'attached', timeout: 5000 })
        await page.waitForSelector('script[src*="/assets/site.js?v="]', { state: 'attached', timeout: 5000 })
        await page.close()
      }
    } finally {
      await context.close()
    }
  })
})
