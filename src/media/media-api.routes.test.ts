import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'
import { createAccount, createApiToken } from '../staff/index.js'
import { MAX_IMAGE_BYTES } from './index.js'
import { filesUnder, multipart, testJpeg } from './testing.js'

const URL = '/api/v1/admin/media'

async function setup(t: TestContext) {
  const db = await createTestDb(t)
  const dataDir = createTempDir(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: dataDir, NASHRA_LOG_LEVEL: 'silent' }), db)
  t.after(() => app.close())
  const now = new Date()
  const tokens: Record<string, string> = {}
  for (const role of ['writer', 'moderator', 'legal'] as const) {
    await createAccount(db, { email: `${role}@example.org`, name: role, role, password: `a-long-password-${role}` }, now)
    tokens[role] = (await createApiToken(db, { email: `${role}@example.org` }, now)).token
  }
  const auth = (role: string) => ({ authorization: `Bearer ${tokens[role]}` })
  const upload = async (role: string, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) => {
    const body = await multipart(fields, file ? { file } : {})
    return app.inject({ method: 'POST', url: URL, headers: { ...auth(role), ...body.headers }, payload: body.payload })
  }
  const rows = async () => Number((await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return { app, db, dataDir, auth, upload, rows }
}

test('POST /api/v1/admin/media: 201 with the brief’s shape, the files served, uploaded_by recorded', async (t) => {
  const { app, db, upload } = await setup(t)
  const res = await upload('writer', { alt: 'جسر المدينة عند الغروب', caption: 'الجسر الجديد', credit: 'وكالة الأنباء' }, { name: 'bridge.jpg', data: await testJpeg(2400, 1600), type: 'image/jpeg' })
  assert.equal(res.statusCode, 201)
  const body = res.json()
  assert.deepEqual(Object.keys(body).sort(), ['height', 'id', 'url', 'variants', 'width'])
  assert.deepEqual([body.width, body.height], [1600, 1067])
  assert.match(body.url, /^\/media\/\d{4}\/\d{2}\/[0-9a-f]{16}-1600w\.jpg$/)
  assert.deepEqual(
    body.variants.map((v: { width: number; type: string }) => `${v.type} ${v.width}`),
    [400, 800, 1200, 1600].flatMap((w) => [`image/webp ${w}`, `image/jpeg ${w}`]),
  )
  for (const v of body.variants) {
    assert.deepEqual(Object.keys(v).sort(), ['type', 'url', 'width'])
    const file = await app.inject({ method: 'GET', url: v.url })
    assert.equal(file.statusCode, 200, v.url)
    assert.equal(file.headers['content-type'], v.type)
  }
  const row = await db.selectFrom('media').innerJoin('account', 'account.id', 'media.uploaded_by').select(['account.email', 'media.alt', 'media.credit']).executeTakeFirstOrThrow()
  assert.deepEqual(row, { email: 'writer@example.org', alt: 'جسر المدينة عند الغروب', credit: 'وكالة الأنباء' })
})

test('refusals: not an image 415, too large 413, no alt or no file 400 naming the field; nothing stored', async (t) => {
  const { app, dataDir, auth, upload, rows } = await setup(t)
  const text = { name: 'photo.jpg', data: Buffer.from('مجرد نص سُمّي صورة، وادّعى العميل أنه JPEG.'.repeat(10)), type: 'image/jpeg' }
  const notImage = await upload('writer', { alt: 'وصف' }, text)
  assert.equal(notImage.statusCode, 415)
  const error = notImage.json().error
  assert.deepEqual([error.code, error.field], ['unsupported_media_type', 'file'])
  assert.match(error.message, /ليس صورة/)

  const json = await app.inject({ method: 'POST', url: URL, headers: auth('writer'), payload: { alt: 'وصف', file: 'aGVsbG8=' } })
  assert.equal(json.statusCode, 415)
  assert.equal(json.json().error.code, 'unsupported_media_type')

  const huge = Buffer.concat([await testJpeg(64, 64), Buffer.alloc(MAX_IMAGE_BYTES)])
  const tooLarge = await upload('writer', { alt: 'وصف' }, { name: 'huge.jpg', data: huge, type: 'image/jpeg' })
  assert.equal(tooLarge.statusCode, 413)
  assert.deepEqual([tooLarge.json().error.code, tooLarge.json().error.field], ['payload_too_large', 'file'])
  assert.match(tooLarge.json().error.message, /أكبر من المسموح/)

  const jpeg = { name: 'a.jpg', data: await testJpeg(500, 300) }
  for (const fields of [{}, { alt: '   ' }, { caption: 'تعليق فقط' }] as Record<string, string>[]) {
    const noAlt = await upload('writer', fields, jpeg)
    assert.equal(noAlt.statusCode, 400)
    assert.equal(noAlt.json().error.field, 'alt')
    assert.match(noAlt.json().error.message, /النص البديل/)
  }
  const noFile = await upload('writer', { alt: 'وصف' })
  assert.equal(noFile.statusCode, 400)
  assert.deepEqual([noFile.json().error.code, noFile.json().error.field], ['field_required', 'file'])

  const twoFiles = await multipart({ alt: 'وصف' }, { file: jpeg, other: jpeg })
  assert.equal((await app.inject({ method: 'POST', url: URL, headers: { ...auth('writer'), ...twoFiles.headers }, payload: twoFiles.payload })).statusCode, 413)

  assert.equal(await rows(), 0)
  assert.deepEqual(filesUnder(dataDir).filter((f) => f !== 'secret'), [])
})

test('401 without a token, 403 for roles without media.upload (moderator, legal), on upload and list', async (t) => {
  const { app, auth, upload, rows } = await setup(t)
  const jpeg = { name: 'a.jpg', data: await testJpeg(300, 200) }
  const body = await multipart({ alt: 'وصف' }, { file: jpeg })
  const anonymous = await app.inject({ method: 'POST', url: URL, headers: body.headers, payload: body.payload })
  assert.equal(anonymous.statusCode, 401)
  assert.equal(anonymous.json().error.code, 'unauthorized')
  assert.equal((await app.inject({ method: 'GET', url: URL })).statusCode, 401)
  for (const role of ['moderator', 'legal']) {
    const res = await upload(role, { alt: 'وصف' }, jpeg)
    assert.equal(res.statusCode, 403, role)
    assert.equal(res.json().error.code, 'forbidden')
    assert.equal((await app.inject({ method: 'GET', url: URL, headers: auth(role) })).statusCode, 403)
  }
  assert.equal(await rows(), 0)
})

test('GET /api/v1/admin/media lists newest first with q, page and limit; bad parameters are a 400 naming them', async (t) => {
  const { app, auth, upload } = await setup(t)
  const data = await testJpeg(300, 200)
  const ids: number[] = []
  for (const alt of ['مؤتمر صحفي', 'ملعب كرة القدم', 'مؤتمر القمة']) ids.push((await upload('writer', { alt, credit: 'Reuters' }, { name: 'x.jpg', data })).json().id)
  const list = await app.inject({ method: 'GET', url: `${URL}?q=${encodeURIComponent('مؤتمر')}&limit=1&page=2`, headers: auth('writer') })
  assert.equal(list.statusCode, 200)
  const body = list.json()
  assert.deepEqual([body.total, body.page, body.media.length], [2, 2, 1])
  assert.equal(body.media[0].id, ids[0])
  assert.equal(body.media[0].alt, 'مؤتمر صحفي')
  assert.equal(body.media[0].credit, 'Reuters')
  assert.ok(Date.parse(body.media[0].createdAt))
  assert.equal(body.media[0].variants.length, 2)
  const all = (await app.inject({ method: 'GET', url: `${URL}?q=reuters`, headers: auth('writer') })).json()
  assert.deepEqual(
    all.media.map((m: { id: number }) => m.id),
    [...ids].reverse(),
  )
  for (const [query, field] of [['limit=101', 'limit'], ['page=0', 'page']]) {
    const bad = await app.inject({ method: 'GET', url: `${URL}?${query}`, headers: auth('writer') })
    assert.equal(bad.statusCode, 400, query)
    assert.equal(bad.json().error.field, field, query)
  }
})
