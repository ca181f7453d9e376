import assert from 'node:assert/strict'
import { test } from 'node:test'
import { messageFor } from './messages.js'

test('a field named after an Object.prototype key is named as sent, not as a function', () => {
  assert.equal(messageFor('invalid_parameter', 'page'), 'قيمة غير صالحة في الطلب. (الحقل: رقم الصفحة)')
  for (const field of ['constructor', 'toString', '__proto__']) assert.equal(messageFor('invalid_parameter', field), `قيمة غير صالحة في الطلب. (الحقل: ${field})`)
})
