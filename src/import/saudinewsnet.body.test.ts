import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseBody } from './saudinewsnet.body.js'

test('every line break ends a paragraph, blank lines or not', () => {
  assert.deepEqual(parseBody('السطر الأول.\nالسطر  الثاني.\n\n\nالثالث.\r\nالرابع.', 'alyaum').paragraphs, ['السطر الأول.', 'السطر الثاني.', 'الثالث.', 'الرابع.'])
})

test('the share bar at the top of a page is dropped, a story that starts with «شارك» is not', () => {
  assert.deepEqual(parseBody(' شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك بدأ المهرجان.\nوانتهى.', 'okaz').paragraphs, ['بدأ المهرجان.', 'وانتهى.'])
  assert.deepEqual(parseBody('شارك مئة عداء في السباق.', 'okaz').paragraphs, ['شارك مئة عداء في السباق.'])
})

test('«عين اليوم»\'s tag list becomes tags, a name particle kept with its name', () => {
  const body = parseBody('افتتحت الحديقة.\nوزارها المئات. سمات الحديقة آل سعود الأمير محمد بن نايف الزوار. الحديقة ', '3alyoum')
  assert.deepEqual(body.paragraphs, ['افتتحت الحديقة.', 'وزارها المئات.'])
  assert.deepEqual(body.tags, ['الحديقة', 'آل سعود', 'الأمير محمد بن نايف', 'الزوار'])
  // Other newspapers' text keeps the word.
  assert.deepEqual(parseBody('قال إن سمات المرحلة واضحة', 'okaz').tags, [])
  assert.deepEqual(parseBody('وصف سمات القائد الناجح في كتابه.', '3alyoum').paragraphs, ['وصف سمات القائد الناجح في كتابه.'])
})

test('SPA\'s end mark and time stamp go; a part number opening the body is read and dropped', () => {
  const body = parseBody(' إضافة ثانية وأخيرة\n \n وختم الوزير كلمته.\n // انتهى //\n 19:23 ت م \n ', 'was')
  assert.deepEqual(body.paragraphs, ['وختم الوزير كلمته.'])
  assert.equal(body.part, 2)
})

test('entities in bodies are decoded', () => {
  assert.deepEqual(parseBody('قال &quot;نعم&quot; &#8211; ثم غادر', 'sabq').paragraphs, ['قال "نعم" – ثم غادر'])
})
