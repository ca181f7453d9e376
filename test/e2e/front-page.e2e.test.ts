// The front page in Chromium at 390, 768, 1280 and 1920 px, on a newsroom like an imported wire
// feed (the newest stories are agency briefs, some reported twice, no pictures) and on the demo
// content (pictures): no empty area larger than a card, and the lead is a real story, not a
// brief. Screenshots go to test-results/screenshots/front-<content>-<width>.png.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createArticle, ensureSection } from '../../src/articles/index.js'
import type { Db } from '../../src/db/index.js'
import { frontPageHoles } from './front-layout.js'
import { chromiumMissing, launchBrowser, startTestServer, type Browser, type TestServer } from './helpers.js'

const SCREENSHOT_DIR = resolve('test-results', 'screenshots')
const WIDTHS = [390, 768, 1280, 1920]

// Original text, combined so that no two headlines share more than one part.
const WHO = ['أمانة المدينة', 'وزارة النقل', 'هيئة السياحة', 'جامعة الساحل', 'نادي الشباب', 'الغرفة التجارية', 'مجلس الشورى', 'هيئة الطيران', 'الدفاع المدني', 'مكتبة الحي']
const DOES = ['تعلن', 'تطلق', 'تدرس', 'تراجع', 'تفتتح', 'تناقش', 'توقع']
const WHAT = ['خطة للنقل الجماعي', 'برنامجاً للتدريب الصيفي', 'مشروع حديقة كبرى', 'جدول المواسم الثقافية', 'مبادرة للقراءة', 'تقريرها السنوي', 'اتفاقية مع البلديات', 'معرضاً للصناعات اليدوية', 'مسابقة للمبتكرين', 'منصة للخدمات', 'حملة للتشجير']
const WHERE = ['في الشمال', 'في العاصمة', 'على الساحل', 'في القرى', 'بالمنطقة الشرقية', 'في الجنوب', 'بالواحات', 'في المرتفعات', 'بالميناء', 'في الضواحي', 'بالأحياء القديمة', 'في الوادي', 'على الحدود']
const SENTENCES = [
  'وأوضح المسؤول أن الأعمال تسير وفق الجدول الزمني المعلن دون تأخير يذكر.',
  'وأشار إلى أن المرحلة الأولى تشمل الأحياء الأكثر كثافة بالسكان.',
  'ومن المنتظر أن تعلن التفاصيل الكاملة في مؤتمر صحفي الأسبوع المقبل.',
  'ولقيت الخطوة ترحيباً من السكان الذين طالبوا بها منذ سنوات.',
  'وتبلغ الكلفة التقديرية للمشروع نحو مئة وعشرين مليون ريال.',
]
const paragraphs = (words: number) => {
  const out: string[] = []
  let count = 0
  for (let i = 0; count < words; i++) {
    const sentence = SENTENCES[i % SENTENCES.length]
    out.push(sentence)
    count += sentence.split(' ').length
  }
  return out.map((s) => `<p>${s}</p>`).join('')
}

/** 60 stories over five sections, newest first the wire briefs; returns the id of the longest feature. */
async function seedWireDay(db: Db): Promise<number> {
  const sections = [await ensureSection(db, 'local', 'محليات'), await ensureSection(db, 'economy', 'اقتصاد'), await ensureSection(db, 'sport', 'رياضة'), await ensureSection(db, 'culture', 'ثقافة')]
  const wire = await ensureSection(db, 'wire', 'واس')
  const start = Date.UTC(2026, 5, 1, 6)
  let longest = 0
  for (let i = 0; i < 60; i++) {
    const title = `${WHO[i % 10]} ${DOES[i % 7]} ${WHAT[(i * 3) % 11]} ${WHERE[(i * 5) % 13]}`
    const publishedAt = new Date(start + i * 600_000)
    const isWire = i >= 35
    const words = isWire ? 40 + (i % 4) * 15 : i === 7 ? 1200 : i % 3 === 0 ? 500 + i * 5 : 170 + i
    const { id } = await createArticle(
      db,
      {
        title: isWire ? `عام / ${title}` : title,
        summary: !isWire && i % 4 !== 1 ? `${WHO[i % 10]} تكشف التفاصيل ${WHERE[(i * 5) % 13]} وتحدد موعد البدء` : '',
        bodyHtml: paragraphs(words),
        sectionId: isWire ? wire : sections[i % 4],
        status: 'published',
        publishedAt,
        sourceUrl: isWire ? `https://www.spa.gov.sa/details.php?id=${i}` : null,
      },
      publishedAt,
    )
    if (i === 7) longest = id
  }
  // One report three times from the agency, as it arrives.
  const report = 'أمير المنطقة يرعى حفل تخريج الدفعة العاشرة من طلاب الكلية التقنية'
  for (const [n, title] of [`عام / ${report}`, `عام / ${report} إضافة أولى`, `عام / ${report} إضافة ثانية`].entries()) {
    const publishedAt = new Date(start + (60 + n) * 600_000)
    await createArticle(db, { title, bodyHtml: paragraphs(60), sectionId: wire, status: 'published', publishedAt, sourceUrl: `https://www.spa.gov.sa/details.php?id=${100 + n}` }, publishedAt)
  }
  return longest
}

describe('the front page at four widths', { skip: chromiumMissing }, () => {
  let browser: Browser
  let wireDay: TestServer
  let demo: TestServer
  let longest = 0

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    browser = await launchBrowser()
    wireDay = await startTestServer(undefined, { seed: async (db) => (longest = await seedWireDay(db)) })
    demo = await startTestServer()
  })
  after(async () => {
    await browser?.close()
    await wireDay?.close()
    await demo?.close()
  })

  for (const content of ['wire', 'demo'] as const) {
    test(`no empty area larger than a card (${content} content)`, async () => {
      const server = content === 'wire' ? wireDay : demo
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 900 } })
        await page.goto(server.baseUrl + '/', { waitUntil: 'load' })
        await page.evaluate(() => document.fonts.ready)
        const layout = await page.evaluate(frontPageHoles)
        await page.screenshot({ path: join(SCREENSHOT_DIR, `front-${content}-${width}.png`), fullPage: true })
        assert.ok(layout.card.width > 0 && layout.card.height > 0, `${width} px: cards are measured`)
        assert.deepEqual(layout.holes, [], `${width} px: holes beside or below the cards (a card is ${Math.round(layout.card.width)}×${Math.round(layout.card.height)})`)
        if (content === 'wire') {
          const lead = await page.locator('.lead .card-title a').getAttribute('href')
          assert.match(lead ?? '', new RegExp(`/${longest}/`), 'the lead is the longest recent story, not the newest brief')
          assert.equal(await page.locator('.lead .card-summary').count(), 1, 'the lead carries its dek')
          const collapsed = page.locator('.card', { hasText: 'أمير المنطقة يرعى حفل تخريج' })
          assert.equal(await collapsed.count(), 1, 'three agency reports of one story make one card')
          assert.match(await collapsed.locator('.card-related').innerText(), /تقريران آخران/)
        }
        await page.close()
      }
    })
  }
})
