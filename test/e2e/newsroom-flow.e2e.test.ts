// The newsroom from first draft to the home page, in Chromium: a writer writes in the editor
// (Arabic with a Latin name and a number), inserts an uploaded image with alt text and submits;
// the legal reviewer approves; an editor schedules it; the scheduler publishes it and it shows on
// the home page and in the feed. A writer cannot publish; a conflicting save keeps both texts.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import sharp from 'sharp'
import { publishScheduledArticles } from '../../src/articles/index.js'
import { createAccount } from '../../src/staff/index.js'
import { chromiumMissing, launchBrowser, startTestServer, watchPage, type Browser, type Page } from './helpers.js'

const PASSWORD = 'مداد-وقرطاس-2026!'
const TIME_ZONE = 'Asia/Riyadh'
const SHOTS = 'test-results/screenshots'

async function signIn(browser: Browser, baseUrl: string, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${baseUrl}/newsroom/login`)
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill(PASSWORD)
  await page.getByRole('button', { name: 'دخول' }).click()
  await page.waitForURL(`${baseUrl}/newsroom`)
  return page
}

/** `YYYY-MM-DDTHH:mm` in the newsroom's zone, as a datetime-local input takes it. */
function localMinute(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

function photo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#2a6f97"/><circle cx="800" cy="250" r="120" fill="#f4d35e"/><path d="M0 500 Q300 420 600 480 T1200 460 V675 H0Z" fill="#1b4332"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
}

test('newsroom flow in Chromium: write, upload, submit, legal approval, schedule, published on the home page and in the feed', { skip: chromiumMissing }, async (t) => {
  const server = await startTestServer(t, { env: { NASHRA_TIMEZONE: TIME_ZONE } })
  const now = new Date()
  for (const [email, name, role] of [
    ['writer@nashra.example', 'هند الكاتبة', 'writer'],
    ['legal@nashra.example', 'المحامية سلمى', 'legal'],
    ['editor@nashra.example', 'فيصل المحرر', 'editor'],
    ['editor2@nashra.example', 'ريم المحررة', 'editor'],
  ] as const) {
    await createAccount(server.db, { email, name, role, password: PASSWORD }, now)
  }
  const browser = await launchBrowser(t)
  const base = server.baseUrl

  // The writer writes.
  const writer = await signIn(browser, base, 'writer@nashra.example')
  const watch = watchPage(writer, base)
  await writer.goto(`${base}/newsroom/articles/new`)
  const headline = 'افتتاح مختبر الذكاء الاصطناعي في جامعة الملك سعود'
  await writer.locator('#f-title').fill(headline)
  await writer.locator('#f-section').selectOption({ index: 1 })
  await writer.locator('#f-summary').fill('مختبر جديد يستقبل طلاب الدراسات العليا ابتداءً من الفصل المقبل.')
  const editor = writer.locator('.ProseMirror')
  await editor.waitFor()
  await editor.click()
  await writer.keyboard.type('قال الدكتور خالد إن شركة OpenAI Research شاركت في تجهيز 24 جهازاً للمختبر.')
  await writer.keyboard.press('Enter')
  // An image uploaded from the editor's media library, with its alt text.
  await writer.getByRole('toolbar').getByRole('button', { name: 'صورة', exact: true }).click()
  const dialog = writer.getByRole('dialog', { name: 'مكتبة الوسائط' })
  await dialog.getByText('رفع صورة جديدة').click()
  await dialog.getByLabel('ملف الصورة').setInputFiles({ name: 'lab.jpg', mimeType: 'image/jpeg', buffer: await photo() })
  const upload = dialog.locator('.ed-upload-form')
  await upload.getByLabel('النص البديل (وصف الصورة)').fill('طلاب أمام أجهزة المختبر الجديد')
  await upload.getByLabel('التعليق').fill('المختبر في يومه الأول')
  await upload.getByRole('button', { name: 'رفع وإدراج' }).click()
  await dialog.waitFor({ state: 'detached' })
  // The figure reaches the form's textarea a moment after the dialog goes (as in editor.e2e.test.ts).
  await writer
    .waitForFunction(() => /data-media-id="\d+"/.test((document.getElementById('body-html') as HTMLTextAreaElement).value), undefined, { timeout: 10_000 })
    .catch(() => undefined)
  const body = await writer.locator('#body-html').inputValue()
  assert.match(body, /OpenAI Research/)
  assert.match(body, /data-media-id="\d+"/)
  assert.match(body, /alt="طلاب أمام أجهزة المختبر الجديد"/)
  assert.match(body, /<p dir="auto">/)
  // A writer has no publishing controls.
  assert.equal(await writer.getByRole('button', { name: 'نشر الآن' }).count(), 0)
  assert.equal(await writer.getByRole('button', { name: 'جدولة النشر' }).count(), 0)
  await writer.locator('input[name=requiresLegalReview]').check()
  await writer.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  await writer.waitForURL(/\/newsroom\/articles\/\d+\/edit/)
  const id = Number(/articles\/(\d+)\/edit/.exec(writer.url())![1])
  await writer.screenshot({ path: `${SHOTS}/newsroom-editor-writer-1280.png`, fullPage: true })
  // Even sent by hand, a writer's publish is refused.
  const forged = await writer.evaluate(async (articleId) => {
    const form = new FormData(document.querySelector('#article-form') as HTMLFormElement)
    form.set('action', 'publish')
    const res = await fetch(`/newsroom/articles/${articleId}`, { method: 'POST', body: new URLSearchParams(form as unknown as Record<string, string>) })
    return res.status
  }, id)
  assert.equal(forged, 403)

  // The legal reviewer approves.
  const lawyer = await signIn(browser, base, 'legal@nashra.example')
  await lawyer.goto(`${base}/newsroom/legal`)
  await lawyer.getByRole('link', { name: headline }).click()
  await lawyer.getByRole('button', { name: 'الموافقة على النشر' }).click()
  await lawyer.waitForLoadState('load')

  // The editor schedules it for the coming minute; the scheduler publishes it at that time.
  const editorPage = await signIn(browser, base, 'editor@nashra.example')
  await editorPage.goto(`${base}/newsroom/articles/${id}/edit`)
  const due = new Date(Math.ceil((Date.now() + 5000) / 60_000) * 60_000)
  await editorPage.locator('#f-publish-at').fill(localMinute(due))
  await editorPage.getByRole('button', { name: 'جدولة النشر' }).click()
  await editorPage.waitForURL(/done=schedule/)
  assert.equal((await server.db.selectFrom('article').where('id', '=', id).select('status').executeTakeFirstOrThrow()).status, 'scheduled')
  const home = await editorPage.context().newPage()
  await home.goto(base)
  assert.equal(await home.getByText(headline).count(), 0, 'not on the home page before its time')
  assert.deepEqual(await publishScheduledArticles(server.db, due), [id])
  await new Promise((resolve) => setTimeout(resolve, 1100)) // the page cache re-reads the content version each second
  await home.reload() // the browser's own copy may be kept for its max-age: a reader reloading revalidates
  assert.ok((await home.getByText(headline).count()) > 0, 'on the home page once published')
  const feed = await (await fetch(`${base}/feed.xml`)).text()
  assert.ok(feed.includes(headline), 'in the feed')

  // Two editors save the published story at once: the second sees both texts, keeps theirs typed.
  const other = await signIn(browser, base, 'editor2@nashra.example')
  await editorPage.goto(`${base}/newsroom/articles/${id}/edit`)
  await other.goto(`${base}/newsroom/articles/${id}/edit`)
  await other.locator('#f-summary').fill('موجز ريم: المختبر يفتح أبوابه للطلاب.')
  await other.getByRole('button', { name: 'تحديث المقالة المنشورة' }).click()
  await other.waitForURL(/done=save/)
  await editorPage.locator('#f-summary').fill('موجز فيصل: افتتاح المختبر بحضور الطلاب.')
  await editorPage.getByRole('button', { name: 'تحديث المقالة المنشورة' }).click()
  await editorPage.waitForLoadState('load')
  assert.equal(await editorPage.locator('#f-summary').inputValue(), 'موجز فيصل: افتتاح المختبر بحضور الطلاب.', 'my text is kept')
  assert.match((await editorPage.locator('.nr-conflict').textContent()) ?? '', /موجز ريم/, 'their text is shown')
  await editorPage.screenshot({ path: `${SHOTS}/newsroom-conflict-1280.png`, fullPage: true })

  const phone = await signIn(browser, base, 'editor@nashra.example', 390)
  await phone.goto(`${base}/newsroom/articles/${id}/edit`)
  await phone.screenshot({ path: `${SHOTS}/newsroom-editor-390.png`, fullPage: true })
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`)
  assert.deepEqual(watch.pageErrors, [])
  assert.deepEqual(watch.foreignRequests, [])
})
