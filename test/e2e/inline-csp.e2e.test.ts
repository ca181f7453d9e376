// The reader pages' first-paint CSS and script are inline (docs/decisions/024): the CSP allows them
// by hash. A hash that drifted from the text (a build that changed one but not the other) would leave
// the page unstyled or the script unrun, silently but for a CSP report: so load each kind of page in
// Chromium and require no violation, no console error, the styles applied and early.js run.
// Each kind of page inlines only its cut of site.css (decision 036): a rule left out of a kind that
// uses it would show as a page slightly off, on one kind, at one width. So each kind of page is also
// loaded as served, then again with the whole site.css in place of its cut, and every element (and
// its ::before and ::after) must compute the same style, at a phone's width and a desktop's.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { chromiumMissing, closeReaderSite, gotoEnhanced, openReaderSite, watchPage, type Browser, type ReaderPages, type TestServer } from './helpers.js'

// dist/test/e2e/ → dist/public/site.css: the whole file, its @font-face rules prepended by the build.
const WHOLE_CSS = fileURLToPath(new URL('../../public/site.css', import.meta.url))
const WIDTHS = [390, 1280]

describe('inline critical CSS and JS under the CSP, each kind of page with its own cut of site.css', { skip: chromiumMissing }, () => {
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

  test('every element computes the same style with the page\'s cut as with the whole site.css', async () => {
    const { browser, server, pages } = site as Required<typeof site>
    const wholeCss = readFileSync(WHOLE_CSS, 'utf8')
    const urls = await pageUrls(server, pages)
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' })
      try {
        for (const url of urls) {
          const page = await context.newPage()
          const served = await stylesOf(page, url)
          await page.route(url, async (route) => {
            const response = await route.fetch()
            const html = await response.text()
            const headers = { ...response.headers() }
            // The whole file's hash is not in the CSP: this copy of the page is for comparing only.
            delete headers['content-security-policy']
            route.fulfill({ response, headers, body: html.replace(/<style>[\s\S]*?<\/style>/, () => `<style>${wholeCss}</style>`) })
          })
          const whole = await stylesOf(page, url)
          // A cut, not the whole file: the front page's grid is in the front page's CSS only.
          assert.equal(served.inlineCss.includes('.front-main'), url === pages.home, `${url}: the front page's rules are inlined on the front page only`)
          const differences = differencesOf(served.styles, whole.styles)
          assert.deepEqual(differences.slice(0, 10), [], `${url} at ${width} px: ${differences.length} properties differ from the whole site.css`)
          await page.close()
        }
      } finally {
        await context.close()
      }
    }
  })
})

/** A page of every kind that inlines its own cut: the reader pages, the corrections page and an article's comment pages. */
async function pageUrls(server: TestServer, pages: ReaderPages): Promise<string[]> {
  const urls = [pages.home, pages.article, pages.section, pages.author, pages.search, pages.masthead, pages.notFound, `${server.baseUrl}/corrections`]
  if (pages.tag) urls.push(pages.tag)
  const article = await (await fetch(pages.article)).text()
  const reply = /href="(\/comments\/\d+\/reply\/\d+)[#"]/.exec(article)?.[1]
  if (reply) urls.push(server.baseUrl + reply)
  return urls
}

/** Every element's computed style (and its ::before and ::after when they show), once the page, its scripts and its fonts have loaded. */
async function stylesOf(page: Page, url: string): Promise<{ inlineCss: string; styles: Map<string, string> }> {
  // The enhancing scripts add elements and set states (the search suggestions, back-to-top): both loads compare after them.
  assert.ok(await gotoEnhanced(page, url), url)
  await page.evaluate(() => document.fonts.ready)
  const { inlineCss, entries } = await page.evaluate(() => {
    const names = Array.from(getComputedStyle(document.body)).filter((n) => !n.startsWith('--'))
    const seen = new Map<string, number>()
    const entries: [string, string][] = []
    for (const el of Array.from(document.querySelectorAll('body, body *'))) {
      const parts: string[] = []
      for (let e: Element | null = el; e; e = e.parentElement) parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + Array.from(e.classList).join('.') : ''))
      const path = parts.join(' > ')
      // Siblings of the same tag and classes are told apart by their order.
      const nth = (seen.get(path) ?? 0) + 1
      seen.set(path, nth)
      for (const pseudo of [null, '::before', '::after']) {
        const computed = getComputedStyle(el, pseudo)
        if (pseudo && (computed.content === 'none' || computed.content === 'normal')) continue
        entries.push([`${path} #${nth}${pseudo ?? ''}`, names.map((n) => `${n}: ${computed.getPropertyValue(n)}`).join('\n')])
      }
    }
    return { inlineCss: document.querySelector('head style')?.textContent ?? '', entries }
  })
  return { inlineCss, styles: new Map(entries) }
}

/** What differs, as «element property: value (whole file: value)»; custom properties are left out (the minifier rewrites their text). */
function differencesOf(served: Map<string, string>, whole: Map<string, string>): string[] {
  const out: string[] = []
  for (const [path, text] of served) {
    const other = whole.get(path)
    if (other === undefined) out.push(`${path}: only with the page's cut`)
    else if (other !== text) {
      const wholeLines = other.split('\n')
      text.split('\n').forEach((line, i) => line !== wholeLines[i] && out.push(`${path} ${line} (whole file: ${wholeLines[i]?.replace(/^[^:]*: /, '')})`))
    }
  }
  for (const path of whole.keys()) if (!served.has(path)) out.push(`${path}: only with the whole file`)
  return out
}
