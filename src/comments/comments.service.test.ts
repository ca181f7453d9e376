import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readContentVersion } from '../db/index.js'
import { createTestDb } from '../db/testing.js'
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from '../http/index.js'
import { saveCommentSettings } from './comment-settings.js'
import { commentTextToHtml, initialsOf } from './comment-text.js'
import { seedDemoComments } from './comment-demo.js'
import { openRules, seedCommentArticle } from './testing.js'
import { listForModeration, moderateComment, replyAsStaff, reportComment } from './moderation.service.js'
import { CommentInputError, countApprovedComments, getCommentThreads, pageOfComment, submitComment } from './comments.service.js'

const T0 = new Date('2026-05-01T10:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
const ctx = (seconds = 0, ip = '203.0.113.7') => ({ ip, userAgent: 'test', now: at(seconds) })
const reader = (body: string, who: Partial<{ name: string; email: string }> = {}) => ({ name: 'نوال', email: 'nawal@example.net', body, ...who })

test('a first-time commenter is held; once approved, the same name and email are published at once', async (t) => {
  const db = await createTestDb(t)
  const article = await seedCommentArticle(db, { publishedAt: T0 })
  const first = await submitComment(db, article.id, reader('أول تعليق لي هنا'), ctx(0))
  assert.equal(first.status, 'pending')
  assert.equal(await countApprovedComments(db, article.id), 0)
  await moderateComment(db, first.id, 'approve', { accountId: null, now: at(1) })
  const second = await submitComment(db, article.id, reader('وهذا تعليقي الثاني'), ctx(100))
  assert.equal(second.status, 'approved')
  // Same email, other name: a different commenter as far as the rule goes.
  const other = await submitComment(db, article.id, reader('تعليق باسم آخر', { name: 'منتحل' }), ctx(200))
  assert.equal(other.status, 'pending')
  assert.equal(await countApprovedComments(db, article.id), 2)
})

test('more links than allowed, and hold words (after Arabic normalization), send a comment to the queue', async (t) => {
  const db = await createTestDb(t)
  const article = await seedCommentArticle(db)
  await openRules(db, { holdWords: ['إعلان مدفوع'], rejectWords: ['كلمةمحظورة'] })
  const links = await submitComment(db, article.id, reader('انظر a.com و b.org و c.net'), ctx(0))
  assert.equal(links.status, 'pending')
  const two = await submitComment(db, article.id, reader('انظر a.com و b.org فقط', { email: 'x@example.net' }), ctx(1))
  assert.equal(two.status, 'approved')
  // «اعلان مدفوع» without hamza and with diacritics still matches «إعلان مدفوع».
  const word = await submitComment(db, article.id, reader('هذا اعلانٌ مدفوع بوضوح', { email: 'y@example.net' }), ctx(2))
  assert.equal(word.status, 'pending')
  await assert.rejects(submitComment(db, article.id, reader('فيه كلمةمحظورة هنا', { email: 'z@example.net' }), ctx(3)), (err) => err instanceof Invalid && err.code === 'comment_rejected')
  const { comments } = await listForModeration(db, { status: 'pending' }, { limit: 10, offset: 0 })
  assert.deepEqual(comments.map((c) => c.statusReason).sort(), ['links:3', 'word_list:إعلان مدفوع'])
})

test('one comment per 15 s from one address and from one email; duplicates are refused', async (t) => {
  const db = await createTestDb(t)
  const article = await seedCommentArticle(db)
  await openRules(db, { floodSeconds: 15 })
  await submitComment(db, article.id, reader('الأول'), ctx(0, '198.51.100.1'))
  await assert.rejects(submitComment(db, article.id, reader('الثاني', { email: 'other@example.net' }), ctx(5, '198.51.100.1')), (err) => err instanceof TooManyRequests && err.retryAfterSeconds === 10)
  await assert.rejects(submitComment(db, article.id, reader('الثالث'), ctx(5, '198.51.100.2')), TooManyRequests)
  const later = await submitComment(db, article.id, reader('بعد المهلة'), ctx(16, '198.51.100.2'))
  assert.ok(later.id)
  await assert.rejects(submitComment(db, article.id, reader('الأول'), ctx(100, '198.51.100.9')), (err) => err instanceof Conflict && err.code === 'comment_duplicate')
  // A refused comment stored nothing, and did not use up the address's slot.
  const threads = await getCommentThreads(db, article.id)
  assert.equal(threads.total, 2)
})

test('closed comments: per article, or N days after publication', async (t) => {
  const db = await createTestDb(t)
  const closed = await seedCommentArticle(db, { commentsOpen: false })
  await assert.rejects(submitComment(db, closed.id, reader('مرحباً'), ctx()), (err) => err instanceof Forbidden && err.code === 'comments_closed')
  const old = await seedCommentArticle(db, { publishedAt: new Date(T0.getTime() - 10 * 86400_000), title: 'خبر قديم' })
  await saveCommentSettings(db, { closeAfterDays: 7 })
  await assert.rejects(submitComment(db, old.id, reader('مرحباً'), ctx()), Forbidden)
  await saveCommentSettings(db, { closeAfterDays: 30 })
  assert.ok((await submitComment(db, old.id, reader('مرحباً'), ctx())).id)
})

test('missing and unpublished articles are 404; a parent from another article is refused', async (t) => {
  const db = await createTestDb(t)
  await openRules(db)
  const a = await seedCommentArticle(db)
  const b = await seedCommentArticle(db, { title: 'خبر آخر' })
  const draft = await seedCommentArticle(db, { status: 'draft', title: 'مسودة' })
  await assert.rejects(submitComment(db, 99999, reader('x'), ctx()), NotFound)
  await assert.rejects(submitComment(db, draft.id, reader('x'), ctx()), NotFound)
  const onB = await submitComment(db, b.id, reader('على الخبر الآخر'), ctx())
  await assert.rejects(submitComment(db, a.id, { ...reader('رد في غير مكانه'), parentId: onB.id }, ctx(1)), (err) => err instanceof CommentInputError && err.field === 'parentId')
})

test('the bad-input table: each refused with the field named, each cleaned one stored without its hidden characters', async (t) => {
  const db = await createTestDb(t)
  await openRules(db)
  const article = await seedCommentArticle(db)
  const refused: [Record<string, unknown>, string, string][] = [
    [{ email: 'a@b.co', body: 'x' }, 'name', 'field_required'],
    [{ name: '\u200B\u200B\u200B', email: 'a@b.co', body: 'x' }, 'name', 'field_required'],
    [{ name: 'ن'.repeat(101), email: 'a@b.co', body: 'x' }, 'name', 'field_too_long'],
    [{ name: 'ن', email: 'not-an-email', body: 'x' }, 'email', 'invalid_email'],
    [{ name: 'ن', email: `${'a'.repeat(250)}@b.co`, body: 'x' }, 'email', 'field_too_long'],
    [{ name: 'ن', email: 'a@b.co', url: 'javascript:alert(1)', body: 'x' }, 'url', 'invalid_url'],
    [{ name: 'ن', email: 'a@b.co', url: 'https://e.com/' + 'a'.repeat(2000), body: 'x' }, 'url', 'field_too_long'],
    [{ name: 'ن', email: 'a@b.co', body: 'ع'.repeat(5001) }, 'body', 'field_too_long'],
    [{ name: 'ن', email: 'a@b.co', body: '   \n\n  ' }, 'body', 'field_required'],
    [{ name: 'ن', email: 'a@b.co', body: 'bad \uFFFD bytes' }, 'body', 'invalid_text'],
    [{ name: 'ن', email: 'a@b.co', body: 'lone \uD800 surrogate' }, 'body', 'invalid_text'],
    [{ name: 42, email: 'a@b.co', body: 'x' }, 'name', 'invalid_parameter'],
    [{ name: 'ن', email: 'a@b.co', body: 'x', parentId: 'abc' }, 'parentId', 'comment_parent_invalid'],
  ]
  for (const [input, field, code] of refused) {
    await assert.rejects(submitComment(db, article.id, input, ctx()), (err) => err instanceof CommentInputError && err.field === field && err.code === code, JSON.stringify(input).slice(0, 80))
  }
  assert.equal((await getCommentThreads(db, article.id)).total, 0, 'nothing half-made was stored')

  const stored = await submitComment(
    db,
    article.id,
    { name: 'مها\u202E evil\u2066', email: 'Maha@Example.NET', url: 'maha.example.org', body: "<script>alert('x')</script>\u0000\u0007 '; DROP TABLE comment; --\u200B\u200B\u200B\u202D" },
    ctx(),
  )
  const { threads } = await getCommentThreads(db, article.id)
  const c = threads.find((n) => n.comment.id === stored.id)!.comment
  assert.equal(c.name, 'مها evil')
  assert.equal(c.url, 'https://maha.example.org/')
  assert.equal(c.body, "<script>alert('x')</script> '; DROP TABLE comment; --")
  assert.doesNotMatch(commentTextToHtml(c.body), /<script/)
  assert.match(commentTextToHtml(c.body), /&lt;script>/)
})

test('threads: replies nest to depth 3, oldest first, and a reply to the deepest level stays at that level', async (t) => {
  const db = await createTestDb(t)
  await openRules(db)
  const article = await seedCommentArticle(db)
  const post = (body: string, parentId: number | undefined, s: number) => submitComment(db, article.id, { ...reader(body, { email: `r${s}@example.net` }), parentId }, ctx(s))
  const root = await post('جذر', undefined, 1)
  const d2 = await post('رد أول', root.id, 2)
  const d3 = await post('رد على الرد', d2.id, 3)
  const d4 = await post('أعمق من المسموح', d3.id, 4)
  const second = await post('جذر ثان', undefined, 5)
  const { threads, total } = await getCommentThreads(db, article.id)
  assert.equal(total, 5)
  assert.deepEqual(threads.map((n) => n.comment.id), [root.id, second.id])
  const level3 = threads[0].replies[0].replies
  assert.deepEqual(level3.map((n) => n.comment.id), [d3.id, d4.id])
  assert.equal(level3[1].comment.depth, 3)
  assert.equal(pageOfComment(threads, d4.id, 1), 1)
  assert.equal(pageOfComment(threads, second.id, 1), 2)
})

test('moderation: spam, trash and restore bring a comment back to where it was; every change bumps the content version', async (t) => {
  const db = await createTestDb(t)
  await openRules(db)
  const article = await seedCommentArticle(db)
  const c = await submitComment(db, article.id, reader('تعليق'), ctx())
  let version = await readContentVersion(db)
  for (const [action, expected] of [['spam', 'spam'], ['restore', 'approved'], ['trash', 'trash'], ['restore', 'approved'], ['approve', 'approved']] as const) {
    const result = await moderateComment(db, c.id, action, { accountId: null, now: new Date() })
    assert.equal(result.status, expected, action)
    const next = await readContentVersion(db)
    assert.notEqual(next, version, `${action} bumps the content version`)
    version = next
  }
  await assert.rejects(moderateComment(db, 9999, 'approve', { accountId: null, now: new Date() }), NotFound)
})

test('reports reach moderators with their reasons; three put the comment back in the queue', async (t) => {
  const db = await createTestDb(t)
  await openRules(db)
  const article = await seedCommentArticle(db)
  const c = await submitComment(db, article.id, reader('تعليق مثير للجدل'), ctx())
  await reportComment(db, c.id, { reason: 'abuse', details: 'فيه شتيمة' }, { ip: '192.0.2.1', now: at(1) })
  let { comments } = await listForModeration(db, { reported: true }, { limit: 10, offset: 0 })
  assert.equal(comments[0].reports[0].reason, 'abuse: فيه شتيمة')
  assert.equal(comments[0].status, 'approved')
  await reportComment(db, c.id, { reason: 'spam' }, { ip: '192.0.2.2', now: at(2) })
  await reportComment(db, c.id, { reason: 'nonsense-value' }, { ip: '192.0.2.3', now: at(3) })
  ;({ comments } = await listForModeration(db, { status: 'pending' }, { limit: 10, offset: 0 }))
  assert.equal(comments.length, 1)
  assert.equal(comments[0].reports.length, 3)
  assert.equal(comments[0].reports[2].reason, 'other')
  await moderateComment(db, c.id, 'approve', { accountId: null, now: at(4) })
  ;({ comments } = await listForModeration(db, { reported: true }, { limit: 10, offset: 0 }))
  assert.equal(comments.length, 0, 'approving resolves the reports')
})

test('a staff reply is published at once and marked as the newsroom’s', async (t) => {
  const db = await createTestDb(t)
  const article = await seedCommentArticle(db)
  const c = await submitComment(db, article.id, reader('سؤال للمحرر'), ctx())
  const reply = await replyAsStaff(db, c.id, 'شكراً لسؤالك، صحّحنا الرقم.', { accountId: 1, name: 'فريق التحرير', email: 'desk@example.org' }, at(5))
  assert.equal(reply.status, 'approved')
  const { threads } = await getCommentThreads(db, article.id)
  assert.equal(threads[0].comment.id, c.id, 'the held parent was approved with the reply')
  assert.equal(threads[0].replies[0].comment.isStaff, true)
})

test('avatar initials use two letters kept apart, never the email', () => {
  assert.equal(initialsOf('محمد علي'), 'م\u200Cع')
  assert.equal(initialsOf('ريم العتيبي'), 'ر\u200Cع')
  assert.equal(initialsOf('sara'), 'S')
  assert.equal(initialsOf('   '), '؟')
  assert.match(commentTextToHtml('زوروا example.com/x?a=1\n\nسطر\nثان'), /^<p>زوروا <a href="https:\/\/example.com\/x\?a=1" rel="nofollow ugc noopener">example.com\/x\?a=1<\/a><\/p><p>سطر<br \/>ثان<\/p>$/)
  assert.doesNotMatch(commentTextToHtml('راسلني على a@b.co'), /mailto/)
})

test('demo comments: approved threads with a staff reply on the newest stories', async (t) => {
  const db = await createTestDb(t)
  const article = await seedCommentArticle(db)
  await seedDemoComments(db, new Date())
  const { threads, total } = await getCommentThreads(db, article.id)
  assert.equal(total, 4)
  assert.equal(threads.length, 2)
  assert.equal(threads[0].replies[0].comment.isStaff, true)
})
