import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Invalid } from '../http/index.js'
import { emptyForm, formOfBody, inputOfForm, localInputValue, parseLocalDateTime } from './desk-form.js'

const writer = { id: 1, email: 'w@example.com', name: 'كاتبة', role: 'writer' as const }
const editor = { id: 2, email: 'e@example.com', name: 'محرر', role: 'editor' as const }

test('a datetime-local value is wall-clock time in the newsroom zone, both ways, across a change of offset', () => {
  assert.equal(parseLocalDateTime('2030-01-15T10:30', 'Asia/Riyadh').toISOString(), '2030-01-15T07:30:00.000Z')
  assert.equal(localInputValue(new Date('2030-01-15T07:30:00Z'), 'Asia/Riyadh'), '2030-01-15T10:30')
  // Berlin: +01:00 in winter, +02:00 in summer.
  assert.equal(parseLocalDateTime('2030-01-15T10:30', 'Europe/Berlin').toISOString(), '2030-01-15T09:30:00.000Z')
  assert.equal(parseLocalDateTime('2030-07-15T10:30', 'Europe/Berlin').toISOString(), '2030-07-15T08:30:00.000Z')
  assert.equal(localInputValue(new Date('2030-07-15T08:30:00Z'), 'Europe/Berlin'), '2030-07-15T10:30')
  for (const bad of ['', 'غداً', '2030-02-30T10:00', '2030-01-01T24:00', '2030-01-01 10:00']) {
    assert.throws(() => parseLocalDateTime(bad, 'Asia/Riyadh'), (e: unknown) => e instanceof Invalid && e.field === 'publishAt', bad)
  }
})

test('the form as named fields: lists split, only changed fields, publishing fields for publishers only', () => {
  const form = formOfBody({
    title: ' عنوان ',
    bodyHtml: '<p>سطر</p>\r\n<p>سطر</p>',
    section: 'local',
    tags: 'اقتصاد، نفط,طاقة\nأسواق',
    authors: 'سارة المطيري\r\n\r\n  فهد   العتيبي ',
    sources: 'واس | https://www.spa.gov.sa/\nهيئة الإحصاء',
    featuredImage: '12',
    urgent: '1',
    placement: 'lead',
    commentsOpen: '1',
  })
  assert.equal(form.bodyHtml, '<p>سطر</p>\n<p>سطر</p>', 'CRLF from the browser made LF')
  const all = inputOfForm(form, editor)
  assert.deepEqual(all.tags, ['اقتصاد', 'نفط', 'طاقة', 'أسواق'])
  assert.deepEqual(all.authors, ['سارة المطيري', 'فهد   العتيبي'])
  assert.deepEqual(all.sources, [{ name: 'واس', url: 'https://www.spa.gov.sa/' }, { name: 'هيئة الإحصاء', url: null }])
  assert.equal(all.featuredImage, 12)
  assert.equal(all.urgent, true)
  assert.equal(all.placement, 'lead')
  const byWriter = inputOfForm(form, writer)
  assert.equal(byWriter.urgent, undefined)
  assert.equal(byWriter.placement, undefined)

  const current = { ...form, tags: 'اقتصاد،نفط، طاقة، أسواق' }
  assert.deepEqual(inputOfForm(form, editor, current), {}, 'the same values written differently are no change')
  assert.deepEqual(inputOfForm({ ...form, summary: 'موجز جديد' }, editor, current), { summary: 'موجز جديد' })
  // A writer may ask for legal review but never lift it.
  assert.deepEqual(inputOfForm({ ...form, requiresLegalReview: true }, writer, current), { requiresLegalReview: true })
  assert.deepEqual(inputOfForm({ ...form, requiresLegalReview: false }, writer, { ...current, requiresLegalReview: true }), {})
  assert.throws(() => inputOfForm({ ...form, featuredImage: '1e3' }, editor), (e: unknown) => e instanceof Invalid && e.field === 'featuredImage')
  assert.throws(() => inputOfForm({ ...form, seoTitle: 'ع'.repeat(301) }, editor), (e: unknown) => e instanceof Invalid && e.field === 'seoTitle')
  assert.equal(emptyForm().commentsOpen, true)
})
