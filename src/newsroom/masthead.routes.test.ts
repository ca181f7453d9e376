import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Db } from '../db/index.js'
import { ensurePerson } from '../people/index.js'
import { appWithRoles, assertDeskGuards, deskClient } from '../staff/testing.js'

const mastheadRows = (db: Db) =>
  db.selectFrom('person').where('masthead_position', 'is not', null).select(['slug', 'title', 'masthead_position', 'in_masthead_line']).orderBy('masthead_position').execute()

/** Names on the reader's /masthead page, in order. */
const readerMasthead = async (app: Awaited<ReturnType<typeof appWithRoles>>['app']) =>
  [...(await app.inject({ url: '/masthead' })).body.matchAll(/<div class="masthead-entry"><dt>([^<]*)<\/dt><dd><a href="\/author\/([^"]+)">/g)].map((m) => `${m[1]}: ${m[2]}`)

test('masthead: editors only; signed out → login; no CSRF token → 403', async (t) => {
  const { app, db } = await appWithRoles(t)
  const id = await ensurePerson(db, { slug: 'huda', name: 'هدى' }, new Date())
  await assertDeskGuards(app, '/newsroom/masthead', { refused: ['writer', 'moderator', 'legal'], allowed: 'editor', post: { url: '/newsroom/masthead', fields: { personId: String(id), jobTitle: 'مديرة التحرير' } } })
  assert.deepEqual(await mastheadRows(db), [])
})

test('masthead: add, reorder, retitle, the header line and removal all show on reader pages at once', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const now = new Date()
  const huda = await ensurePerson(db, { slug: 'huda', name: 'هدى السالم', title: 'كاتبة' }, now)
  const omar = await ensurePerson(db, { slug: 'omar', name: 'عمر الزهراني' }, now)
  const editor = await deskClient(app, 'editor@example.com')
  assert.match((await app.inject({ url: '/masthead' })).body, /لم تُضف أسماء أسرة التحرير بعد/) // cached from here on

  const search = await editor.get(`/newsroom/masthead?q=${encodeURIComponent('هدى')}`)
  assert.match(search.body, new RegExp(`name="personId" value="${huda}"`))
  assert.match(search.body, /value="كاتبة"/, "the person's title is offered")

  const added = await editor.post('/newsroom/masthead', { personId: String(huda), jobTitle: 'رئيسة التحرير', q: 'هدى' })
  assert.equal(added.statusCode, 303)
  assert.equal(added.headers.location, '/newsroom/masthead?done=added')
  assert.match((await editor.get('/newsroom/masthead?done=added')).body, /أُضيف إلى هيئة التحرير/)
  assert.deepEqual(await readerMasthead(app), ['رئيسة التحرير: huda'])

  const untitled = await editor.post('/newsroom/masthead', { personId: String(omar), jobTitle: ' ', q: 'عمر' })
  assert.equal(untitled.statusCode, 400)
  assert.match(untitled.body, /هذا الحقل مطلوب. \(الحقل: الصفة\)/)
  assert.match(untitled.body, new RegExp(`id="add-title-${omar}"[^>]*aria-invalid="true"`), 'the search comes back with the refused row marked')
  const long = await editor.post('/newsroom/masthead', { personId: String(omar), jobTitle: 'م'.repeat(151), q: 'عمر' })
  assert.equal(long.statusCode, 400)
  assert.match(long.body, new RegExp(`value="${'م'.repeat(151)}"`))

  await editor.post('/newsroom/masthead', { personId: String(omar), jobTitle: 'مدير التحرير' })
  assert.deepEqual(await readerMasthead(app), ['رئيسة التحرير: huda', 'مدير التحرير: omar'])
  const moved = await editor.post(`/newsroom/masthead/${omar}/move`, { direction: 'up', jobTitle: 'ignored' })
  assert.equal(moved.statusCode, 303)
  assert.deepEqual(await readerMasthead(app), ['مدير التحرير: omar', 'رئيسة التحرير: huda'])

  assert.doesNotMatch((await app.inject({ url: '/' })).body, /class="masthead-line"/)
  const saved = await editor.post(`/newsroom/masthead/${huda}`, { jobTitle: 'المستشارة القانونية', inMastheadLine: '1' })
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, '/newsroom/masthead?done=saved')
  const home = await app.inject({ url: '/' })
  assert.match(home.body, /<ul class="masthead-line" aria-label="أسرة التحرير"><li><span class="masthead-role">المستشارة القانونية<\/span>: <a href="\/author\/huda"><bdi>هدى السالم<\/bdi><\/a><\/li><\/ul>/)
  assert.deepEqual(await readerMasthead(app), ['مدير التحرير: omar', 'المستشارة القانونية: huda'])

  const refused = await editor.post(`/newsroom/masthead/${omar}`, { jobTitle: '', inMastheadLine: '1' })
  assert.equal(refused.statusCode, 400)
  assert.match(refused.body, new RegExp(`id="title-${omar}"[^>]*aria-invalid="true"`))
  assert.equal((await mastheadRows(db)).find((r) => r.slug === 'omar')?.title, 'مدير التحرير')

  const removed = await editor.post(`/newsroom/masthead/${huda}/remove`)
  assert.equal(removed.statusCode, 303)
  assert.doesNotMatch((await app.inject({ url: '/' })).body, /class="masthead-line"/)
  assert.deepEqual(await readerMasthead(app), ['مدير التحرير: omar'])
  assert.deepEqual(await mastheadRows(db), [{ slug: 'omar', title: 'مدير التحرير', masthead_position: 1, in_masthead_line: 0 }])
  assert.equal((await editor.post('/newsroom/masthead/999999', { jobTitle: 'س' })).statusCode, 404)
})
