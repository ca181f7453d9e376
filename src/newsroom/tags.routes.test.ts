import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createArticle, ensureSection, ensureTag } from '../articles/index.js'
import type { Db } from '../db/index.js'
import { appWithRoles, assertDeskGuards, deskClient } from '../staff/testing.js'

async function seedStory(db: Db, title: string, tagIds: number[]) {
  const sectionId = await ensureSection(db, 'local', 'محليات')
  const now = new Date('2025-03-01T08:00:00Z')
  return createArticle(db, { title, bodyHtml: '<p>نص قصير للتجربة.</p>', sectionId, status: 'published', publishedAt: now, tagIds }, now)
}

const tagsOf = async (db: Db, articleId: number) =>
  (await db.selectFrom('article_tag').innerJoin('tag', 'tag.id', 'article_tag.tag_id').where('article_id', '=', articleId).select('tag.slug').orderBy('tag.slug').execute()).map((r) => r.slug)

test('tags: editors only; signed out → login; no CSRF token → 403', async (t) => {
  const { app, db } = await appWithRoles(t)
  await assertDeskGuards(app, '/newsroom/tags', { refused: ['writer', 'moderator', 'legal'], allowed: 'editor', post: { url: '/newsroom/tags', fields: { name: 'انتخابات' } } })
  assert.equal((await db.selectFrom('tag').select('id').execute()).length, 0)
})

test('tags: thousands page by 50, with article counts and a search that takes LIKE characters literally', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  for (let i = 1; i <= 120; i++) await ensureTag(db, `tag-${String(i).padStart(3, '0')}`, `وسم ${String(i).padStart(3, '0')}`)
  const economy = await ensureTag(db, 'economy', 'اقتصاد')
  await ensureTag(db, 'percent', 'نسبة 50% من الأصوات')
  for (const title of ['الأسواق تنتعش', 'ميزانية جديدة', 'أسعار النفط']) await seedStory(db, title, [economy])
  const editor = await deskClient(app, 'editor@example.com')

  const first = await editor.get('/newsroom/tags')
  assert.equal(first.statusCode, 200)
  assert.match(first.body, /122 وسماً/)
  assert.equal([...first.body.matchAll(/href="\/newsroom\/tags\/\d+"/g)].length, 50)
  assert.match(first.body, /<a href="\/newsroom\/tags\?page=2" rel="next">/)
  assert.match(first.body, /صفحة 1 من 3/)
  const last = await editor.get('/newsroom/tags?page=3')
  assert.equal([...last.body.matchAll(/href="\/newsroom\/tags\/\d+"/g)].length, 22)

  const found = await editor.get(`/newsroom/tags?q=${encodeURIComponent('اقتصاد')}`)
  assert.match(found.body, /وسم واحد تطابق «اقتصاد»/)
  assert.match(found.body, new RegExp(`<a href="/newsroom/tags/${economy}">اقتصاد</a></td><td class="nr-slug"><bdi>economy</bdi></td><td>3</td>`))
  const percent = await editor.get(`/newsroom/tags?q=${encodeURIComponent('50%')}`)
  assert.match(percent.body, /وسم واحد تطابق/)
  assert.match(percent.body, /نسبة 50% من الأصوات/)
  assert.match((await editor.get('/newsroom/tags?q=_')).body, /لا وسوم تطابق/)
  assert.equal((await editor.get('/newsroom/tags?page=0')).statusCode, 400)
})

test('tags: create with a slug from the name; a taken slug comes back (409) with the typed text', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const editor = await deskClient(app, 'editor@example.com')
  const created = await editor.post('/newsroom/tags', { name: 'الطاقة المتجددة', slug: '' })
  assert.equal(created.statusCode, 303)
  assert.equal(created.headers.location, `/newsroom/tags?q=${encodeURIComponent('الطاقة المتجددة').replace(/%20/g, '+')}&done=created`)
  assert.match((await editor.get(created.headers.location as string)).body, /أُضيف الوسم/)
  assert.equal((await db.selectFrom('tag').select('slug').executeTakeFirst())?.slug, 'الطاقة-المتجددة')

  const taken = await editor.post('/newsroom/tags', { name: 'طاقة', slug: 'الطاقة-المتجددة' })
  assert.equal(taken.statusCode, 409)
  assert.match(taken.body, /\(الحقل: المعرّف في الرابط\)/)
  assert.match(taken.body, /value="طاقة"/)
  const empty = await editor.post('/newsroom/tags', { name: '' })
  assert.equal(empty.statusCode, 400)
  assert.match(empty.body, /هذا الحقل مطلوب. \(الحقل: الاسم\)/)
})

test('tags: a rename shows on the article page and moves the tag page at once', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const id = await ensureTag(db, 'gulf', 'الخليج')
  const story = await seedStory(db, 'قمة خليجية في الرياض', [id])
  const editor = await deskClient(app, 'editor@example.com')
  assert.match((await app.inject({ url: story.path })).body, /href="\/tag\/gulf"[^>]*>الخليج</)
  assert.equal((await app.inject({ url: '/tag/gulf' })).statusCode, 200)

  const saved = await editor.post(`/newsroom/tags/${id}`, { name: 'دول الخليج', slug: 'gulf-states' })
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, `/newsroom/tags/${id}?done=saved`)
  assert.match((await app.inject({ url: story.path })).body, /href="\/tag\/gulf-states"[^>]*>دول الخليج</)
  assert.equal((await app.inject({ url: '/tag/gulf' })).statusCode, 404)
  assert.match((await app.inject({ url: '/tag/gulf-states' })).body, /قمة خليجية في الرياض/)

  await ensureTag(db, 'taken', 'محجوز')
  const refused = await editor.post(`/newsroom/tags/${id}`, { name: 'اسم جديد كتبته', slug: 'taken' })
  assert.equal(refused.statusCode, 409)
  assert.match(refused.body, /value="اسم جديد كتبته"/)
})

test('tags: merging moves every article to the surviving tag in one go; into itself or an unknown tag is refused with the typed text', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const from = await ensureTag(db, 'oil', 'نفط')
  const into = await ensureTag(db, 'energy', 'الطاقة')
  const a = await seedStory(db, 'أسعار النفط ترتفع', [from])
  const b = await seedStory(db, 'النفط والطاقة الشمسية', [from, into])
  const c = await seedStory(db, 'محطة طاقة جديدة', [into])
  const editor = await deskClient(app, 'editor@example.com')
  assert.match((await app.inject({ url: a.path })).body, /href="\/tag\/oil"/)

  const self = await editor.post(`/newsroom/tags/${from}/merge`, { into: 'نفط' })
  assert.equal(self.statusCode, 400)
  assert.match(self.body, /لا يُدمج الوسم في نفسه.*\(الحقل: الوسم المدموج فيه\)/)
  const unknown = await editor.post(`/newsroom/tags/${from}/merge`, { into: 'وسم لا وجود له' })
  assert.equal(unknown.statusCode, 400)
  assert.match(unknown.body, /value="وسم لا وجود له"/)
  assert.match(unknown.body, /id="merge-into"[^>]*aria-invalid="true"/)

  const merged = await editor.post(`/newsroom/tags/${from}/merge`, { into: 'الطاقة' })
  assert.equal(merged.statusCode, 303)
  assert.equal(merged.headers.location, `/newsroom/tags/${into}?done=merged`)
  assert.match((await editor.get(merged.headers.location as string)).body, /دُمج الوسم/)
  for (const story of [a, b, c]) assert.deepEqual(await tagsOf(db, story.id), ['energy'])
  assert.equal(await db.selectFrom('tag').where('id', '=', from).select('id').executeTakeFirst(), undefined)
  assert.match((await app.inject({ url: a.path })).body, /href="\/tag\/energy"/)
  assert.equal((await app.inject({ url: '/tag/oil' })).statusCode, 404)
  assert.equal((await editor.get(`/newsroom/tags/${from}`)).statusCode, 404)
})

test('tags: deleting removes the tag from its articles', async (t) => {
  const { app, db } = await appWithRoles(t, ['editor'])
  const id = await ensureTag(db, 'rumours', 'شائعات')
  const keep = await ensureTag(db, 'health', 'صحة')
  const story = await seedStory(db, 'حملة تطعيم في المدارس', [id, keep])
  const editor = await deskClient(app, 'editor@example.com')
  assert.match((await editor.get(`/newsroom/tags/${id}`)).body, /يحمل هذا الوسم مقال واحد؛ حذفه يزيله منها/)
  assert.match((await app.inject({ url: story.path })).body, /href="\/tag\/rumours"/)

  const deleted = await editor.post(`/newsroom/tags/${id}/delete`)
  assert.equal(deleted.statusCode, 303)
  assert.equal(deleted.headers.location, '/newsroom/tags?done=deleted')
  assert.deepEqual(await tagsOf(db, story.id), ['health'])
  const page = await app.inject({ url: story.path })
  assert.doesNotMatch(page.body, /href="\/tag\/rumours"/)
  assert.match(page.body, /href="\/tag\/health"/)
})
