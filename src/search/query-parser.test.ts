import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseQuery } from './query-parser.js'

const required = (q: string) => parseQuery(q).must.map((c) => c.terms.map((t) => t.exact).join(' '))

test('function words are not required while other words remain, but stay in the phrase that ranks adjacency', () => {
  // «فيها» and «لدى» hold in thousands of stories: requiring them selects nothing and costs a scan each.
  assert.deepEqual(required('فيها لدى شركة'), ['شركه'])
  assert.deepEqual(required('وفي خلال الأزمة'), ['الازمه'])
  assert.deepEqual(
    parseQuery('فيها لدى شركة').words.map((t) => t.exact),
    ['فيها', 'لدي', 'شركه'],
  )
  // Only function words: all of them are required (the reader meant them).
  assert.deepEqual(required('من هو'), ['من', 'هو'])
  // A quoted phrase is required whole, function words included.
  assert.deepEqual(required('"في البيت" شركة'), ['في البيت', 'شركه'])
})
