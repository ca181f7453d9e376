import assert from 'node:assert/strict'
import { test } from 'node:test'
import { getSiteSettings } from '../site/index.js'
import { appWithRoles, assertDeskGuards, deskClient } from '../staff/testing.js'

const VALID = { name: 'صحيفة الغد', tagline: 'كل صباح، ما يهمّك', defaultSkin: 'dark', digits: 'arab' }

test('site settings: admins only (editors too are refused); signed out → login; no CSRF token → 403', async (t) => {
  const { app, db } = await appWithRoles(t)
  const admin = await assertDeskGuards(app, '/newsroom/settings', { refused: ['editor', 'writer', 'moderator', 'legal'], allowed: 'admin', post: { url: '/newsroom/settings', fields: VALID } })
  assert.equal((await getSiteSettings(db)).name, 'نشرة', 'no refused request saved anything')
  assert.match((await admin.get('/newsroom/settings')).body, /<a href="\/newsroom\/comments\/settings">قواعد التعليقات<\/a>/)
})

test('site settings: name, tagline, default skin, digits and the Hijri date reach reader pages at once', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin'])
  const admin = await deskClient(app, 'admin@example.com')
  const before = await app.inject({ url: '/masthead' }) // cached from here on
  assert.match(before.body, /<span class="brand-name">نشرة<\/span>/)
  assert.match(before.body, /class="hijri"/)
  assert.match(before.body, /data-skin="auto"/)

  const saved = await admin.post('/newsroom/settings', VALID)
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, '/newsroom/settings?done=saved')
  const form = await admin.get('/newsroom/settings?done=saved')
  assert.match(form.body, /حُفظت الإعدادات/)
  assert.match(form.body, /<option value="dark" selected>/)
  assert.match(form.body, /<option value="arab" selected>/)

  const after = await app.inject({ url: '/masthead' })
  assert.match(after.body, /<span class="brand-name">صحيفة الغد<\/span>/)
  assert.match(after.body, /<span class="brand-tagline">كل صباح، ما يهمّك<\/span>/)
  assert.match(after.body, /<title>أسرة التحرير \| صحيفة الغد<\/title>/)
  assert.doesNotMatch(after.body, /class="hijri"/)
  assert.match(after.body, /data-skin="dark"/, 'a reader who chose nothing gets the default skin')
  assert.match(after.body, /© <span>[٠-٩]{4}<\/span>/, 'Arabic-Indic digits')
  assert.match((await app.inject({ url: '/masthead', cookies: { skin: 'default' } })).body, /data-skin="default"/, "a reader's own choice wins")

  await admin.post('/newsroom/settings', { ...VALID, digits: 'latn', showHijri: '1' })
  const again = await app.inject({ url: '/masthead' })
  assert.match(again.body, /class="hijri"/)
  assert.match(again.body, /© <span>\d{4}<\/span>/)
})

test('site settings: a bad value comes back (400) naming the field, with what was typed, and nothing is saved', async (t) => {
  const { app, db } = await appWithRoles(t, ['admin'])
  const admin = await deskClient(app, 'admin@example.com')
  const nameless = await admin.post('/newsroom/settings', { ...VALID, name: '  ' })
  assert.equal(nameless.statusCode, 400)
  assert.match(nameless.body, /هذا الحقل مطلوب. \(الحقل: الاسم\)/)
  assert.match(nameless.body, /value="كل صباح، ما يهمّك"/)
  assert.match(nameless.body, /id="settings-name"[^>]*aria-invalid="true"/)

  const skin = await admin.post('/newsroom/settings', { ...VALID, defaultSkin: 'purple' })
  assert.equal(skin.statusCode, 400)
  assert.match(skin.body, /\(الحقل: المظهر الافتراضي\)/)
  assert.match(skin.body, /value="صحيفة الغد"/)
  const digits = await admin.post('/newsroom/settings', { ...VALID, digits: 'roman' })
  assert.equal(digits.statusCode, 400)
  assert.match(digits.body, /\(الحقل: الأرقام\)/)
  const long = await admin.post('/newsroom/settings', { ...VALID, name: 'ن'.repeat(61) })
  assert.equal(long.statusCode, 400)
  assert.match(long.body, /النص أطول من الحد المسموح/)
  assert.equal((await getSiteSettings(db)).name, 'نشرة')
})
