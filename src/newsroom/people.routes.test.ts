import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { ensurePerson } from '../people/index.js'
import { appWithRoles, assertDeskGuards, deskClient } from '../staff/testing.js'

async function seedStory(db: Db, title: string, authorIds: number[]) {
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const now = new Date('2025-03-01T08:00:00Z')
  return createArticle(db, { title, bodyHtml: '<p>نص قصير للتجربة.</p>', sectionId, status: 'published', publishedAt: now, authorIds }, now)
}

const personRow = (db: Db, id: number) => db.selectFrom('person').where('id', '=', id).select(['slug', 'name', 'title', 'bio']).executeTakeFirst()

test('people: editors only; signed out → login; no CSRF token → 403', async (t) => {
  const { app, db } = await appWithRoles(t)
  await assertDeskGuards(app, '/newsroom/people', { refused: ['writer', 'moderator', 'legal'], allowed: 'editor', post: { url: '/newsroom/people', fields: { name: 'سلمى الأحمد' } } })
  assert.equal((await db.selectFrom('person').select('id').execute()).length, 0)
})

test('people: many bylines page by 50, searched by name or slug', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const now = new Date()
  for (let i = 1; i <= 70; i++) await ensurePerson(db, { slug: `reporter-${i}`, name: `مراسل رقم ${String(i).padStart(2, '0')}` }, now)
  const salma = await ensurePerson(db, { slug: 'salma-alahmad', name: 'سلمى الأحمد', title: 'محررة الاقتصاد' }, now)
  await seedStory(db, 'تقرير عن الأسواق', [salma])
  const editor = await deskClient(app, 'editor@example.com')

  const first = await editor.get('/newsroom/people')
  assert.match(first.body, /71 شخصاً/)
  assert.equal([...first.body.matchAll(/href="\/newsroom\/people\/\d+"/g)].length, 50)
  assert.match((await editor.get('/newsroom/people?page=2')).body, /صفحة 2 من 2/)
  const byName = await editor.get(`/newsroom/people?q=${encodeURIComponent('الأحمد')}`)
  assert.match(byName.body, /شخص واحد يطابق «الأحمد»/)
  assert.match(byName.body, new RegExp(`<a href="/newsroom/people/${salma}">سلمى الأحمد</a></td><td>محررة الاقتصاد</td><td>1</td><td>لا</td>`))
  assert.match((await editor.get('/newsroom/people?q=salma')).body, /سلمى الأحمد/)
})

test('people: create with a slug from the Arabic name; a taken slug or an over-long bio comes back with the typed text', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const editor = await deskClient(app, 'editor@example.com')
  const created = await editor.post('/newsroom/people', { name: 'يوسف القحطاني', slug: '', jobTitle: 'مراسل رياضي', bio: 'يغطي الدوري منذ عشر سنوات.' })
  assert.equal(created.statusCode, 303)
  assert.match((await editor.get(created.headers.location as string)).body, /أُضيف الكاتب/)
  const row = await db.selectFrom('person').select(['slug', 'title', 'bio']).executeTakeFirstOrThrow()
  assert.deepEqual(row, { slug: 'يوسف-القحطاني', title: 'مراسل رياضي', bio: 'يغطي الدوري منذ عشر سنوات.' })

  const taken = await editor.post('/newsroom/people', { name: 'يوسف آخر', slug: 'يوسف القحطاني', jobTitle: 'مصوّر' })
  assert.equal(taken.statusCode, 409)
  assert.match(taken.body, /\(الحقل: المعرّف في الرابط\)/)
  assert.match(taken.body, /value="يوسف آخر"/)
  assert.match(taken.body, /value="مصوّر"/)

  const long = await editor.post('/newsroom/people', { name: 'نورة', bio: 'ن'.repeat(2001) })
  assert.equal(long.statusCode, 400)
  assert.match(long.body, /النص أطول من الحد المسموح. \(الحقل: النبذة\)/)
  assert.match(long.body, /id="new-person-bio"[^>]*aria-invalid="true"/)
  assert.equal((await db.selectFrom('person').select('id').execute()).length, 1)
})

test('people: an edit shows in the byline and on the author page at once', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const id = await ensurePerson(db, { slug: 'kareem', name: 'كريم' }, new Date())
  const story = await seedStory(db, 'افتتاح جسر جديد', [id])
  const editor = await deskClient(app, 'editor@example.com')
  assert.match((await app.inject({ url: story.path })).body, /href="\/author\/kareem"[^>]*><bdi>كريم</)

  const saved = await editor.post(`/newsroom/people/${id}`, { name: 'كريم المنصور', slug: 'kareem-almansour', jobTitle: 'مراسل المدينة', bio: 'يكتب عن النقل والعمران.' })
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, `/newsroom/people/${id}?done=saved`)
  assert.match((await app.inject({ url: story.path })).body, /href="\/author\/kareem-almansour"[^>]*><bdi>كريم المنصور</)
  const author = await app.inject({ url: '/author/kareem-almansour' })
  assert.equal(author.statusCode, 200)
  assert.match(author.body, /مراسل المدينة/)
  assert.match(author.body, /يكتب عن النقل والعمران/)
  assert.equal((await app.inject({ url: '/author/kareem' })).statusCode, 404)

  const nameless = await editor.post(`/newsroom/people/${id}`, { name: '', slug: 'x', jobTitle: 'صفة كتبتها' })
  assert.equal(nameless.statusCode, 400)
  assert.match(nameless.body, /value="صفة كتبتها"/)
  assert.equal((await personRow(db, id))?.name, 'كريم المنصور')
})

test('people: someone with a byline is not deleted (409 with the count); someone without is', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const busy = await ensurePerson(db, { slug: 'busy', name: 'كاتب نشيط' }, new Date())
  const idle = await ensurePerson(db, { slug: 'idle', name: 'اسم مكرر' }, new Date())
  await seedStory(db, 'خبر أول', [busy])
  await seedStory(db, 'خبر ثانٍ', [busy])
  const editor = await deskClient(app, 'editor@example.com')

  const refused = await editor.post(`/newsroom/people/${busy}/delete`)
  assert.equal(refused.statusCode, 409)
  assert.match(refused.body, /يحمل اسمه مقالان\. لا يُحذف كاتب منسوبة إليه مقالات/)
  assert.ok(await personRow(db, busy))

  const deleted = await editor.post(`/newsroom/people/${idle}/delete`)
  assert.equal(deleted.statusCode, 303)
  assert.equal(await personRow(db, idle), undefined)
  assert.equal((await editor.post('/newsroom/people/999999/delete')).statusCode, 404)
})
