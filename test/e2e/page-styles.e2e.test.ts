// Each kind of reader page inlines only its cut of site.css (decision 036). A rule left out of a kind
// that uses it would show as a page slightly off, on one page kind, at one width: so load every kind
// of page as served, then again with the whole site.css in place of its cut, and require every
// element (and its ::before and ::after) to compute the same style, at a phone's width and a desktop's.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { chromiumMissing, closeReaderSite, gotoEnhanced, openReaderSite, type Browser, type ReaderPages, type TestServer } from './helpers.js'

// dist/test/e2e/ → dist/public/site.css: the whole file, its @font-face rules prepended by the build.
const WHOLE_CSS = fileURLToPath(new URL('../../public/site.css', import.meta.url))
const WIDTHS = [390, 1280]

describe('each kind of page inlines only its cut of site.css, and looks as with the whole file', { skip: chromiumMissing }, () => {
  const site: { server?: TestServer; browser?: Browser; pages?: ReaderPages } = {}
  before(async () => Object.assign(site, await openReaderSite()))
  after(() => closeReaderSite(site))

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
