import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { createTempDir } from '../db/testing.js'
import { WXR_FIXTURE } from './testing.js'
import { readWxr, WxrError } from './wxr.reader.js'

test('reads the fixture: version, site, authors, terms (each listed twice), items with meta and comments', async () => {
  const wxr = await readWxr(WXR_FIXTURE)
  assert.equal(wxr.version, '1.2')
  assert.equal(wxr.siteUrl, 'https://old-news.example')
  assert.deepEqual(wxr.authors.map((a) => [a.login, a.displayName]), [['hala', 'هالة الزين'], ['omar', 'عمر الراشد']])
  const categories = wxr.terms.filter((term) => term.taxonomy === 'category')
  assert.equal(categories.length, 6, 'three categories, as wp:category and again as wp:term')
  assert.deepEqual(categories.find((c) => c.slug === 'energy'), { taxonomy: 'category', slug: 'energy', name: 'طاقة', parent: '%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af', description: '' })
  assert.equal(wxr.items.length, 16)
  const harbour = wxr.items.find((item) => item.postId === '102')!
  assert.equal(harbour.meta.get('_thumbnail_id'), '22')
  assert.equal(harbour.comments.length, 7)
  assert.deepEqual(harbour.terms, [
    { domain: 'category', slug: '%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af', name: 'اقتصاد' },
    { domain: 'post_tag', slug: 'markets', name: 'أسواق' },
  ])
  assert.match(harbour.content, /^عاد الصيادون/)
  const draft = wxr.items.find((item) => item.postId === '104')!
  assert.deepEqual([draft.status, draft.postDateGmt], ['draft', '0000-00-00 00:00:00'])
  assert.equal(wxr.items.find((item) => item.postId === '103')!.isSticky, true)
})

test('WXR 1.1 is read too; other versions, other documents and broken XML are refused with where and why', async (t) => {
  const dir = createTempDir(t)
  const write = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const fixture = readFileSync(WXR_FIXTURE, 'utf8')
  const v11 = await readWxr(write('v11.xml', fixture.replaceAll('export/1.2/', 'export/1.1/').replace('<wp:wxr_version>1.2<', '<wp:wxr_version>1.1<')))
  assert.equal(v11.version, '1.1')
  assert.equal(v11.items.length, 16)

  const refused: [string, RegExp][] = [
    [fixture.replace('<wp:wxr_version>1.2<', '<wp:wxr_version>1.0<'), /^unknown WXR version "1\.0" \(this importer reads 1\.1 and 1\.2\)$/],
    [fixture.replace(/\t<wp:wxr_version>1\.2<\/wp:wxr_version>\n/, ''), /^not a WordPress export: no <wp:wxr_version>$/],
    ['<?xml version="1.0"?><feed><title>Atom</title></feed>', /^not a WordPress export: the document is <feed>, not <rss>$/],
    ['', /^not a WordPress export: the file holds no XML element$/],
    [fixture.replace('<title>نشرة المدينة</title>', '<title>نشرة & المدينة</title>'), /^malformed XML at line 11, column \d+: /],
    [fixture.slice(0, 5000), /^malformed XML at line \d+, column \d+: Unclosed root tag/],
  ]
  for (const [i, [text, message]] of refused.entries()) {
    await assert.rejects(readWxr(write(`bad-${i}.xml`, text)), (err: Error) => err instanceof WxrError && message.test(err.message), String(message))
  }
  await assert.rejects(readWxr(join(dir, 'missing.xml')), /missing\.xml: no such file/)
})
