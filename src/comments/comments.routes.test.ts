import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { buildApp } from '../app.js'
import { getCommentSettings } from './comment-settings.js'
import { formToken } from './comment-tokens.js'
import { openRules, seedCommentArticle } from './testing.js'

async function setup(t: TestContext, env: Record<string, string> = {}) {
  const db = await createTestDb(t)
  const config = loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', ...env })
  const app = await buildApp(config, db)
  t.after(() => app.close())
  const article = await seedCommentArticle(db)
  return { app, db, article }
}

/** A form post as a browser sends it: same-origin, url-encoded, with a form token old enough. */
async function formPost(app: Awaited<ReturnType<typeof setup>>['app'], db: Awaited<ReturnType<typeof setup>>['db'], articleId: number, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const ts = await formToken(db, new Date(Date.now() - 60_000))
  return app.inject({
    method: 'POST',
    url: `/comments/${articleId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', host: 'localhost', 'sec-fetch-site': 'same-origin', ...headers },
    payload: new URLSearchParams({ ts, homepage: '', parentId: '', ...fields }).toString(),
  })
}

/** The comments section of a page, so failures print something readable. */
const part = (body: string) => body.slice(body.indexOf('<section class="comments"'), body.indexOf('</section>', body.indexOf('<section class="comments"')))

const READER = { name: 'سلمى الراشد', email: 'salma.r@example.org', url: '', body: 'شكراً على هذا التقرير المفصّل.' }

test('a first comment through the HTML form: 303 to the held notice, a signed cookie, nothing in the cached page', async (t) => {
  const { app, db, article } = await setup(t)
  const res = await formPost(app, db, article.id, { ...READER, remember: '1' })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `${article.path}#comment-held`)
  const cookies = res.cookies
  const held = cookies.find((c) => c.name === 'nashra_held')
  assert.ok(held, 'held cookie set')
  assert.ok(cookies.find((c) => c.name === 'nashra_commenter'), 'remember-me cookie set')

  const page = await app.inject({ method: 'GET', url: article.path, cookies: { nashra_held: held.value } })
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /شكراً على هذا التقرير/)
  assert.match(page.body, /اترك تعليقاً/)
  assert.match(page.body, /لن يتم نشر عنوان بريدك الإلكتروني\. الحقول الإلزامية مشار إليها بـ/)
  assert.match(page.body, /id="comment-held"[^>]*>\s*تعليقك بانتظار المراجعة/)

  const mine = await app.inject({ method: 'GET', url: `/comments/mine?article=${article.id}`, cookies: { nashra_held: held.value } })
  assert.equal(mine.statusCode, 200)
  assert.equal(mine.headers['cache-control'], 'private, no-store')
  assert.equal(mine.json().comments.length, 1)
  assert.match(mine.json().comments[0].html, /شكراً على هذا التقرير/)

  const stranger = await app.inject({ method: 'GET', url: `/comments/mine?article=${article.id}`, cookies: { nashra_held: held.value.replace(/\..*/, '.AAAAAAAAAAAAAAAAAAAAAA') } })
  assert.equal(stranger.json().comments.length, 0, held.value + ' ' + stranger.body)
})

test('an approved comment: 303 to its anchor, shown with count wording, <bdi>, dir=auto and a nofollow ugc link', async (t) => {
  const { app, db, article } = await setup(t)
  await openRules(db)
  const res = await formPost(app, db, article.id, { ...READER, url: 'salma.example.org', body: 'فقرة أولى فيها example.com\n\nفقرة ثانية' })
  assert.equal(res.statusCode, 303)
  assert.match(String(res.headers.location), new RegExp(`#comment-\\d+$`))
  const page = await app.inject({ method: 'GET', url: article.path })
  assert.match(part(page.body), /<h2 id="comments-heading" data-count="1">التعليقات <span id="comments-count" class="comment-count">\(تعليق واحد\)<\/span><\/h2>/)
  assert.match(part(page.body), /<bdi><a href="https:\/\/salma.example.org\/" rel="nofollow ugc noopener">سلمى الراشد<\/a><\/bdi>/)
  assert.match(part(page.body), /<div class="comment-content" dir="auto"><p>فقرة أولى فيها <a href="https:\/\/example.com" rel="nofollow ugc noopener">example.com<\/a><\/p><p>فقرة ثانية<\/p><\/div>/)
  assert.match(page.body, /<span class="avatar avatar-c\d"/)
  assert.doesNotMatch(page.body, /salma\.r@example\.org/)
  for (const [n, words] of [[2, 'تعليقان'], [3, '3 تعليقات'], [11, '11 تعليقاً']] as const) {
    while ((await app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` })).json().total < n) {
      const total = (await app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` })).json().total
      await formPost(app, db, article.id, { ...READER, email: `r${total}@example.org`, body: `تعليق رقم ${total}` })
    }
    const again = await app.inject({ method: 'GET', url: article.path })
    assert.match(part(again.body), new RegExp(`data-count="${n}">التعليقات <span id="comments-count" class="comment-count">\\(${words}\\)<`))
  }
})

test('a refused form comes back as the article page, 400, private, with every typed value and Arabic errors by each field', async (t) => {
  const { app, db, article } = await setup(t)
  const typed = { name: 'ن'.repeat(101), email: 'not-an-email', url: 'javascript:alert(1)', body: 'نص طويل كتبته بعناية <b>مهم</b>', remember: '1' }
  const res = await formPost(app, db, article.id, typed)
  assert.equal(res.statusCode, 400)
  assert.equal(res.headers['cache-control'], 'private, no-store')
  assert.match(res.body, /<h1 class="headline" dir="auto">افتتاح مكتبة عامة/)
  assert.ok(res.body.includes(`value="${'ن'.repeat(101)}"`))
  assert.match(res.body, /value="not-an-email"/)
  assert.match(res.body, /value="javascript:alert\(1\)"/)
  assert.match(res.body, /نص طويل كتبته بعناية &lt;b>مهم&lt;\/b>|نص طويل كتبته بعناية &lt;b&gt;مهم&lt;\/b&gt;/)
  assert.match(res.body, /name="remember" type="checkbox" value="1" checked/)
  assert.match(res.body, /الاسم أطول من المسموح: الحد الأقصى 100 حرف\./)
  assert.match(res.body, /عنوان البريد الإلكتروني غير صالح/)
  assert.match(res.body, /عنوان الموقع غير صالح/)
  assert.match(res.body, /id="comment-email"[^>]*aria-invalid="true"/)

  const empty = await formPost(app, db, article.id, {})
  assert.equal(empty.statusCode, 400)
  for (const text of ['اكتب اسمك.', 'اكتب بريدك الإلكتروني.', 'اكتب تعليقك.']) assert.ok(empty.body.includes(text), text)
})

test('the HTML form: cross-site posts, the honeypot, a missing token and a too-quick fill are refused, keeping what was typed', async (t) => {
  const { app, db, article } = await setup(t)
  const csrf = await formPost(app, db, article.id, READER, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })
  assert.equal(csrf.statusCode, 403)
  const bot = await formPost(app, db, article.id, { ...READER, homepage: 'http://spam.example' })
  assert.equal(bot.statusCode, 400)
  assert.match(bot.body, /تعذّر قبول هذا التعليق/)
  assert.match(bot.body, /شكراً على هذا التقرير المفصّل/)
  const forged = await formPost(app, db, article.id, { ...READER, ts: '1.AAAAAAAAAAAAAAAAAAAAAA' })
  assert.equal(forged.statusCode, 400)
  const quick = await formPost(app, db, article.id, { ...READER, ts: await formToken(db, new Date()) })
  assert.equal(quick.statusCode, 400)
  assert.match(quick.body, /أُرسل النموذج بسرعة كبيرة/)
  assert.match(quick.body, /value="salma.r@example.org"/)
  const stored = await app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` })
  assert.equal(stored.json().total, 0)
  const ok = await formPost(app, db, article.id, READER)
  assert.equal(ok.statusCode, 303)
})

test('flood: a second comment within 15 s gets 429 with an Arabic message and the form kept', async (t) => {
  const { app, db, article } = await setup(t)
  await openRules(db, { floodSeconds: 15 })
  assert.equal((await formPost(app, db, article.id, READER)).statusCode, 303)
  const again = await formPost(app, db, article.id, { ...READER, body: 'تعليق آخر بسرعة' })
  assert.equal(again.statusCode, 429)
  assert.ok(Number(again.headers['retry-after']) > 0)
  assert.match(again.body, /أرسلت تعليقاً قبل لحظات\. انتظر (ثانية واحدة|ثانيتين|\d+ ثوانٍ|\d+ ثانية) ثم/)
  assert.match(again.body, /تعليق آخر بسرعة/)
  const json = await formPost(app, db, article.id, { ...READER, body: 'ثالث' }, { accept: 'application/json' })
  assert.equal(json.statusCode, 429)
  assert.equal(json.json().error.code, 'rate_limited')
})

test('the form answers JSON to the in-page script: 202 with the rendered comment and the new count', async (t) => {
  const { app, db, article } = await setup(t)
  await openRules(db)
  const res = await formPost(app, db, article.id, READER, { accept: 'application/json' })
  assert.equal(res.statusCode, 202)
  const data = res.json()
  assert.equal(data.status, 'approved')
  assert.equal(data.countText, 'تعليق واحد')
  assert.match(data.html, /شكراً على هذا التقرير/)
  const bad = await formPost(app, db, article.id, { ...READER, email: 'x' }, { accept: 'application/json' })
  assert.equal(bad.statusCode, 400)
  assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field), ['email'])
})

test('past 50 threads the comments are paginated with a link to each page', async (t) => {
  const { app, db, article } = await setup(t)
  await openRules(db, { perPage: 50 })
  for (let i = 0; i < 51; i++) await formPost(app, db, article.id, { ...READER, email: `p${i}@example.org`, body: `التعليق ذو الرقم ${i}` })
  const first = await app.inject({ method: 'GET', url: article.path })
  assert.match(first.body, /التعليق ذو الرقم 49</)
  assert.doesNotMatch(first.body, /التعليق ذو الرقم 50</)
  assert.match(first.body, new RegExp(`href="/comments/${article.id}\\?page=2#comments"`))
  const second = await app.inject({ method: 'GET', url: `/comments/${article.id}?page=2` })
  assert.equal(second.statusCode, 200)
  assert.match(second.body, /التعليق ذو الرقم 50</)
  assert.match(second.body, /51 تعليقاً/)
  assert.equal((await app.inject({ method: 'GET', url: `/comments/${article.id}?page=3` })).statusCode, 404)
  assert.equal((await app.inject({ method: 'GET', url: `/comments/${article.id}?page=1` })).statusCode, 301)
})

test('the no-JS reply page and a report with its reason', async (t) => {
  const { app, db, article } = await setup(t)
  await openRules(db)
  const posted = await formPost(app, db, article.id, READER)
  const id = Number(String(posted.headers.location).split('#comment-')[1])
  const replyPage = await app.inject({ method: 'GET', url: `/comments/${article.id}/reply/${id}` })
  assert.equal(replyPage.statusCode, 200)
  assert.match(replyPage.body, new RegExp(`name="parentId" id="comment-parent" value="${id}"`))
  assert.match(replyPage.body, /الرد على <bdi>سلمى الراشد<\/bdi>/)
  const reply = await formPost(app, db, article.id, { ...READER, email: 'r2@example.org', body: 'رد', parentId: String(id) })
  assert.equal(reply.statusCode, 303)
  const report = await app.inject({
    method: 'POST',
    url: `/comments/report/${id}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    payload: 'reason=abuse&details=' + encodeURIComponent('تعليق مسيء'),
  })
  assert.equal(report.statusCode, 303)
  assert.equal(report.headers.location, `${article.path}#report-sent`)
  const missing = await app.inject({ method: 'POST', url: '/comments/report/99999', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'reason=spam' })
  assert.equal(missing.statusCode, 404)
})

test('over real HTTP: post a comment and read it back through the API', async (t) => {
  const { app, db, article } = await setup(t)
  await openRules(db)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  assert.ok(address && typeof address === 'object')
  const base = `http://127.0.0.1:${address.port}`
  const posted = await fetch(`${base}/api/v1/articles/${article.id}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'قارئ عبر الشبكة', email: 'net.reader@example.org', body: 'مرحباً من الشبكة' }),
  })
  assert.equal(posted.status, 202)
  assert.equal((await posted.json()).status, 'approved')
  const list = await (await fetch(`${base}/api/v1/articles/${article.id}/comments`)).json()
  assert.equal(list.comments[0].name, 'قارئ عبر الشبكة')
  assert.equal('email' in list.comments[0], false)
  const form = await fetch(`${base}/comments/${article.id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ ...READER, ts: await formToken(db, new Date(Date.now() - 60_000)) }).toString(),
  })
  assert.equal(form.status, 303)
})
