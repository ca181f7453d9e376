import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inlineStyle, PAGE_STYLES } from './inline-assets.js'

type CssForKind = (css: string, kind: string) => string
const { cssForKind, PAGE_KINDS } = (await import(new URL('../../../scripts/build-critical.mjs', import.meta.url).href)) as { cssForKind: CssForKind; PAGE_KINDS: string[] }

const CSS = ['a { color: red; }', '/* @pages article */', '.headline { x: 1; }', '/* @pages home search */', '.front { x: 2; }', '/* @pages all */', 'footer { x: 3; }'].join('\n')

test('site.css is cut per kind of page: shared rules everywhere, a region only in the kinds it names, the order kept', () => {
  assert.equal(cssForKind(CSS, 'article'), 'a { color: red; }\n.headline { x: 1; }\nfooter { x: 3; }')
  assert.equal(cssForKind(CSS, 'home'), 'a { color: red; }\n.front { x: 2; }\nfooter { x: 3; }')
  assert.equal(cssForKind(CSS, 'plain'), 'a { color: red; }\nfooter { x: 3; }')
})

test('a region naming a kind of page that does not exist stops the build', () => {
  assert.throws(() => cssForKind('/* @pages artcle */\n.x {}', 'article'), /no kind of page is called artcle/)
})

test('the build and the server know the same kinds; every kind has its file, the shared rules and its own', () => {
  assert.deepEqual([...PAGE_STYLES], PAGE_KINDS)
  const sizes = PAGE_STYLES.map((kind) => inlineStyle(kind).text.length)
  for (const [i, size] of sizes.entries()) assert.ok(size > 1000, `${PAGE_STYLES[i]}: ${size} characters`)
  // The plain cut is the shared rules alone: every other kind adds its own.
  const plain = inlineStyle('plain').text.length
  for (const kind of PAGE_STYLES.filter((k) => k !== 'plain')) assert.ok(inlineStyle(kind).text.length > plain, kind)
})
