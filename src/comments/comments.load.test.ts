import assert from 'node:assert/strict'
import { test } from 'node:test'
import { runCommentLoad } from './testing.js'

test('1,000 submissions from 50 clients at once: every accepted one stored exactly once, every refused one answered clearly', async () => {
  const report = await runCommentLoad({ submissions: 1000, clients: 50, floodSeconds: 1 })
  const answered = Object.values(report.byStatus).reduce((a, b) => a + b, 0)
  assert.equal(answered, 1000, 'one answer per submission')
  assert.equal(report.unclear, 0, JSON.stringify(report))
  assert.equal(report.lost, 0)
  assert.equal(report.duplicated, 0)
  assert.equal(report.stored, report.accepted, 'the database holds exactly the accepted comments')
  assert.equal(report.accepted + Object.values(report.byCode).reduce((a, b) => a + b, 0), 1000)
  assert.ok(report.accepted > 0 && report.byCode.rate_limited > 0 && report.byCode.field_required > 0, JSON.stringify(report))
})
