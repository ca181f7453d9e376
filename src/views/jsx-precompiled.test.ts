import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { attributesToString, contentToString } from '@kitajs/html'
import { Fragment, jsx, jsxs } from '@kitajs/html/jsx-runtime'
import ts from 'typescript'
import { jsxAttr, jsxSafe, jsxText } from './jsx-precompiled.js'

type FoldFile = (text: string, names: Map<string, string>) => { text: string; folded: number }
const { foldFile } = (await import(new URL('../../../scripts/precompile-jsx.mjs', import.meta.url).href)) as { foldFile: FoldFile }

/** What tsc writes for a .tsx module (the build's own settings for JSX). */
function compile(tsx: string): string {
  const options = { jsx: ts.JsxEmit.ReactJSX, jsxImportSource: '@kitajs/html', module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }
  return ts.transpileModule(tsx, { compilerOptions: options }).outputText
}

/** The module's `view` function, run as written by tsc or as folded. */
function load(js: string): (props: unknown) => unknown {
  const body = js.replace(/^import .*$/m, '').replace('export function view', 'return function view')
  const names = ['_jsx', '_jsxs', '_Fragment', '__jsxAttr', '__jsxText', '__jsxSafe']
  return new Function(...names, body)(jsx, jsxs, Fragment, jsxAttr, jsxText, jsxSafe) as (props: unknown) => unknown
}

function both(tsx: string) {
  const js = compile(tsx)
  const folded = foldFile(js, new Map([['_jsx', 'jsx'], ['_jsxs', 'jsxs']]))
  return { js, folded, runtime: load(js), precompiled: load(folded.text) }
}

/** A render's HTML, or the error it throws (an object is no child, with or without folding). */
function outcome(render: () => unknown): unknown {
  try {
    return render()
  } catch (err) {
    return `throws: ${(err as Error).message}`
  }
}

const VALUES: unknown[] = ['plain', 'with "quotes" & <tags>', '', 0, 42, -1.5, true, false, null, undefined, new Date(Date.UTC(2026, 11, 6)), ['a', ' b ', '', 'c'], { toString: () => 'obj"' }, 10n]

describe('precompiled JSX helpers', () => {
  it('write an attribute as the runtime does, for every kind of value', () => {
    for (const key of ['href', 'class', 'style', 'data-id', 'hidden'])
      for (const value of [...VALUES, { color: 'red', fontSize: '2px' }]) assert.equal(jsxAttr(key, value), attributesToString({ [key]: value }), `${key}=${String(value)}`)
  })

  it('write a child as the runtime does, escaped only when safe', () => {
    for (const value of [...VALUES.filter((v) => !(v instanceof Date) && typeof v !== 'object'), ['<b>', 7, null, ['x', false]]]) {
      assert.equal(jsxText(value), contentToString(value as never))
      assert.equal(jsxSafe(value), contentToString(value as never, true))
    }
    assert.equal(jsxSafe('<b>&"'), '&lt;b>&amp;&#34;')
  })

  it('refuse a promise, which only an async component would give', () => {
    assert.throws(() => jsxText(Promise.resolve('x')), /promise/)
  })
})

describe('precompile-jsx', () => {
  it('folds elements into the same HTML the runtime writes, whatever the values', () => {
    const { folded, runtime, precompiled } = both(`
      function Badge({ label }: { label: unknown }) { return <span class="badge">{label as string}</span> }
      export function view({ v, items }: { v: any; items: any[] }) {
        return (
          <div class="card" id="c-1" data-n={3} hidden={false} title='say "hi" &amp; go'>
            <a href={v} class={v} aria-label={v} required={v}>{v}</a>
            <p safe>{v}</p>
            <p safe>before {v} after <b>bold</b></p>
            <img src={v} alt="" />
            <br />
            <Badge label={v} />
            <ul>{items.map((i) => <li data-i={i}>{i} · <em>{i}</em></li>)}</ul>
            text &amp; more {' '}
            {v ? <strong>yes</strong> : ''}
            <span style={v}>{v}{v}</span>
            <>{v}</>
          </div>
        )
      }`)
    assert.ok(folded.folded > 0)
    for (const v of VALUES) assert.equal(outcome(() => precompiled({ v, items: [v, 'x'] })), outcome(() => runtime({ v, items: [v, 'x'] })), `v = ${String(v)}`)
    assert.match(String(precompiled({ v: 'a"b', items: [] })), /<a href="a&#34;b" class="a&#34;b" aria-label="a&#34;b" required="a&#34;b">a"b<\/a><p>a&#34;b<\/p>/)
    assert.match(folded.text, /_jsx\(Badge/, 'components stay calls')
    assert.match(folded.text, /"<div class=\\"card\\" id=\\"c-1\\" data-n=\\"3\\" title=\\"say &#34;hi&#34; & go\\">/, 'literal attributes are written at build time')
  })

  it('leaves spread props and className to the runtime, and keeps every line where it was', () => {
    const { js, folded, runtime, precompiled } = both(`
      export function view({ v }: { v: any }) {
        const extra = { 'data-x': v }
        return <section>
          <input {...extra} value={v} />
          <i className={v}>{v}</i>
        </section>
      }`)
    assert.equal(folded.text.split('\n').length, js.split('\n').length)
    assert.match(folded.text, /_jsx\("input", \{ \.\.\.extra/)
    assert.match(folded.text, /_jsx\("i", \{ className/)
    for (const v of VALUES) assert.equal(outcome(() => precompiled({ v })), outcome(() => runtime({ v })))
  })
})
