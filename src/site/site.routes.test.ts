import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { test, type TestContext } from 'node:test'
import sharp from 'sharp'
import { buildApp } from '../app.js'
import { loadConfig } from '../config/index.js'
import { createTempDir, createTestDb } from '../db/testing.js'

async function serve(t: TestContext): Promise<string> {
  const db = await createTestDb(t)
  const app = await buildApp(loadConfig({ NASHRA_DATA_DIR: createTempDir(t), NASHRA_LOG_LEVEL: 'silent', PORT: '0' }), db)
  t.after(() => app.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

test('/favicon.ico is an icon file holding 16, 32 and 48 px PNG images of the site icon', async (t) => {
  const base = await serve(t)
  const res = await fetch(base + '/favicon.ico')
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'image/x-icon')
  assert.match(res.headers.get('cache-control') ?? '', /public/)
  const ico = Buffer.from(await res.arrayBuffer())
  assert.equal(ico.readUInt16LE(0), 0)
  assert.equal(ico.readUInt16LE(2), 1, 'ICONDIR type 1 (icon)')
  const count = ico.readUInt16LE(4)
  const sizes: number[] = []
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i
    const length = ico.readUInt32LE(entry + 8)
    const offset = ico.readUInt32LE(entry + 12)
    const png = ico.subarray(offset, offset + length)
    const meta = await sharp(png).metadata()
    assert.equal(meta.format, 'png')
    assert.equal(meta.width, ico.readUInt8(entry))
    assert.equal(meta.height, meta.width)
    sizes.push(meta.width!)
  }
  assert.deepEqual(sizes, [16, 32, 48])
  // The 32 px image is the icon's red with white lines, not a blank square.
  const png32 = ico.subarray(ico.readUInt32LE(6 + 16 + 12), ico.readUInt32LE(6 + 16 + 12) + ico.readUInt32LE(6 + 16 + 8))
  const pixel = await sharp(png32).extract({ left: 4, top: 12, width: 1, height: 1 }).removeAlpha().raw().toBuffer()
  assert.deepEqual([...pixel], [0x9b, 0x1c, 0x1c])
})

test('/manifest.webmanifest names the site in Arabic, right to left, with icons that are served', async (t) => {
  const base = await serve(t)
  const res = await fetch(base + '/manifest.webmanifest')
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^application\/manifest\+json/)
  const manifest = (await res.json()) as { name: string; lang: string; dir: string; start_url: string; icons: { src: string; sizes: string; type: string }[] }
  assert.equal(manifest.name, 'نشرة')
  assert.equal(manifest.lang, 'ar')
  assert.equal(manifest.dir, 'rtl')
  assert.equal(manifest.start_url, '/')
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'))
  for (const icon of manifest.icons) {
    const file = await fetch(base + icon.src)
    assert.equal(file.status, 200, icon.src)
    assert.equal(file.headers.get('content-type')?.split(';')[0], icon.type, icon.src)
    if (icon.type === 'image/png') {
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata()
      assert.equal(`${meta.width}x${meta.height}`, icon.sizes)
    }
  }
  // The reader pages link the icons from their head (the SVG one inline, no request while the page
  // loads); the manifest is linked by the inline early.js once the page has painted (decision 030).
  const home = await (await fetch(base + '/')).text()
  assert.match(home, /<link rel="icon" href="\/favicon\.ico"/)
  assert.match(home, /<link rel="icon" href="data:image\/svg\+xml,%3Csvg[^"]*%3C%2Fsvg%3E" type="image\/svg\+xml"/)
  assert.match(home, /\.href\s*=\s*["']\/manifest\.webmanifest["']/)
})
