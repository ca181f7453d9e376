import assert from 'node:assert/strict'
import { test } from 'node:test'
import { attachContinuations } from './saudinewsnet.continuations.js'
import { mapRecord } from './saudinewsnet.mapper.js'

const record = (url: string, title: string, content: string, source = 'was') => ({ source, url, date_extracted: '2015-08-03 20:00:00', title, author: '', content })
const prepared = (r: ReturnType<typeof record>) => ({ url: r.url, skip: undefined, article: mapRecord(r) })

test('parts fold into their story in part order; the story\'s own record says where it goes', () => {
  const records = [
    prepared(record('u/story', 'عام / الجلسة الأسبوعية', ' إضافة ثالثة وأخيرة\n وختمت الجلسة.')),
    prepared(record('u/2', 'عام / الجلسة الأسبوعية / إضافة ثانية', 'ثم ناقش المجلس الطرق.')),
    prepared(record('u/1', 'عام / الجلسة الأسبوعية        إضافة أولى', 'افتتح الرئيس الجلسة.')),
    prepared(record('u/other', 'عام / الجلسة الأسبوعية', 'خبر من صحيفة أخرى.', 'sabq')),
  ]
  const [story, second, first, other] = attachContinuations(records)
  assert.deepEqual(story.article!.paragraphs, ['افتتح الرئيس الجلسة.', 'ثم ناقش المجلس الطرق.', 'وختمت الجلسة.'])
  assert.equal(story.article!.title, 'الجلسة الأسبوعية')
  assert.equal(story.article!.summary, 'افتتح الرئيس الجلسة. ثم ناقش المجلس الطرق. وختمت الجلسة.')
  assert.deepEqual(story.article!.tags, ['عام'])
  assert.deepEqual([first, second].map((r) => [r.article, r.mergedInto]), [[undefined, 'u/story'], [undefined, 'u/story']])
  assert.deepEqual(other.article!.paragraphs, ['خبر من صحيفة أخرى.'])
})

test('a continuation whose story is not in the file stays a story of its own, headline as given', () => {
  const [alone] = attachContinuations([prepared(record('u/x', 'رياضي / الفريق يتدرب / إضافة أولى واخيرة', 'وأكمل الفريق تدريبه.'))])
  assert.equal(alone.mergedInto, undefined)
  assert.equal(alone.article!.title, 'الفريق يتدرب / إضافة أولى واخيرة')
})
