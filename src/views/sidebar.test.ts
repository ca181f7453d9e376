import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Sidebar } from './components.js'
import { formatter } from './format.js'
import type { SiteChrome } from './page.js'

const now = new Date('2026-01-10T12:00:00Z')
const chrome = { format: formatter({ locale: 'ar', digits: 'latn', timeZone: 'Asia/Riyadh' }), now } as SiteChrome

test('the sidebar lists its blocks in order, leaves out an empty one, and ends with blocks rendered elsewhere', () => {
  const html = String(
    Sidebar({
      chrome,
      blocks: [
        { id: 'latest', heading: 'آخر الأخبار', items: [{ title: 'خبر <أول>', path: '/a/1/x', date: new Date('2026-01-10T10:00:00Z') }] },
        { id: 'empty', heading: 'لا شيء', items: [] },
        { id: 'other', heading: 'قائمة', items: [{ title: 'خبر ثانٍ', path: '/a/2/y', note: '١٢ قراءة' }] },
      ],
      children: '<section class="most-read">…</section>',
    }),
  )
  assert.match(html, /^<aside class="sidebar" aria-label="الشريط الجانبي">/)
  assert.ok(html.indexOf('آخر الأخبار') < html.indexOf('قائمة') && html.indexOf('قائمة') < html.indexOf('most-read'))
  assert.doesNotMatch(html, /لا شيء/)
  assert.match(html, /خبر &lt;أول>/, 'headlines escaped')
  assert.match(html, /منذ ساعتين/)
  assert.match(html, /<span class="sidebar-note">١٢ قراءة<\/span>/)
  assert.equal(String(Sidebar({ chrome, blocks: [{ id: 'empty', heading: 'لا شيء', items: [] }] })), '')
})
