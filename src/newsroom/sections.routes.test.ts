import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { appWithRoles, assertDeskGuards, deskClient } from '../staff/testing.js'

/** `n` published stories in a section (the home page gives a section a block once lead and latest are filled: 9 stories). */
// Distinct stories: headlines that differ only by a number are one story told twice, and the front
// page folds them into one card; a subject in another city is another story.
const SUBJECTS = ['افتتاح حديقة', 'مهرجان الكتاب', 'أمطار غزيرة', 'تجديد المياه', 'سوق السمك', 'مدرسة جديدة']
const CITIES = ['بجدة', 'بمكة', 'بالرياض', 'بتبوك', 'بأبها']
const headline = (i: number) => `${SUBJECTS[i % SUBJECTS.length]} ${CITIES[Math.floor(i / SUBJECTS.length) % CITIES.length]}`

async function seedSection(db: Db, slug: string, name: string, n: number) {
  const sectionId = await ensureSection(db, slug, name)
  const t0 = Date.parse('2025-03-01T08:00:00Z')
  for (let i = 0; i < n; i++) {
    const at = new Date(t0 + i * 60_000)
    await createArticle(db, { title: headline(i), bodyHtml: '<p>نص قصير للتجربة.</p>', sectionId, status: 'published', publishedAt: at }, at)
  }
  return sectionId
}

const sectionRows = (db: Db) => db.selectFrom('section').select(['id', 'slug', 'name', 'position', 'on_home', 'requires_legal_review']).orderBy('position').orderBy('id').execute()

test('sections: editors only; signed-out readers go to the login form; a POST without the CSRF token is refused', async (t) => {
  const { app, db } = await appWithRoles(t)
  await assertDeskGuards(app, '/newsroom/sections', { refused: ['writer', 'moderator', 'legal'], allowed: 'editor', post: { url: '/newsroom/sections', fields: { name: 'رياضة' } } })
  assert.deepEqual(await sectionRows(db), [], 'no refused request created a section')
  const admin = await deskClient(app, 'admin@example.com')
  assert.equal((await admin.get('/newsroom/sections')).statusCode, 200)
})

test('sections: a new section takes its slug from the Arabic name; a taken or reserved slug and a missing name come back with the typed text', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const editor = await deskClient(app, 'editor@example.com')

  const created = await editor.post('/newsroom/sections', { name: 'الشؤون المحلية', slug: '', description: 'أخبار المدن والقرى', onHome: '1' })
  assert.equal(created.statusCode, 303)
  assert.equal(created.headers.location, '/newsroom/sections?done=created')
  const list = await editor.get('/newsroom/sections?done=created')
  assert.match(list.body, /أُضيف القسم/)
  assert.match(list.body, /الشؤون المحلية/)
  const [row] = await sectionRows(db)
  assert.equal(row.slug, 'الشؤون-المحلية')
  assert.equal(row.on_home, 1)
  assert.equal(row.requires_legal_review, 0)

  const taken = await editor.post('/newsroom/sections', { name: 'شؤون محلية أخرى', slug: 'الشؤون المحلية', description: 'وصف كتبته' })
  assert.equal(taken.statusCode, 409)
  assert.match(taken.body, /هذا المعرّف مستخدم من قبل.*\(الحقل: المعرّف في الرابط\)/)
  assert.match(taken.body, /value="شؤون محلية أخرى"/)
  assert.match(taken.body, /وصف كتبته<\/textarea>/)
  assert.match(taken.body, /id="new-section-slug"[^>]*aria-invalid="true"/)

  const reserved = await editor.post('/newsroom/sections', { name: 'غرفة الأخبار', slug: 'newsroom' })
  assert.equal(reserved.statusCode, 400)
  assert.match(reserved.body, /محجوز لصفحات الموقع/)

  const nameless = await editor.post('/newsroom/sections', { name: '   ', slug: 'sport' })
  assert.equal(nameless.statusCode, 400)
  assert.match(nameless.body, /هذا الحقل مطلوب. \(الحقل: الاسم\)/)
  assert.match(nameless.body, /value="sport"/)
  assert.equal((await sectionRows(db)).length, 1)
})

test('sections: a rename moves the section page and shows on the home page at once; off the home page, its block goes', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  // More stories than the lead, top stories and «آخر الأخبار» take, so the section's block has some.
  const id = await seedSection(db, 'local', 'محليات', 30)
  const editor = await deskClient(app, 'editor@example.com')
  // Warm the page cache: the rename must reach readers through it.
  assert.match((await app.inject({ url: '/section/local' })).body, /محليات/)
  assert.match((await app.inject({ url: '/' })).body, new RegExp(`id="block-${id}"`))

  const saved = await editor.post(`/newsroom/sections/${id}`, { name: 'أخبار المدينة', slug: 'city', description: 'ما يجري في المدينة', onHome: '1', requiresLegalReview: '1' })
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, `/newsroom/sections/${id}?done=saved`)
  assert.match((await editor.get(saved.headers.location)).body, /حُفظت تغييرات القسم/)

  const moved = await app.inject({ url: '/section/city' })
  assert.equal(moved.statusCode, 200)
  assert.match(moved.body, /أخبار المدينة/)
  assert.match(moved.body, /ما يجري في المدينة/)
  assert.equal((await app.inject({ url: '/section/local' })).statusCode, 404)
  const home = await app.inject({ url: '/' })
  assert.match(home.body, new RegExp(`id="block-${id}"[^>]*>\\s*<a href="/section/city">أخبار المدينة</a>`))
  assert.equal((await sectionRows(db))[0].requires_legal_review, 1)

  await editor.post(`/newsroom/sections/${id}`, { name: 'أخبار المدينة', slug: 'city', description: '' })
  assert.doesNotMatch((await app.inject({ url: '/' })).body, new RegExp(`id="block-${id}"`), 'no home page block')
  assert.match((await app.inject({ url: '/section/city' })).body, /أخبار المدينة/, 'the section page stays')
})

test('sections: an edit refused keeps what was typed', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  await ensureSection(db, 'sport', 'رياضة')
  const id = await ensureSection(db, 'culture', 'ثقافة')
  const editor = await deskClient(app, 'editor@example.com')
  const res = await editor.post(`/newsroom/sections/${id}`, { name: 'ثقافة وفنون', slug: 'sport', description: 'مسرح وسينما' })
  assert.equal(res.statusCode, 409)
  assert.match(res.body, /value="ثقافة وفنون"/)
  assert.match(res.body, /مسرح وسينما<\/textarea>/)
  assert.equal((await sectionRows(db)).find((s) => s.id === id)?.name, 'ثقافة')
  assert.equal((await editor.get('/newsroom/sections/999999')).statusCode, 404)
})

test('sections: move up and down changes the order on the desk and in the reader navigation', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const ids = [await ensureSection(db, 'a', 'سياسة'), await ensureSection(db, 'b', 'اقتصاد'), await ensureSection(db, 'c', 'رياضة')]
  const editor = await deskClient(app, 'editor@example.com')
  const navOrder = async () => [...(await app.inject({ url: '/masthead' })).body.matchAll(/href="\/section\/(a|b|c)"/g)].map((m) => m[1]).slice(0, 3)
  assert.deepEqual(await navOrder(), ['a', 'b', 'c'])

  const up = await editor.post(`/newsroom/sections/${ids[2]}/move`, { direction: 'up' })
  assert.equal(up.statusCode, 303)
  assert.equal(up.headers.location, '/newsroom/sections?done=moved')
  assert.deepEqual((await sectionRows(db)).map((s) => s.slug), ['a', 'c', 'b'])
  assert.deepEqual(await navOrder(), ['a', 'c', 'b'])
  await editor.post(`/newsroom/sections/${ids[0]}/move`, { direction: 'down' })
  await editor.post(`/newsroom/sections/${ids[0]}/move`, { direction: 'down' })
  await editor.post(`/newsroom/sections/${ids[0]}/move`, { direction: 'down' }) // already last: nothing moves
  assert.deepEqual((await sectionRows(db)).map((s) => s.slug), ['c', 'b', 'a'])
  assert.equal((await editor.post(`/newsroom/sections/${ids[0]}/move`, { direction: 'sideways' })).statusCode, 400)
})

test('sections: one holding articles is not deleted (409 with the count); an empty one is', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const full = await seedSection(db, 'local', 'محليات', 3)
  const empty = await ensureSection(db, 'empty', 'قسم فارغ')
  const editor = await deskClient(app, 'editor@example.com')

  const refused = await editor.post(`/newsroom/sections/${full}/delete`)
  assert.equal(refused.statusCode, 409)
  assert.match(refused.body, /في هذا القسم 3 مقالات\. لا يُحذف قسم تنتمي إليه مقالات/)
  assert.ok((await sectionRows(db)).some((s) => s.id === full))

  const deleted = await editor.post(`/newsroom/sections/${empty}/delete`)
  assert.equal(deleted.statusCode, 303)
  assert.equal(deleted.headers.location, '/newsroom/sections?done=deleted')
  assert.deepEqual((await sectionRows(db)).map((s) => s.id), [full])
})
