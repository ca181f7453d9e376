// Accessibility audit with axe-core on every kind of reader page, in both skins, and screenshots of
// home and an article at phone and desktop widths (written under test-results/screenshots/).
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { chromiumMissing, closeReaderSite, openReaderSite, type Browser, type ReaderPages, type TestServer } from './helpers.js'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const SCREENSHOT_DIR = resolve('test-results', 'screenshots')
const SKINS = ['default', 'dark'] as const
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

describe('accessibility and screenshots in Chromium', { skip: chromiumMissing }, () => {
  let server: TestServer
  let browser: Browser
  let pages: ReaderPages

  before(async () => {
    ;({ server, browser, pages } = await openReaderSite())
  })
  after(() => closeReaderSite({ server, browser }))

  for (const skin of SKINS) {
    test(`axe-core finds no serious or critical violation on reader pages (skin: ${skin})`, async () => {
      // bypassCSP: the page's CSP (script-src 'self') would refuse the injected axe script.
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
      await context.addCookies([{ name: 'skin', value: skin, url: server.baseUrl }])
      const page = await context.newPage()
      const targets: [string, string | undefined][] = [
        ['home', pages.home],
        ['article', pages.article],
        ['section', pages.section],
        ['tag', pages.tag],
        ['author', pages.author],
        ['masthead', pages.masthead],
        ['search', pages.search],
        ['404', pages.notFound],
      ]
      const problems: string[] = []
      let audited = 0
      for (const [name, url] of targets) {
        if (!url) continue
        await page.goto(url, { waitUntil: 'load' })
        assert.equal(await page.getAttribute('html', 'data-skin'), skin, `${name} rendered in the ${skin} skin`)
        await page.evaluate(() => document.fonts.ready)
        await page.addScriptTag({ path: AXE_PATH })
        // The skins differ only in colours: the dark pass runs the colour rules, the default pass all rules.
        const options = skin === 'dark' ? { runOnly: { type: 'rule', values: COLOUR_RULES } } : {}
        const violations = (await page.evaluate(async (options) => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe
          const result = await axe.run(document, { ...options, resultTypes: ['violations'] })
          return result.violations
        }, options)) as AxeViolation[]
        audited++
        for (const v of violations) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue
          const where = v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`)
            .join('; ')
          problems.push(`${name} [${skin}] ${v.impact} ${v.id}: ${v.help} — ${where}`)
        }
      }
      assert.ok(audited >= 7, `audited ${audited} pages`)
      assert.deepEqual(problems, [])
      await context.close()
    })
  }

  test('screenshots of home and an article at 390 px and 1280 px in both skins', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const written: string[] = []
    for (const width of [390, 1280]) {
      for (const skin of SKINS) {
        const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 })
        await context.addCookies([{ name: 'skin', value: skin, url: server.baseUrl }])
        const page = await context.newPage()
        for (const [name, url] of [['home', pages.home], ['article', pages.article]] as const) {
          await page.goto(url, { waitUntil: 'load' })
          // A full-page shot does not scroll, so lazy images below the fold would stay blank: load them all.
          await page.evaluate(async () => {
            const images = Array.from(document.images)
            for (const img of images) img.loading = 'eager'
            await Promise.all(images.map((img) => img.decode().catch(() => undefined)))
            await document.fonts.ready
          })
          const broken = await page.evaluate(() => Array.from(document.images).filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src))
          assert.deepEqual(broken, [], `${name}: every image loads`)
          // Nothing may stick out sideways: a phone reader must never scroll horizontally.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
          assert.ok(overflow <= 0, `${name} at ${width}px (${skin}) overflows horizontally by ${overflow}px`)
          const file = join(SCREENSHOT_DIR, `${name}-${width}-${skin}.png`)
          const png = await page.screenshot({ path: file, fullPage: true })
          assert.ok(png.length > 1000, `${file} is an image`)
          written.push(file)
        }
        await context.close()
      }
    }
    assert.equal(written.length, 8)
  })
})
