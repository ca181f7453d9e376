import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sanitizeArticleHtml } from './article-html.js'

const clean = (html: string) => sanitizeArticleHtml(html, { siteOrigin: 'https://nashra.example' })

test('what the editor makes passes unchanged', () => {
  const editor = [
    '<h2 dir="auto">عنوان فرعي</h2>',
    '<p dir="rtl">قال <strong>Barack Obama</strong> و<em>أكد</em> <b>ذلك</b> <i>أمس</i>.<br />سطر ثانٍ</p>',
    '<p dir="ltr"><a href="https://example.org/a?b=1&amp;c=2" rel="noopener nofollow ugc">link</a> <a href="mailto:desk@nashra.example" rel="noopener">mail</a> <a href="https://nashra.example/x" rel="noopener">own</a></p>',
    '<blockquote dir="auto"><p dir="auto">اقتباس</p></blockquote>',
    '<ul dir="auto"><li dir="auto"><p dir="auto">أول</p></li></ul><ol><li dir="auto">ثان</li></ol>',
    '<h3 dir="auto">ثالث</h3><h4>رابع</h4>',
    '<figure class="article-image" data-media-id="12"><img src="/media/2026/03/a-1200w.jpg" alt="وصف" width="1200" height="800" loading="lazy" /><figcaption>تعليق <span class="credit">تصوير: هدى</span></figcaption></figure>',
    '<figure class="embed" data-embed-url="https://www.youtube.com/watch?v=abc&amp;t=1"><a href="https://www.youtube.com/watch?v=abc&amp;t=1" rel="noopener nofollow ugc">https://www.youtube.com/watch?v=abc&amp;t=1</a></figure>',
  ].join('')
  assert.equal(clean(editor), editor)
})

test('links: only http, https and mailto; rel forced whatever was sent; no other attribute', () => {
  const cases: [string, string][] = [
    ['<p><a href="javascript:alert(1)">x</a></p>', '<p>x</p>'],
    ['<p><a href="JaVaScRiPt:alert(1)">x</a></p>', '<p>x</p>'],
    ['<p><a href="jav&#x09;ascript:alert(1)">x</a></p>', '<p>x</p>'],
    ['<p><a href=" javascript:alert(1)">x</a></p>', '<p>x</p>'],
    ['<p><a href="data:text/html,<script>alert(1)</script>">x</a></p>', '<p>x</p>'],
    ['<p><a href="vbscript:x">x</a></p>', '<p>x</p>'],
    ['<p><a href="//evil.example/">x</a></p>', '<p>x</p>'],
    ['<p><a href="/relative">x</a></p>', '<p>x</p>'],
    ['<p><a>x</a></p>', '<p>x</p>'],
    ['<p><a href="https://evil.example" rel="opener" target="_blank" onclick="x()" style="color:red" class="btn">x</a></p>', '<p><a href="https://evil.example" rel="noopener nofollow ugc">x</a></p>'],
    ['<p><a href="http://a.example/"><a href="https://b.example/">nested</a></a></p>', '<p><a href="http://a.example/" rel="noopener nofollow ugc">nested</a></p>'],
  ]
  for (const [input, expected] of cases) assert.equal(clean(input), expected, input)
})

test('attribute values cannot break out of their quotes; dir only on blocks and only auto, rtl, ltr', () => {
  const injected = clean('<p><a href="https://x.example/&quot; onmouseover=&quot;alert(1)">x</a></p>')
  assert.equal(injected, '<p><a href="https://x.example/&quot; onmouseover=&quot;alert(1)" rel="noopener nofollow ugc">x</a></p>')
  assert.doesNotMatch(injected, /" onmouseover/)
  assert.equal(clean('<p dir="auto&quot; onclick=&quot;x">a</p><p dir="RTL">b</p><p dir="rtl" lang="en" style="x" class="y" id="z" onclick="x">c</p>'), '<p>a</p><p>b</p><p dir="rtl">c</p>')
  assert.equal(clean('<p><strong dir="ltr">a</strong><span dir="ltr">b</span><bdi>c</bdi></p>'), '<p><strong>a</strong>bc</p>')
})

test('scripts, styles, iframes and other active content are dropped with what they hold', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<style>p{color:red}</style>',
    '<iframe src="https://www.youtube.com/embed/x">fallback</iframe>',
    '<object data="x.swf">o</object><embed src="x.swf">',
    '<svg><script>alert(1)</script></svg>',
    '<math><mi>x</mi></math>',
    '<template><p>t</p></template>',
    '<noscript><p>n</p></noscript>',
    '<form action="https://evil.example"><input name="q"><button>b</button></form>',
    '<img src="/media/a.jpg" onerror="alert(1)">',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">نص</p>',
    '<!-- comment --><div><table><tr><td>cell</td></tr></table></div>',
  ].join('')
  const out = clean(hostile)
  assert.equal(out, 'b<p>نص</p>cell')
})

test('images: only from /media/, only inside an image figure, one per figure', () => {
  const figure = (img: string) => `<figure class="article-image" data-media-id="3">${img}</figure>`
  const ok = '<img src="/media/a.jpg" alt="" width="10" height="10" loading="lazy" />'
  assert.equal(clean(figure('<img src="/media/a.jpg" width="10" height="10">')), figure(ok))
  for (const src of ['data:image/png;base64,iVBORw0KGgo=', 'https://evil.example/a.jpg', '//evil.example/a.jpg', '/media/../secret', 'javascript:alert(1)', '/elsewhere/a.jpg', '/media/a b.jpg', '/MEDIA/a.jpg']) {
    assert.equal(clean(figure(`<img src="${src}" alt="x">`)), '', src)
  }
  assert.equal(clean(figure('<img src="/media/a.jpg" onerror="alert(1)" srcset="https://evil.example/x 1w" alt="x">')), figure('<img src="/media/a.jpg" alt="x" loading="lazy" />'))
  // Outside a figure, a second image in one figure, a bad size, an image figure without its id.
  assert.equal(clean('<p>قبل<img src="/media/a.jpg" alt="x">بعد</p>'), '<p>قبلبعد</p>')
  assert.equal(clean(figure('<img src="/media/a.jpg" width="10" height="10"><img src="/media/b.jpg">')), figure(ok))
  assert.equal(clean(figure('<img src="/media/a.jpg" width="10px" height="1e3">')), figure('<img src="/media/a.jpg" alt="" loading="lazy" />'))
  assert.equal(clean('<figure class="article-image"><img src="/media/a.jpg"></figure>'), '')
  assert.equal(clean('<figure class="article-image" data-media-id="x1"><img src="/media/a.jpg"></figure>'), '')
})

test('figures: no nesting, nothing but image and caption inside, a credit only in a caption', () => {
  const img = '<img src="/media/a.jpg" alt="" loading="lazy" />'
  assert.equal(
    clean(`<figure class="article-image" data-media-id="1"><figure class="article-image" data-media-id="2">${img}</figure>${img}<p>نص</p>سائب<figcaption><p>تعليق</p> <span class="credit">ع</span><span class="evil">x</span></figcaption></figure>`),
    `<figure class="article-image" data-media-id="1">${img}<figcaption>تعليق <span class="credit">ع</span>x</figcaption></figure>`,
  )
  assert.equal(clean('<blockquote><figure class="article-image" data-media-id="1"><img src="/media/a.jpg"></figure>بقية</blockquote>'), '<blockquote>بقية</blockquote>')
  assert.equal(clean('<p>a<span class="credit">b</span></p><figcaption>سائب</figcaption><figure>بلا صنف</figure><figure class="other">x</figure>'), '<p>ab</p>')
  assert.equal(clean('<figure class="article-image embed" data-media-id="1" data-embed-url="https://youtu.be/x"><img src="/media/a.jpg"></figure>'), `<figure class="article-image" data-media-id="1">${img}</figure>`)
})

test('embeds: https to the allowed hosts and their subdomains only, rewritten as one link', () => {
  const embed = (url: string, inner = '') => clean(`<figure class="embed" data-embed-url="${url}">${inner}</figure>`)
  assert.equal(
    embed('https://youtu.be/abc', '<script>x</script><img src="/media/a.jpg"><a href="https://evil.example">evil</a><figure class="embed" data-embed-url="https://x.com/a">in</figure>'),
    '<figure class="embed" data-embed-url="https://youtu.be/abc"><a href="https://youtu.be/abc" rel="noopener nofollow ugc">https://youtu.be/abc</a></figure>',
  )
  for (const url of ['https://m.facebook.com/story', 'https://x.com/nashra/status/1', 'https://twitter.com/a', 'https://www.instagram.com/p/x/', 'https://vimeo.com/1', 'https://soundcloud.com/a/b']) {
    assert.match(embed(url), /^<figure class="embed" data-embed-url="https:\/\//, url)
  }
  for (const url of ['http://youtube.com/watch?v=x', 'https://youtube.com.evil.example/x', 'https://evil.example/?u=youtube.com', 'https://notyoutube.com/x', 'https://user:pw@youtube.com/x', 'https://youtube.com:8443/x', 'javascript:alert(1)//youtube.com', 'data:text/html,youtube.com', '//youtube.com/x', '']) {
    assert.equal(embed(url, 'x'), '', url)
  }
})
