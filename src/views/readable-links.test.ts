import assert from 'node:assert/strict'
import { test } from 'node:test'
import { withReadableLinks } from './readable-links.js'

const path = `/economy/12/${encodeURIComponent('أسعار-النفط؟')}`

test('links to our own paths show their Arabic letters; a browser asks for the same address', () => {
  const html = `<a href="${path}">خبر</a> <a href="/tag/${encodeURIComponent('طاقة')}?page=2#list">وسم</a>`
  assert.equal(withReadableLinks(html), '<a href="/economy/12/أسعار-النفط؟">خبر</a> <a href="/tag/طاقة?page=2#list">وسم</a>')
  assert.equal(new URL('/economy/12/أسعار-النفط؟', 'http://x').pathname, path)
})

test('other characters stay encoded, and absolute or canonical addresses are left as they are', () => {
  const kept = [
    `<a href="/tag/${encodeURIComponent('"><script>')}">x</a>`,
    `<a href="/search?q=${encodeURIComponent('a/b#c?d%')}">x</a>`,
    `<a href="/tag/${encodeURIComponent('שלום')}">x</a>`,
    `<link rel="canonical" href="http://example.com${path}"/>`,
    `<a href="https://twitter.com/intent/tweet?url=${encodeURIComponent('http://example.com' + path)}">x</a>`,
    `<p data-href="${path}">x</p>`,
  ]
  for (const html of kept) assert.equal(withReadableLinks(html), html)
  assert.equal(withReadableLinks(`<a href="/tag/${encodeURIComponent('نفط "خام"')}">x</a>`), '<a href="/tag/نفط%20%22خام%22">x</a>')
})
