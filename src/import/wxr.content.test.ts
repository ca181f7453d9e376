import assert from 'node:assert/strict'
import { test } from 'node:test'
import { autop, commentText, convertBody, rewriteLinks, uploadKey, type ImageResolver } from './wxr.content.js'

const stored: ImageResolver = (src, id) => (id === '7' || src.includes('stored') ? { mediaId: 7, src: '/media/2024/03/abc-1280w.jpg', width: 1280, height: 853, alt: 'وصف' } : { link: src, alt: '' })

test('classic text: paragraphs from blank lines, <br> from single line breaks, blocks left alone', () => {
  assert.equal(autop('سطر أول\nسطر ثانٍ\n\nفقرة ثانية'), '<p>سطر أول<br>\nسطر ثانٍ</p>\n<p>فقرة ثانية</p>')
  assert.equal(autop('مقدمة\n<ul>\n<li>بند</li>\n</ul>\nخاتمة'), '<p>مقدمة</p>\n<ul>\n<li>بند</li>\n</ul>\n<p>خاتمة</p>')
  assert.equal(autop('<blockquote>قول مأثور</blockquote>'), '<blockquote>قول مأثور</blockquote>')
})

test('Gutenberg blocks: comments stripped, content kept, no paragraphs added; headings kept within h2–h4', () => {
  const html = '<!-- wp:paragraph -->\n<p>فقرة</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {"level":1} -->\n<h1>عنوان</h1>\n<!-- /wp:heading -->'
  assert.equal(convertBody(html, stored), '<p>فقرة</p>\n<h2>عنوان</h2>')
})

test('[caption] and image blocks become figures of the library image, or links when it stayed behind', () => {
  const caption = '[caption id="attachment_7" align="alignnone" width="300"]<a href="x"><img class="wp-image-7" src="http://old/up/a-300x200.jpg" alt="" /></a> تعليق الصورة[/caption]'
  assert.equal(
    convertBody(`نص قبل\n\n${caption}\n\nنص بعد`, stored),
    '<p>نص قبل</p>\n<figure class="article-image" data-media-id="7"><img src="/media/2024/03/abc-1280w.jpg" alt="وصف" width="1280" height="853"><figcaption>تعليق الصورة</figcaption></figure>\n<p>نص بعد</p>',
  )
  const gone = '<!-- wp:image -->\n<figure class="wp-block-image"><img src="http://gone.example/up/صورة.jpg" alt="ميناء"/><figcaption>القوارب</figcaption></figure>\n<!-- /wp:image -->'
  assert.equal(convertBody(gone, stored), '<p><a href="http://gone.example/up/%D8%B5%D9%88%D8%B1%D8%A9.jpg">القوارب</a></p>')
  assert.equal(convertBody('[caption caption="من الخاصية"]<img src="http://old/stored.jpg">[/caption]', stored).match(/<figcaption>(.*)<\/figcaption>/)?.[1], 'من الخاصية')
})

test('uploads match whatever size and encoding the post used', () => {
  assert.equal(uploadKey('http://CDN.example/wp-content/uploads/2024/03/%D9%84%D9%88%D8%AD-300x200.png'), uploadKey('http://cdn.example/wp-content/uploads/2024/03/لوح.png'))
})

test('links: only those with a new address change', () => {
  const { html, changed } = rewriteLinks('<a href="https://old/?p=1">أ</a> <a href=\'https://elsewhere/\'>ب</a>', (href) => (href === 'https://old/?p=1' ? 'https://new/a/1/x' : undefined))
  assert.equal(html, '<a href="https://new/a/1/x">أ</a> <a href=\'https://elsewhere/\'>ب</a>')
  assert.equal(changed, 1)
})

test('comment HTML → text with its paragraphs', () => {
  assert.equal(commentText('<p>أولاً &amp; ثانياً</p>\n<p>سطر<br />آخر</p>'), 'أولاً & ثانياً\n\nسطر\nآخر')
})
