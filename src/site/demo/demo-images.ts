// The demo's illustrations, drawn here as SVG (no text, no outside artwork) and rasterised with sharp.
import sharp from 'sharp'

export type DemoImageKey = 'skyline' | 'bridge' | 'chamber' | 'coast' | 'bars' | 'market' | 'pitch' | 'pattern' | 'reel' | 'circuit' | 'pulse'

interface Palette {
  sky: [string, string]
  ink: string[]
}

interface DemoImage {
  palette: Palette
  draw: (rand: () => number, p: Palette) => string
  alt: string
  caption: string
}

const W = 1200
const H = 675

/** mulberry32: the same picture on every seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T,>(rand: () => number, list: T[]): T => list[Math.floor(rand() * list.length)]
const n = (x: number) => Math.round(x * 10) / 10

function skyline(rand: () => number, p: Palette): string {
  let out = `<circle cx="${n(W * 0.72)}" cy="250" r="110" fill="${p.ink[0]}" opacity="0.9"/>`
  for (const [base, shade, count] of [[470, 0.55, 14], [540, 0.85, 18]] as const) {
    let x = -20
    for (let i = 0; i < count && x < W; i++) {
      const w = 50 + rand() * 70
      const h = 120 + rand() * (base === 470 ? 260 : 200)
      out += `<rect x="${n(x)}" y="${n(base - h)}" width="${n(w)}" height="${n(h + 200)}" fill="${pick(rand, p.ink.slice(1))}" opacity="${shade}"/>`
      for (let wy = base - h + 18; wy < base - 12; wy += 26) {
        for (let wx = x + 10; wx < x + w - 12; wx += 18) {
          if (rand() < 0.35) out += `<rect x="${n(wx)}" y="${n(wy)}" width="7" height="11" fill="${p.ink[0]}" opacity="0.75"/>`
        }
      }
      x += w + 6
    }
  }
  out += `<rect x="0" y="560" width="${W}" height="${H - 560}" fill="${p.ink[1]}"/>`
  for (let i = 0; i < 12; i++) out += `<rect x="${n(rand() * W)}" y="${n(575 + rand() * 80)}" width="${n(40 + rand() * 120)}" height="3" fill="${p.ink[0]}" opacity="0.5"/>`
  return out
}

function bridge(rand: () => number, p: Palette): string {
  let out = `<rect x="0" y="430" width="${W}" height="${H - 430}" fill="${p.ink[1]}"/>`
  for (let i = 0; i < 16; i++) out += `<rect x="${n(rand() * W)}" y="${n(450 + rand() * 200)}" width="${n(60 + rand() * 160)}" height="4" rx="2" fill="${p.ink[3]}" opacity="0.45"/>`
  out += `<path d="M0 380 L${W} 380" stroke="${p.ink[2]}" stroke-width="22"/>`
  for (const tower of [330, 870]) {
    out += `<rect x="${tower - 16}" y="120" width="32" height="330" fill="${p.ink[2]}"/>`
    for (let k = 1; k <= 9; k++) {
      out += `<line x1="${tower}" y1="${130 + k * 6}" x2="${tower - k * 30}" y2="372" stroke="${p.ink[0]}" stroke-width="2.5"/>`
      out += `<line x1="${tower}" y1="${130 + k * 6}" x2="${tower + k * 30}" y2="372" stroke="${p.ink[0]}" stroke-width="2.5"/>`
    }
  }
  for (let x = 40; x < W; x += 140) out += `<rect x="${x}" y="376" width="60" height="8" fill="${p.ink[3]}"/>`
  return out
}

function chamber(rand: () => number, p: Palette): string {
  let out = `<rect x="150" y="560" width="900" height="16" rx="8" fill="${p.ink[3]}" opacity="0.6"/>`
  const cx = W / 2
  const cy = 540
  for (let ring = 0; ring < 7; ring++) {
    const r = 150 + ring * 52
    const seats = Math.round((Math.PI * r) / 44)
    for (let s = 0; s <= seats; s++) {
      const a = Math.PI - (s / seats) * Math.PI
      const share = s / seats
      const color = share < 0.42 ? p.ink[0] : share < 0.63 ? p.ink[1] : share < 0.85 ? p.ink[2] : p.ink[3]
      out += `<circle cx="${n(cx + r * Math.cos(a))}" cy="${n(cy - r * Math.sin(a))}" r="${n(14 + rand() * 3)}" fill="${color}"/>`
    }
  }
  out += `<rect x="${cx - 60}" y="470" width="120" height="70" rx="6" fill="${p.ink[3]}"/>`
  return out
}

function coast(rand: () => number, p: Palette): string {
  let out = `<circle cx="300" cy="300" r="120" fill="${p.ink[0]}"/>`
  for (let layer = 0; layer < 6; layer++) {
    const y = 330 + layer * 58
    const amp = 12 + rand() * 14
    const len = 160 + rand() * 80
    let d = `M0 ${y}`
    for (let x = 0; x <= W + len; x += len) d += ` q${n(len / 4)} ${n(-amp)} ${n(len / 2)} 0 t${n(len / 2)} 0`
    out += `<path d="${d} V${H} H0 Z" fill="${p.ink[1 + (layer % 3)]}" opacity="${n(0.55 + layer * 0.08)}"/>`
  }
  for (let i = 0; i < 3; i++) {
    const x = 620 + i * 170 + rand() * 40
    const y = 360 + rand() * 40
    out += `<path d="M${n(x)} ${n(y)} l40 -90 v90 z" fill="${p.ink[0]}"/><path d="M${n(x - 30)} ${n(y + 4)} h90 l-16 18 h-60 z" fill="${p.ink[3]}"/>`
  }
  return out
}

function bars(rand: () => number, p: Palette): string {
  let out = ''
  for (let y = 140; y <= 560; y += 70) out += `<line x1="90" y1="${y}" x2="${W - 90}" y2="${y}" stroke="${p.ink[3]}" stroke-width="2" opacity="0.35"/>`
  let h = 120
  for (let i = 0; i < 12; i++) {
    h = Math.max(60, Math.min(400, h + (rand() - 0.3) * 90))
    out += `<rect x="${110 + i * 84}" y="${n(560 - h)}" width="56" height="${n(h)}" rx="6" fill="${i % 4 === 3 ? p.ink[0] : p.ink[1]}"/>`
  }
  out += `<path d="M120 500 C400 460 620 330 1060 170" stroke="${p.ink[2]}" stroke-width="10" fill="none" stroke-linecap="round"/>`
  out += `<path d="M1030 150 l50 10 l-22 46 z" fill="${p.ink[2]}"/>`
  return out
}

function market(rand: () => number, p: Palette): string {
  let out = ''
  for (let x = 100; x < W; x += 100) out += `<line x1="${x}" y1="90" x2="${x}" y2="600" stroke="${p.ink[3]}" stroke-width="1.5" opacity="0.3"/>`
  const points: [number, number][] = []
  let y = 470
  for (let x = 60; x <= W - 60; x += 36) {
    y = Math.max(140, Math.min(560, y + (rand() - 0.58) * 60))
    points.push([x, y])
  }
  const line = points.map(([x, py]) => `${x},${n(py)}`).join(' ')
  out += `<polygon points="60,600 ${line} ${W - 60},600" fill="${p.ink[1]}" opacity="0.35"/>`
  out += `<polyline points="${line}" fill="none" stroke="${p.ink[0]}" stroke-width="6" stroke-linejoin="round"/>`
  for (const [x, py] of points.filter((_, i) => i % 5 === 0)) out += `<circle cx="${x}" cy="${n(py)}" r="9" fill="${p.ink[2]}"/>`
  for (let i = 0; i < 22; i++) {
    const h = 12 + rand() * 48
    out += `<rect x="${80 + i * 48}" y="${n(640 - h)}" width="22" height="${n(h)}" fill="${i % 3 ? p.ink[3] : p.ink[2]}" opacity="0.7"/>`
  }
  return out
}

function pitch(rand: () => number, p: Palette): string {
  let out = ''
  for (let x = 0; x < W; x += 100) out += `<rect x="${x}" y="0" width="50" height="${H}" fill="${p.ink[1]}" opacity="0.35"/>`
  const line = `stroke="${p.ink[0]}" stroke-width="6" fill="none"`
  out += `<rect x="70" y="60" width="${W - 140}" height="${H - 120}" ${line}/>`
  out += `<line x1="${W / 2}" y1="60" x2="${W / 2}" y2="${H - 60}" ${line}/><circle cx="${W / 2}" cy="${H / 2}" r="90" ${line}/>`
  out += `<rect x="70" y="${H / 2 - 130}" width="160" height="260" ${line}/><rect x="${W - 230}" y="${H / 2 - 130}" width="160" height="260" ${line}/>`
  const bx = 760 + rand() * 120
  const by = 220 + rand() * 80
  out += `<circle cx="${n(bx)}" cy="${n(by)}" r="34" fill="${p.ink[2]}"/><circle cx="${n(bx)}" cy="${n(by)}" r="12" fill="${p.ink[3]}"/>`
  for (let i = 1; i <= 3; i++) out += `<circle cx="${n(bx - i * 70)}" cy="${n(by + i * 40)}" r="${12 - i * 3}" fill="${p.ink[2]}" opacity="${0.6 - i * 0.15}"/>`
  return out
}

function pattern(rand: () => number, p: Palette): string {
  let out = ''
  const size = 150
  for (let row = -1; row <= H / size + 1; row++) {
    for (let col = -1; col <= W / size + 1; col++) {
      const x = col * size + (row % 2 ? size / 2 : 0)
      const y = row * size * 0.87
      const r = size * 0.36
      const color = pick(rand, p.ink)
      out += `<g transform="translate(${n(x)} ${n(y)})"><rect x="${n(-r)}" y="${n(-r)}" width="${n(2 * r)}" height="${n(2 * r)}" fill="${color}"/>`
      out += `<rect x="${n(-r)}" y="${n(-r)}" width="${n(2 * r)}" height="${n(2 * r)}" fill="${color}" transform="rotate(45)"/>`
      out += `<circle r="${n(r * 0.5)}" fill="${p.sky[0]}"/><circle r="${n(r * 0.22)}" fill="${pick(rand, p.ink)}"/></g>`
    }
  }
  return out
}

function reel(rand: () => number, p: Palette): string {
  let out = ''
  for (let i = 0; i < 3; i++) {
    out += `<polygon points="${n(200 + i * 380)},0 ${n(120 + i * 380)},0 ${n(420 + i * 300)},${H} ${n(700 + i * 260)},${H}" fill="${p.ink[0]}" opacity="${n(0.06 + rand() * 0.06)}"/>`
  }
  const strip = (y: number, angle: number, color: string) => {
    let s = `<g transform="rotate(${angle} ${W / 2} ${y})"><rect x="-100" y="${y - 90}" width="${W + 200}" height="180" fill="${color}"/>`
    for (let x = -90; x < W + 100; x += 44) s += `<rect x="${x}" y="${y - 78}" width="24" height="18" rx="3" fill="${p.sky[0]}"/><rect x="${x}" y="${y + 60}" width="24" height="18" rx="3" fill="${p.sky[0]}"/>`
    for (let x = -60; x < W + 100; x += 210) s += `<rect x="${x}" y="${y - 48}" width="180" height="96" rx="4" fill="${pick(rand, p.ink.slice(1))}"/>`
    return s + '</g>'
  }
  out += strip(250, -8, p.ink[3]) + strip(470, 6, p.ink[3])
  return out
}

function circuit(rand: () => number, p: Palette): string {
  let out = ''
  const nodes: [number, number][] = []
  for (let i = 0; i < 34; i++) nodes.push([Math.round((60 + rand() * (W - 120)) / 20) * 20, Math.round((60 + rand() * (H - 120)) / 20) * 20])
  for (const [x, y] of nodes) {
    const [tx, ty] = pick(rand, nodes)
    out += `<path d="M${x} ${y} H${tx} V${ty}" stroke="${pick(rand, p.ink.slice(1))}" stroke-width="4" fill="none" opacity="0.8"/>`
  }
  for (const [x, y] of nodes) out += `<circle cx="${x}" cy="${y}" r="10" fill="${p.sky[0]}" stroke="${p.ink[0]}" stroke-width="4"/>`
  out += `<rect x="${W / 2 - 110}" y="${H / 2 - 110}" width="220" height="220" rx="18" fill="${p.ink[3]}" stroke="${p.ink[0]}" stroke-width="6"/>`
  for (let k = 0; k < 6; k++) {
    const o = -85 + k * 34
    out += `<rect x="${W / 2 + o}" y="${H / 2 - 140}" width="10" height="30" fill="${p.ink[0]}"/><rect x="${W / 2 + o}" y="${H / 2 + 110}" width="10" height="30" fill="${p.ink[0]}"/>`
  }
  return out
}

function pulse(rand: () => number, p: Palette): string {
  let out = ''
  for (let i = 0; i < 7; i++) out += `<circle cx="${n(rand() * W)}" cy="${n(rand() * H)}" r="${n(60 + rand() * 140)}" fill="${pick(rand, p.ink.slice(2))}" opacity="0.25"/>`
  let d = 'M0 360'
  for (let x = 0; x < W; x += 240) d += ` H${x + 80} l20 -40 l24 40 l18 -170 l26 260 l22 -90 H${x + 240}`
  out += `<path d="${d}" stroke="${p.ink[0]}" stroke-width="10" fill="none" stroke-linejoin="round" stroke-linecap="round"/>`
  out += `<g transform="translate(960 150)"><rect x="-28" y="-80" width="56" height="160" rx="8" fill="${p.ink[1]}"/><rect x="-80" y="-28" width="160" height="56" rx="8" fill="${p.ink[1]}"/></g>`
  return out
}

export const DEMO_IMAGES: Record<DemoImageKey, DemoImage> = {
  skyline: {
    palette: { sky: ['#f6c58f', '#c8553d'], ink: ['#fff3d6', '#2d3047', '#3d405b', '#593f62'] },
    draw: skyline,
    alt: 'رسم توضيحي لأبراج مدينة ساحلية عند الغروب، بنوافذ مضاءة وشمس برتقالية',
    caption: 'رسم توضيحي: أفق مدينة المرسى عند الغروب',
  },
  bridge: {
    palette: { sky: ['#9bd1e5', '#e8f1f2'], ink: ['#f4f4f9', '#1b4965', '#0b2545', '#ffb703'] },
    draw: bridge,
    alt: 'رسم توضيحي لجسر معلّق بأبراج وكابلات فوق مياه زرقاء',
    caption: 'رسم توضيحي: جسر الميناء القديم',
  },
  chamber: {
    palette: { sky: ['#f1ece2', '#e0d6c3'], ink: ['#1d3557', '#457b9d', '#e63946', '#6b705c'] },
    draw: chamber,
    alt: 'رسم توضيحي لمقاعد قاعة برلمانية نصف دائرية ملوّنة بحسب الكتل',
    caption: 'رسم توضيحي: توزيع المقاعد في قاعة المجلس',
  },
  coast: {
    palette: { sky: ['#ffd6a5', '#ffadad'], ink: ['#fffffc', '#0077b6', '#00b4d8', '#023e8a'] },
    draw: coast,
    alt: 'رسم توضيحي لقوارب صيد شراعية على أمواج متدرجة الزرقة وشمس كبيرة',
    caption: 'رسم توضيحي: قوارب الصيد قبالة الساحل',
  },
  bars: {
    palette: { sky: ['#0f172a', '#1e293b'], ink: ['#fbbf24', '#38bdf8', '#34d399', '#94a3b8'] },
    draw: bars,
    alt: 'رسم توضيحي لأعمدة بيانية متصاعدة يعلوها سهم أخضر',
    caption: 'رسم توضيحي: مؤشرات الاقتصاد',
  },
  market: {
    palette: { sky: ['#fdfcdc', '#fed9b7'], ink: ['#0081a7', '#00afb9', '#f07167', '#2a9d8f'] },
    draw: market,
    alt: 'رسم توضيحي لمنحنى أسعار صاعد فوق شموع تداول ملوّنة',
    caption: 'رسم توضيحي: حركة التداول في السوق',
  },
  pitch: {
    palette: { sky: ['#2d6a4f', '#40916c'], ink: ['#f1faee', '#1b4332', '#ffd60a', '#1b263b'] },
    draw: pitch,
    alt: 'رسم توضيحي لملعب كرة قدم من الأعلى وكرة صفراء في منتصفه',
    caption: 'رسم توضيحي: ملعب كرة القدم',
  },
  pattern: {
    palette: { sky: ['#fefae0', '#faedcd'], ink: ['#bc6c25', '#dda15e', '#283618', '#606c38'] },
    draw: pattern,
    alt: 'رسم توضيحي لزخرفة هندسية من نجوم ثمانية متكررة بألوان ترابية',
    caption: 'رسم توضيحي: زخرفة هندسية مستوحاة من العمارة التقليدية',
  },
  reel: {
    palette: { sky: ['#14213d', '#000000'], ink: ['#fca311', '#e76f51', '#f4a261', '#1f1f1f'] },
    draw: reel,
    alt: 'رسم توضيحي لشريطين سينمائيين متقاطعين تحت ضوء عرض أصفر',
    caption: 'رسم توضيحي: شريط سينمائي',
  },
  circuit: {
    palette: { sky: ['#10002b', '#240046'], ink: ['#e0aaff', '#7b2cbf', '#c77dff', '#3c096c'] },
    draw: circuit,
    alt: 'رسم توضيحي لشريحة إلكترونية تتفرع منها مسارات ونقاط اتصال بنفسجية',
    caption: 'رسم توضيحي: شبكات الاتصال والبيانات',
  },
  pulse: {
    palette: { sky: ['#e0fbfc', '#c2dfe3'], ink: ['#ee6c4d', '#3d5a80', '#98c1d9', '#293241'] },
    draw: pulse,
    alt: 'رسم توضيحي لخط نبض القلب وعلامة طبية زائد على خلفية فاتحة',
    caption: 'رسم توضيحي: الرعاية الصحية',
  },
}

export const DEMO_IMAGE_CREDIT = 'قسم التصميم في نشرة'

/** The SVG source of one illustration (1200×675). */
export function demoImageSvg(key: DemoImageKey): string {
  const image = DEMO_IMAGES[key]
  const seed = [...key].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261)
  const { sky } = image.palette
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>${image.draw(prng(seed), image.palette)}</svg>`
  )
}

/** Rasterises an illustration to PNG: storeImage takes raster images only. */
export function renderDemoImage(key: DemoImageKey): Promise<Buffer> {
  return sharp(Buffer.from(demoImageSvg(key))).png({ compressionLevel: 1 }).toBuffer()
}
