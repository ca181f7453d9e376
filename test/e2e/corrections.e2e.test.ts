// Corrections, replies and bidi-safe text in Chromium: an article with Latin names, numbers, a URL
// and an embed, a correction and a reply; the article page and /corrections at 390 and 1280 px
// (screenshots under test-results/screenshots/), the box visible, Latin runs isolated in <bdi>,
// paragraphs set in the right direction, nothing loaded from another host, no axe violation.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { addCorrection, createArticle } from '../../src/articles/index.js'
import type { Db } from '../../src/db/index.js'
import { seedDemoContent } from '../../src/demo/index.js'
import { chromiumMissing, launchBrowser, startTestServer, watchPage, type Browser, type TestServer } from './helpers.js'

const SCREENSHOT_DIR = resolve('test-results', 'screenshots')
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

// Original writing for this test.
const BODY = [
  '<p dir="auto">أعلنت شركة Green Energy Systems أمس افتتاح مصنعها الجديد بطاقة 1,200 ميغاواط، وقال مديرها التنفيذي John Carter إن المشروع يوفّر 850 وظيفة.</p>',
  '<p dir="auto">Reuters: نقلت الوكالة عن مصادر أن الاستثمار بلغ 2.5 مليار دولار، وأن التشغيل يبدأ في الساعة 10:30 من يوم 2026-04-01.</p>',
  '<blockquote dir="auto"><p dir="auto">«نريد أن نكون جزءاً من التحوّل» — قالت Sarah Lee</p></blockquote>',
  '<ul dir="auto"><li dir="auto"><p dir="auto">الموقع: https://example.org/green-energy</p></li><li dir="auto"><p dir="auto">للتواصل: press@example.org</p></li></ul>',
  '<figure class="embed" data-embed-url="https://www.youtube.com/watch?v=abc123"><a href="https://www.youtube.com/watch?v=abc123">https://www.youtube.com/watch?v=abc123</a></figure>',
  '<p dir="auto">A paragraph written in English stays left to right.</p>',
].join('')

async function seed(db: Db, dataDir: string): Promise<{ path: string }> {
  const now = new Date()
  await seedDemoContent(db, dataDir, now)
  const section = await db.selectFrom('section').select('id').orderBy('position').executeTakeFirstOrThrow()
  const { id, path } = await createArticle(
    db,
    {
      title: 'Green Energy تفتتح مصنعاً بطاقة 1,200 ميغاواط',
      summary: 'المصنع الأول لشركة Green Energy Systems في المنطقة، ويبدأ التشغيل في 2026-04-01',
      bodyHtml: BODY,
      sectionId: section.id,
      status: 'published',
      publishedAt: new Date(now.getTime() - 5 * 3600_000),
    },
    now,
  )
  await addCorrection(db, id, { kind: 'correction', body: 'ذكرت نسخة سابقة أن الطاقة 1,500 ميغاواط، والصحيح 1,200 ميغاواط.' }, null, new Date(now.getTime() - 3 * 3600_000))
  await addCorrection(db, id, { kind: 'reply', body: 'توضّح الشركة أن عدد الوظائف يشمل 200 وظيفة مؤقتة في مرحلة البناء.', party: 'Green Energy Systems' }, null, new Date(now.getTime() - 3600_000))
  return { path }
}

describe('corrections and bidi-safe text in Chromium', { skip: chromiumMissing }, () => {
  let server: TestServer
  let browser: Browser
  let articlePath = ''

  before(async () => {
    server = await startTestServer(undefined, {
      seed: async (db, dataDir) => {
        articlePath = (await seed(db, dataDir)).path
      },
    })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  test('the article page: the corrections box is visible, Latin runs sit in <bdi>, paragraphs take the right direction', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 })
      const page = await context.newPage()
      const watch = watchPage(page, server.baseUrl)
      await page.goto(server.baseUrl + articlePath, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready)

      const box = page.locator('.corrections-box')
      assert.ok(await box.isVisible(), `the box is visible at ${width}px`)
      assert.equal(await box.locator('h2').textContent(), 'تصحيحات وردود')
      assert.deepEqual(await box.locator('.correction-label').allTextContents(), ['تصحيح', 'ردّ من Green Energy Systems'])

      // The Latin phrases of the body are isolated.
      const isolated = await page.locator('.article-body bdi').allTextContents()
      for (const phrase of ['Green Energy Systems', 'John Carter', 'Reuters', '10:30', '2026-04-01', 'Sarah Lee', 'https://example.org/green-energy', 'press@example.org']) {
        assert.ok(isolated.includes(phrase), `${phrase} inside a <bdi> (found: ${isolated.join(' | ')})`)
      }
      // Plain numbers are left to the bidi algorithm (Arabic order for «1,200», «2.5»).
      assert.ok(!isolated.includes('2.5') && !isolated.includes('1,200'))
      assert.ok(await page.locator('h1.headline bdi', { hasText: 'Green Energy' }).count(), 'the headline isolates its Latin name')
      // dir="auto" finds the Arabic behind a leading Latin word; the English paragraph is left to right.
      const directions = await page.$$eval('.article-body > p, .article-body blockquote, .article-body li, .article-body li p', (els) => els.map((el) => getComputedStyle(el).direction))
      // p, p, blockquote, li, li p, li, li p, the English p
      assert.deepEqual(directions, ['rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'ltr'])

      // The embed is a card linking out: no iframe, nothing requested from another host.
      assert.equal(await page.locator('iframe').count(), 0)
      assert.equal(await page.locator('.embed-card a.embed-link').getAttribute('href'), 'https://www.youtube.com/watch?v=abc123')
      assert.deepEqual(watch.foreignRequests, [])
      assert.deepEqual([...watch.consoleErrors, ...watch.pageErrors], [])

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `the article at ${width}px overflows by ${overflow}px`)
      const png = await page.screenshot({ path: join(SCREENSHOT_DIR, `article-corrections-${width}.png`), fullPage: true })
      assert.ok(png.length > 1000)
      await box.screenshot({ path: join(SCREENSHOT_DIR, `corrections-box-${width}.png`) })
      await context.close()
    }
  })

  test('/corrections lists both, newest first, linking to the story, at 390 and 1280 px', async () => {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 })
      const page = await context.newPage()
      await page.goto(server.baseUrl + '/corrections', { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready)
      assert.equal(await page.locator('h1').textContent(), 'التصحيحات والردود')
      const items = page.locator('.corrections-page .correction')
      assert.equal(await items.count(), 2)
      assert.ok(await items.first().isVisible())
      assert.match(String(await items.first().locator('.correction-label').textContent()), /^ردّ من Green Energy Systems$/)
      assert.equal(await items.first().locator('.correction-article a').getAttribute('href'), decodeURI(articlePath), 'the link, with its Arabic letters')
      assert.equal(await items.first().locator('.correction-article a bdi').first().textContent(), 'Green Energy')
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `/corrections at ${width}px overflows by ${overflow}px`)
      await page.screenshot({ path: join(SCREENSHOT_DIR, `corrections-${width}.png`), fullPage: true })
      // The footer leads here from every page.
      assert.equal(await page.locator('.site-footer a[href="/corrections"]').count(), 1)
      await context.close()
    }
  })

  test('axe-core finds no serious or critical violation on the article with corrections and on /corrections', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems: string[] = []
    for (const url of [articlePath, '/corrections']) {
      await page.goto(server.baseUrl + url, { waitUntil: 'load' })
      await page.addScriptTag({ path: AXE_PATH })
      const violations = (await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe
        return (await axe.run(document, { resultTypes: ['violations'] })).violations
      })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[]
      for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${url} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
    }
    assert.deepEqual(problems, [])
    await context.close()
  })
})
