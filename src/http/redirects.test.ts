// Redirects built from what a request says (`?next=` after sign-in, the skin form's `return`), over real HTTP.
import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { serveWithStaff, STAFF_PASSWORD } from '../staff/testing.js'
import { safeLocalPath } from './safe-path.js'

const PASSWORD = STAFF_PASSWORD

/** Inputs that must never lead off this site nor break the Location header. */
export const NASTY_PATHS = [
  '/.//evil.example',
  '/./\\evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/..//evil.example',
  '/a/../..//evil.example',
  '/%2F/evil.example',
  '/%5C/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/%09/evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,x',
  '/x\r\nSet-Cookie: a=b',
  '/x\u0000y',
  '/x\u2028y',
  '/محليات/1/خبر-عاجل',
  '/search?q=عربي&page=2#نتائج',
  '/x y',
  '?q=x',
  '#top',
  'evil.example',
  '',
  '/'.repeat(3000),
  `/${'ا'.repeat(2500)}`,
]

const serve = async (t: TestContext) => (await serveWithStaff(t)).base

/** A Location a browser follows to this same site: a path, visible ASCII only, resolving to `base`. */
function assertSameSite(location: string | null, base: string, input: string) {
  const label = JSON.stringify(input.slice(0, 60))
  assert.ok(location, `${label}: a Location`)
  assert.match(location, /^\/(?![/\\])[\x21-\x7e]*$/, `${label} → ${location}`)
  assert.equal(new URL(location, base).origin, base, `${label} → ${location}`)
}

test('the skin form: whatever `return` says, 303 to a same-site path with the skin cookie set', async (t) => {
  const base = await serve(t)
  for (const input of NASTY_PATHS) {
    const res = await fetch(`${base}/preferences/skin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ skin: 'dark', return: input }),
    })
    assert.equal(res.status, 303, JSON.stringify(input.slice(0, 60)))
    assertSameSite(res.headers.get('location'), base, input)
    assert.ok(res.headers.getSetCookie().some((c) => c.startsWith('skin=dark')), JSON.stringify(input.slice(0, 60)))
  }
  const arabic = await fetch(`${base}/preferences/skin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ skin: 'auto', return: '/محليات/1/خبر?q=عربي' }),
  })
  assert.equal(arabic.headers.get('location'), `/${encodeURIComponent('محليات')}/1/${encodeURIComponent('خبر')}?q=${encodeURIComponent('عربي')}`, 'Arabic is kept, percent-encoded')
  const twice = await fetch(`${base}/preferences/skin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: 'skin=dark&return=/a&return=/b',
  })
  assert.equal(twice.status, 303, 'a repeated field still keeps the choice')
  assert.equal(twice.headers.get('location'), '/')
})

test('?next= after sign-in: whatever it says, 303 to a same-site path', async (t) => {
  const base = await serve(t)
  const form = await fetch(`${base}/newsroom/login`)
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await form.text())?.[1] ?? ''
  const login = await fetch(`${base}/newsroom/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
    body: new URLSearchParams({ _csrf: csrf, email: 'mod@example.com', password: PASSWORD, next: '/.//evil.example' }),
  })
  assert.equal(login.status, 303)
  assert.equal(login.headers.get('location'), '/newsroom')
  const session = login.headers.getSetCookie().find((c) => c.startsWith('nashra_session='))!.split(';')[0]

  // Addresses past the site's URL limit get its 414 before any route: the longest inputs go in a form body instead.
  for (const input of NASTY_PATHS.filter((p) => p.length < 1000)) {
    const res = await fetch(`${base}/newsroom/login?next=${encodeURIComponent(input)}`, { redirect: 'manual', headers: { cookie: session } })
    assert.equal(res.status, 303, JSON.stringify(input.slice(0, 60)))
    assertSameSite(res.headers.get('location'), base, input)
  }
  const kept = await fetch(`${base}/newsroom/login?next=${encodeURIComponent('/newsroom/comments?status=pending')}`, { redirect: 'manual', headers: { cookie: session } })
  assert.equal(kept.headers.get('location'), '/newsroom/comments?status=pending')
  // Last: signing in again ends the session used above.
  const long = await fetch(`${base}/newsroom/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${cookie}; ${session}`, origin: base },
    body: new URLSearchParams({ _csrf: csrf, email: 'mod@example.com', password: PASSWORD, next: '/'.repeat(3000) }),
  })
  assert.equal(long.status, 303, 'a long next is not a 400')
  assert.equal(long.headers.get('location'), '/newsroom')
})

test('safeLocalPath: the table, value by value', () => {
  const cases: [unknown, string][] = [
    ['/newsroom/comments?status=pending#c-3', '/newsroom/comments?status=pending#c-3'],
    ['/محليات/1/خبر', '/%D9%85%D8%AD%D9%84%D9%8A%D8%A7%D8%AA/1/%D8%AE%D8%A8%D8%B1'],
    ['/x y', '/x%20y'],
    ['/a/./b/../c', '/a/c'],
    ['/%2F/evil.example', '/%2F/evil.example'],
    ['/.//evil.example', '/'],
    ['/%2e%2e//evil', '/'],
    ['/\t/evil', '/'],
    ['/\\/evil', '/'],
    ['/x\r\nSet-Cookie: a=b', '/'],
    ['/' + 'x'.repeat(2000), '/'],
    ['javascript:alert(1)', '/'],
    [['/a'], '/'],
    [undefined, '/'],
  ]
  for (const [input, expected] of cases) assert.equal(safeLocalPath(input, '/'), expected, JSON.stringify(input))
  for (const input of NASTY_PATHS) assert.match(safeLocalPath(input, '/home'), /^\/(?![/\\])[\x21-\x7e]*$/, JSON.stringify(input.slice(0, 60)))
})

test('old addresses: decoded tolerantly (cut escapes, cut characters), one key whatever the form', async () => {
  const { decodeTolerantly, redirectKey } = await import('./redirects.js')
  assert.equal(decodeTolerantly('%D8%A7%D9%84'), 'ال')
  assert.equal(decodeTolerantly('%d8%a7%d9%84%d'), 'ال', 'an escape cut short')
  assert.equal(decodeTolerantly('%d8%a7%d9'), 'ا', 'a character cut after its first byte')
  assert.equal(decodeTolerantly('100%-sure'), '100%-sure')
  const key = '/2024/03/05/السوق'
  for (const form of ['/2024/03/05/%D8%A7%D9%84%D8%B3%D9%88%D9%82/', '/2024/03/05/%d8%a7%d9%84%d8%b3%d9%88%d9%82', '/2024/03/05/السوق//']) assert.equal(redirectKey(form), key, form)
  assert.equal(redirectKey('/?p=12&utm_source=x'), '/?p=12')
  assert.equal(redirectKey('/index.php?page_id=7'), '/?page_id=7')
  assert.equal(redirectKey('/?s=بحث'), undefined)
  assert.equal(redirectKey('/'), undefined)
  assert.equal(redirectKey('/Category/Energy/'), '/category/energy')
})
