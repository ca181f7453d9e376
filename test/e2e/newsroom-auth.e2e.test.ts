// The newsroom sign-in in Chromium: redirect to the form, a failed attempt keeps the email,
// sign-in lands where the user was going, axe-core finds no serious problem, sign-out works.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { createAccount } from '../../src/staff/index.js'
import { chromiumMissing, launchBrowser, startTestServer, watchPage, type Page } from './helpers.js'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const PASSWORD = 'حبر-وورق-2026!'

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH })
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe
    return (await axe.run(document, { resultTypes: ['violations'] })).violations
  })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('newsroom sign-in and sign-out in Chromium, accessible in light and dark', { skip: chromiumMissing }, async (t) => {
  const server = await startTestServer(t, { seed: false })
  await createAccount(server.db, { email: 'moderator@example.com', name: 'نورة القحطاني', role: 'moderator', password: PASSWORD }, new Date())
  const browser = await launchBrowser(t)

  for (const colorScheme of ['light', 'dark'] as const) {
    // bypassCSP: the page's CSP (script-src 'self') would refuse the injected axe script.
    const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const watch = watchPage(page, server.baseUrl)

    await page.goto(`${server.baseUrl}/newsroom`)
    assert.equal(new URL(page.url()).pathname, '/newsroom/login')
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
    assert.deepEqual(await seriousViolations(page), [], `login page (${colorScheme})`)

    await page.getByLabel('البريد الإلكتروني').fill('moderator@example.com')
    await page.getByLabel('كلمة المرور').fill('كلمة خاطئة تماماً')
    await page.getByRole('button', { name: 'دخول' }).click()
    await page.waitForLoadState('load')
    assert.match((await page.getByRole('alert').textContent()) ?? '', /البريد الإلكتروني أو كلمة المرور غير صحيحة/)
    assert.equal(await page.getByLabel('البريد الإلكتروني').inputValue(), 'moderator@example.com', 'the email stays in the form')
    assert.equal(await page.getByLabel('كلمة المرور').inputValue(), '', 'the password does not come back')
    assert.deepEqual(await seriousViolations(page), [], `login page with an error (${colorScheme})`)

    await page.getByLabel('كلمة المرور').fill(PASSWORD)
    await page.getByRole('button', { name: 'دخول' }).click()
    await page.waitForURL(`${server.baseUrl}/newsroom`)
    assert.match((await page.locator('h1').textContent()) ?? '', /نورة القحطاني/)
    assert.equal(await page.getByRole('link', { name: 'التعليقات' }).first().getAttribute('href'), '/newsroom/comments')
    assert.deepEqual(await seriousViolations(page), [], `newsroom home (${colorScheme})`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`)

    await page.getByRole('button', { name: 'تسجيل الخروج' }).click()
    await page.waitForURL(`${server.baseUrl}/newsroom/login`)
    await page.goto(`${server.baseUrl}/newsroom`)
    assert.equal(new URL(page.url()).pathname, '/newsroom/login', 'signed out for real')

    assert.deepEqual(watch.foreignRequests, [])
    assert.deepEqual(watch.pageErrors, [])
    await context.close()
  }
})
