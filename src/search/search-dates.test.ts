import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Invalid } from '../http/index.js'
import { dayEnd, dayStart } from './search-dates.js'

test('a day is read in the newsroom zone: Riyadh (UTC+3) begins the day at 21:00 UTC the day before', () => {
  assert.equal(dayStart('2026-03-01', 'Asia/Riyadh', 'from').toISOString(), '2026-02-28T21:00:00.000Z')
  assert.equal(dayEnd('2026-03-01', 'Asia/Riyadh', 'to').toISOString(), '2026-03-01T20:59:59.999Z')
  assert.equal(dayStart('2026-03-01T10:00:00Z', 'Asia/Riyadh', 'from').toISOString(), '2026-03-01T10:00:00.000Z')
})

test('days on which the clocks change are 23 or 25 hours long', () => {
  // London: summer time from 01:00 UTC on 31 March 2024; Cairo: midnight does not exist on 26 April 2024.
  assert.equal(dayEnd('2024-03-31', 'Europe/London', 'to').toISOString(), '2024-03-31T22:59:59.999Z')
  assert.equal(dayStart('2024-04-26', 'Africa/Cairo', 'from').toISOString(), '2024-04-25T22:00:00.000Z')
  assert.equal(dayEnd('2024-10-31', 'Africa/Cairo', 'to').toISOString(), '2024-10-31T21:59:59.999Z')
})

test('a day that is not on the calendar is a 400 naming the field', () => {
  assert.throws(() => dayStart('2026-02-30', 'Asia/Riyadh', 'from'), (err) => err instanceof Invalid && err.field === 'from')
  assert.throws(() => dayEnd('2026-13-01', 'Asia/Riyadh', 'to'), (err) => err instanceof Invalid && err.field === 'to')
})
