import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatter } from '../views/index.js'
import { tooSoonMessage } from './comment-views.js'

test('the wait after a comment sent too soon takes the Arabic plural form of its number', () => {
  const latin = formatter({ locale: 'ar', digits: 'latn', timeZone: 'Asia/Riyadh' })
  const wait = (n: number) => tooSoonMessage(latin, n).match(/انتظر (.+) ثم أعد الإرسال/)?.[1]
  assert.equal(wait(1), 'ثانية واحدة')
  assert.equal(wait(2), 'ثانيتين')
  assert.equal(wait(3), '3 ثوانٍ')
  assert.equal(wait(10), '10 ثوانٍ')
  assert.equal(wait(11), '11 ثانية')
  assert.equal(wait(99), '99 ثانية')
  assert.equal(wait(100), '100 ثانية')
  assert.equal(wait(103), '103 ثوانٍ')
  const arabicDigits = formatter({ locale: 'ar', digits: 'arab', timeZone: 'Asia/Riyadh' })
  assert.match(tooSoonMessage(arabicDigits, 5), /انتظر ٥ ثوانٍ ثم/)
})
