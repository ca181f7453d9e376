import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount } from '../staff/index.js'
import { signInByForm } from '../staff/testing.js'
import { filesUnder, multipart, testJpeg } from './testing.js'

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' }

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  for (const role of ['writer', 'moderator'] as const) {
    await createAccount(db, { email: `${role}@example.org`, name: role === 'writer' ? 'سلمى الكاتبة' : 'مشرف', role, password: `a-long-password-${role}` }, new Date())
  }
  const cookies = await signInByForm(app, 'writer@example.org', 'a-long-password-writer')
  const page = await app.inject({ method: 'GET', url: '/newsroom/media', cookies })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const post = async (url: string, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }, headers: Record<string, string> = {}) => {
    const body = await multipart(fields, file ? { file } : {})
    return app.inject({ method: 'POST', url, cookies, headers: { ...SAME_ORIGIN, ...headers, ...body.headers }, payload: body.payload })
  }
  const rows = async () => Number((await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return { app, db, dataDir, cookies, csrf, page, post, rows }
}

test('the library page is for roles with media.upload only', async (t) => {
  const { app, page } = await setup(t)
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['cache-control'], 'private, no-store')
  assert.match(page.body, /<form class="nr-form nr-media-upload" method="post" action="\/newsroom\/media" enctype="multipart\/form-data"/)
  assert.match(page.body, /لا صور في المكتبة بعد/)
  const anonymous = await app.inject({ method: 'GET', url: '/newsroom/media' })
  assert.equal(anonymous.statusCode, 303)
  assert.match(String(anonymous.headers.location), /^\/newsroom\/login/)
  const moderator = await signInByForm(app, 'moderator@example.org', 'a-long-password-moderator')
  for (const url of ['/newsroom/media', '/newsroom/media.json']) assert.equal((await app.inject({ method: 'GET', url, cookies: moderator })).statusCode, 403, url)
})

test('upload form: no CSRF token, nothing stored; refused files and missing alt come back with the typed fields; then stored', async (t) => {
  const { app, dataDir, cookies, csrf, post, rows } = await setup(t)
  const jpeg = { name: 'market.jpg', data: await testJpeg(1300, 800), type: 'image/jpeg' }
  const typed = { alt: 'سوق «الخميس» في المدينة', caption: 'باعة الخضار صباحاً', credit: 'قسم التصوير' }

  const noToken = await post('/newsroom/media', typed, jpeg)
  assert.equal(noToken.statusCode, 403)
  const wrongToken = await post('/newsroom/media', { ...typed, _csrf: 'x'.repeat(43) }, jpeg)
  assert.equal(wrongToken.statusCode, 403)
  const crossSite = await post('/newsroom/media', { ...typed, _csrf: csrf }, jpeg, { 'sec-fetch-site': 'cross-site' })
  assert.equal(crossSite.statusCode, 403)
  assert.equal(await rows(), 0)

  const text = await post('/newsroom/media', { _csrf: csrf, ...typed }, { name: 'photo.jpg', data: Buffer.from('ليس صورة '.repeat(50)), type: 'image/jpeg' })
  assert.equal(text.statusCode, 415)
  assert.match(text.body, /role="alert">الملف ليس صورة بصيغة مدعومة[^<]*\(الحقل: الملف\) ما كتبته بقي في النموذج/)
  assert.match(text.body, /name="alt" type="text" dir="auto" maxlength="500" required value="سوق «الخميس» في المدينة"/)
  assert.match(text.body, /name="caption"[^>]*value="باعة الخضار صباحاً"/)
  assert.match(text.body, /name="credit"[^>]*value="قسم التصوير"/)
  assert.match(text.body, /id="upload-file"[^>]*aria-invalid="true"/)

  const noAlt = await post('/newsroom/media', { _csrf: csrf, alt: ' ', caption: typed.caption, credit: typed.credit }, jpeg)
  assert.equal(noAlt.statusCode, 400)
  assert.match(noAlt.body, /id="upload-alt"[^>]*aria-invalid="true" aria-describedby="upload-alt-error upload-alt-hint"/)
  assert.match(noAlt.body, /id="upload-alt-error" class="nr-field-error">هذا الحقل مطلوب. \(الحقل: النص البديل\)/)
  assert.match(noAlt.body, /name="caption"[^>]*value="باعة الخضار صباحاً"/)

  const noFile = await post('/newsroom/media', { _csrf: csrf, ...typed }, { name: '', data: Buffer.alloc(0) })
  assert.equal(noFile.statusCode, 400)
  assert.match(noFile.body, /\(الحقل: الملف\)/)
  assert.equal(await rows(), 0)
  assert.deepEqual(filesUnder(dataDir).filter((f) => f !== 'secret'), [])

  const ok = await post('/newsroom/media', { _csrf: csrf, ...typed }, jpeg)
  assert.equal(ok.statusCode, 303)
  assert.equal(ok.headers.location, '/newsroom/media?uploaded=1')
  const grid = await app.inject({ method: 'GET', url: '/newsroom/media?uploaded=1', cookies })
  assert.match(grid.body, /class="nr-notice" role="status">رُفعت الصورة/)
  assert.match(grid.body, /<picture><source type="image\/webp" srcset="\/media\/[^"]+-400w\.webp 400w, [^"]+-800w\.webp 800w, [^"]+-1200w\.webp 1200w, [^"]+-1300w\.webp 1300w"/)
  assert.match(grid.body, /class="nr-media-alt" dir="auto">سوق «الخميس» في المدينة</)
  assert.match(grid.body, /سلمى الكاتبة/)
  assert.equal(await rows(), 1)
})

test('search and paging of the grid; the edit page saves alt, caption and credit, and keeps what was typed when refused', async (t) => {
  const { app, db, cookies, csrf, post } = await setup(t)
  const data = await testJpeg(400, 300)
  for (let i = 1; i <= 25; i++) await post('/newsroom/media', { _csrf: csrf, alt: i === 3 ? 'إفتتاح المعرض' : `صورة رقم ${i}` }, { name: 'a.jpg', data })
  const first = await app.inject({ method: 'GET', url: '/newsroom/media', cookies })
  assert.match(first.body, /25 صورة/)
  assert.match(first.body, /صورة رقم 25/)
  assert.match(first.body, /href="\/newsroom\/media\?page=2" rel="next"/)
  const second = await app.inject({ method: 'GET', url: '/newsroom/media?page=2', cookies })
  assert.match(second.body, /صورة رقم 1</)
  assert.doesNotMatch(second.body, /صورة رقم 25/)
  assert.equal((await app.inject({ method: 'GET', url: '/newsroom/media?page=3', cookies })).statusCode, 404)
  const found = await app.inject({ method: 'GET', url: `/newsroom/media?q=${encodeURIComponent(' افتتاح ')}`, cookies })
  assert.match(found.body, /صورة واحدة/)
  assert.match(found.body, /إفتتاح المعرض/)
  assert.match(found.body, /value="افتتاح"/)

  const { id } = await db.selectFrom('media').select('id').where('alt', '=', 'إفتتاح المعرض').executeTakeFirstOrThrow()
  const edit = await app.inject({ method: 'GET', url: `/newsroom/media/${id}`, cookies })
  assert.equal(edit.statusCode, 200)
  assert.match(edit.body, /name="alt"[^>]*value="إفتتاح المعرض"/)
  assert.match(edit.body, /JPEG 400w/)
  const form = (fields: Record<string, string>, headers: Record<string, string> = SAME_ORIGIN) =>
    app.inject({ method: 'POST', url: `/newsroom/media/${id}`, cookies, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })
  assert.equal((await form({ alt: 'بلا رمز' })).statusCode, 403)
  const refused = await form({ _csrf: csrf, alt: '', caption: 'تعليق كُتب للتو', credit: 'مصوّر' })
  assert.equal(refused.statusCode, 400)
  assert.match(refused.body, /name="caption"[^>]*value="تعليق كُتب للتو"/)
  assert.match(refused.body, /id="edit-alt-error" class="nr-field-error">هذا الحقل مطلوب/)
  const saved = await form({ _csrf: csrf, alt: 'افتتاح معرض الكتاب', caption: 'الجناح الرئيس', credit: 'مصوّر' })
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, `/newsroom/media/${id}?saved=1`)
  const row = await db.selectFrom('media').select(['alt', 'caption', 'credit']).where('id', '=', id).executeTakeFirstOrThrow()
  assert.deepEqual(row, { alt: 'افتتاح معرض الكتاب', caption: 'الجناح الرئيس', credit: 'مصوّر' })
  assert.equal((await app.inject({ method: 'GET', url: '/newsroom/media/99999', cookies })).statusCode, 404)
})

test('the editor picker: media.json lists and searches; uploads with the X-CSRF-Token header answer JSON', async (t) => {
  const { app, cookies, csrf, post, rows } = await setup(t)
  const json = { accept: 'application/json' }
  const jpeg = { name: 'p.jpg', data: await testJpeg(900, 600), type: 'image/jpeg' }

  const noToken = await post('/newsroom/media.json', { alt: 'وصف' }, jpeg, json)
  assert.equal(noToken.statusCode, 403)
  assert.equal(noToken.json().error.code, 'csrf')
  const withToken = { ...json, 'x-csrf-token': csrf }
  const created = await post('/newsroom/media.json', { alt: 'ميناء الصيادين', caption: 'قوارب', credit: 'نشرة' }, jpeg, withToken)
  assert.equal(created.statusCode, 201)
  const item = created.json()
  assert.deepEqual(Object.keys(item).sort(), ['alt', 'caption', 'credit', 'height', 'id', 'srcset', 'url', 'width'])
  assert.deepEqual([item.alt, item.caption, item.credit, item.width, item.height], ['ميناء الصيادين', 'قوارب', 'نشرة', 900, 600])
  assert.match(item.url, /-900w\.jpg$/)
  assert.match(item.srcset, /-400w\.jpg 400w, \S+-800w\.jpg 800w, \S+-900w\.jpg 900w$/)

  const notImage = await post('/newsroom/media.json', { alt: 'وصف' }, { name: 'x.png', data: Buffer.from('<html>not a png</html>'), type: 'image/png' }, withToken)
  assert.equal(notImage.statusCode, 415)
  assert.deepEqual([notImage.json().error.code, notImage.json().error.field], ['unsupported_media_type', 'file'])
  // Answered in JSON even without an Accept header.
  const noAlt = await post('/newsroom/media.json', { caption: 'بلا وصف' }, jpeg, { 'x-csrf-token': csrf })
  assert.equal(noAlt.statusCode, 400)
  assert.deepEqual([noAlt.json().error.code, noAlt.json().error.field], ['field_required', 'alt'])
  assert.equal(await rows(), 1)

  const list = await app.inject({ method: 'GET', url: `/newsroom/media.json?q=${encodeURIComponent('الصيادين')}&page=1`, cookies, headers: json })
  assert.equal(list.statusCode, 200)
  assert.deepEqual(list.json(), { media: [item], page: 1, total: 1 })
  const none = await app.inject({ method: 'GET', url: '/newsroom/media.json?q=zzz', cookies, headers: json })
  assert.deepEqual(none.json(), { media: [], page: 1, total: 0 })
  const anonymous = await app.inject({ method: 'GET', url: '/newsroom/media.json', headers: json })
  assert.equal(anonymous.statusCode, 401)
})
