import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderArticleBody } from './article-body.js'
import { sanitizeArticleHtml } from './article-html.js'

test('every block gets a direction: the editor’s, else auto; a quote or list item of paragraphs inherits', () => {
  assert.equal(
    renderArticleBody('<h2>عنوان</h2><p dir="ltr">English</p><p>عربي</p><blockquote dir="auto"><p dir="auto">اقتباس</p></blockquote><ul dir="auto"><li dir="auto"><p dir="auto">بند</p></li><li>بند ثان</li></ul><ol dir="ltr"><li>one</li></ol><blockquote dir="rtl"><p>x</p></blockquote>'),
    '<h2 dir="auto">عنوان</h2><p dir="ltr">English</p><p dir="auto">عربي</p><blockquote><p dir="auto">اقتباس</p></blockquote><ul><li><p dir="auto">بند</p></li><li dir="auto">بند ثان</li></ul><ol dir="ltr"><li dir="auto">one</li></ol><blockquote dir="rtl"><p dir="auto">x</p></blockquote>',
  )
})

test('Latin runs of Arabic paragraphs are isolated, so dir="auto" finds the Arabic behind a leading name', () => {
  assert.equal(
    renderArticleBody('<p dir="auto">Reuters: قالت <a href="https://x.example/?a=1&amp;b=2" rel="noopener">Jane Doe</a> إن النمو 3.5%.</p>'),
    '<p dir="auto"><bdi>Reuters</bdi>: قالت <a href="https://x.example/?a=1&amp;b=2" rel="noopener"><bdi>Jane Doe</bdi></a> إن النمو 3.5%.</p>',
  )
})

test('an embed becomes a card linking to the provider: no iframe, no script, nothing loaded', () => {
  const stored = sanitizeArticleHtml('<figure class="embed" data-embed-url="https://www.youtube.com/watch?v=abc&amp;t=1"><a href="https://www.youtube.com/watch?v=abc&amp;t=1">x</a></figure><p>بعد</p>')
  const html = renderArticleBody(stored)
  assert.equal(
    html,
    '<figure class="embed embed-card" data-embed-url="https://www.youtube.com/watch?v=abc&amp;t=1"><a class="embed-link" href="https://www.youtube.com/watch?v=abc&amp;t=1" rel="noopener nofollow ugc"><span class="embed-provider">يوتيوب</span><span class="embed-action">افتح المحتوى على يوتيوب</span><bdi class="embed-url" dir="ltr">youtube.com/watch</bdi></a></figure><p dir="auto">بعد</p>',
  )
  assert.doesNotMatch(html, /<iframe|<script/)
  // A stored embed whose address is not one the site accepts renders as nothing.
  assert.equal(renderArticleBody('<figure class="embed" data-embed-url="https://evil.example/x"><a href="https://evil.example/x">x</a></figure>'), '')
})

test('a body without blocks to direct and without Latin runs is returned as stored', () => {
  const stored = '<figure class="article-image" data-media-id="1"><img src="/media/a.jpg" alt="صورة" loading="lazy" /><figcaption>تعليق <span class="credit">تصوير</span></figcaption></figure>'
  assert.equal(renderArticleBody(stored), stored)
})
