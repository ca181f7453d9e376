import assert from 'node:assert/strict'
import { test } from 'node:test'
import { imageFromRow, ResponsiveImage, srcsetOf } from './index.js'

const base = { image_id: 3, image_width: 1600, image_height: 900, image_alt: 'أطفال في "الحديقة" <ليلاً>', image_caption: '', image_credit: '' }
const renditions = [400, 800, 1600].flatMap((w) => [
  { width: w, type: 'image/webp', path: `2026/03/abc-${w}w.webp` },
  { width: w, type: 'image/jpeg', path: `2026/03/abc-${w}w.jpg` },
])
const image = imageFromRow({ ...base, image_path: '2026/03/abc-1600w.webp', image_widths: '', image_renditions: JSON.stringify(renditions) })!

test('ResponsiveImage: WebP sources and a JPEG <img> with every width, sizes, room kept, lazy unless eager', () => {
  const html = ResponsiveImage({ image, sizes: '(min-width: 900px) 760px, 100vw' }) as string
  assert.equal(
    html,
    '<picture><source type="image/webp" srcset="/media/2026/03/abc-400w.webp 400w, /media/2026/03/abc-800w.webp 800w, /media/2026/03/abc-1600w.webp 1600w" sizes="(min-width: 900px) 760px, 100vw"/>' +
      '<img src="/media/2026/03/abc-1600w.jpg" srcset="/media/2026/03/abc-400w.jpg 400w, /media/2026/03/abc-800w.jpg 800w, /media/2026/03/abc-1600w.jpg 1600w" sizes="(min-width: 900px) 760px, 100vw" ' +
      'width="1600" height="900" alt="أطفال في &#34;الحديقة&#34; <ليلاً>" loading="lazy" decoding="async"/></picture>',
  )
  const eager = ResponsiveImage({ image, sizes: '100vw', eager: true }) as string
  assert.match(eager, /loading="eager" decoding="async" fetchpriority="high"/)
  assert.equal(srcsetOf(image, 'image/webp').split(', ').length, 3)
})

test('an image from before JPEG renditions is a plain WebP <img>', () => {
  const old = imageFromRow({ ...base, image_path: '2025/01/old.webp', image_widths: '400,800', image_renditions: '[]' })!
  const html = ResponsiveImage({ image: old, sizes: '50vw' }) as string
  assert.doesNotMatch(html, /<picture|<source/)
  assert.match(html, /^<img src="\/media\/2025\/01\/old-800w.webp" srcset="\/media\/2025\/01\/old-400w.webp 400w, \/media\/2025\/01\/old-800w.webp 800w" sizes="50vw"/)
  assert.equal(srcsetOf(old, 'image/jpeg'), '')
  // A damaged renditions column falls back the same way.
  assert.equal(imageFromRow({ ...base, image_path: '2025/01/old.webp', image_widths: '400,800', image_renditions: '{oops' })!.src, old.src)
})
