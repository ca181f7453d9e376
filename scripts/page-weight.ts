// Page weight as a phone reader meets it (issue #13, goal 2): real Chromium at 390 px against a
// running server; for home, an article, a section, an author page and search, the bytes transferred
// on a first visit (empty cache) and on a repeat visit (same browser context), by type.
//
//   npm run weight -- http://127.0.0.1:3000 [--check] [--article /path] [--dpr 1.75] [--json]
//
// Bytes are CDP's Network.loadingFinished encodedDataLength: what came over the wire, headers
// included; a file served from the browser's cache counts 0. --check exits 1 when an article's
// first visit passes 100 KB or a repeat visit of any page transfers anything but its HTML.
// The device pixel ratio (which srcset image the browser picks) defaults to Lighthouse's mobile 1.75.
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, findReaderPages } from '../test/e2e/helpers.js'

const ARTICLE_BUDGET = 100 * 1024
const TYPES = ['document', 'css', 'js', 'font', 'image', 'other'] as const
type Kind = (typeof TYPES)[number]

interface Visit {
  bytes: Record<Kind, number>
  requests: number
  total: number
  /** The files (not the document) that crossed the wire. */
  transferred: string[]
  lcp: string
}

function kindOf(cdpType: string | undefined): Kind {
  switch (cdpType) {
    case 'Document':
      return 'document'
    case 'Stylesheet':
      return 'css'
    case 'Script':
      return 'js'
    case 'Font':
      return 'font'
    case 'Image':
      return 'image'
    default:
      return 'other'
  }
}

/** One load of `url` in a new tab of `context`, counting what crossed the wire. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage()
  const cdp: CDPSession = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const types = new Map<string, { kind: Kind; url: string }>()
  const result: Visit = { bytes: { document: 0, css: 0, js: 0, font: 0, image: 0, other: 0 }, requests: 0, total: 0, transferred: [], lcp: '' }
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { kind: kindOf(e.type), url: e.response.url }))
  cdp.on('Network.loadingFinished', (e) => {
    const seen = types.get(e.requestId)
    if (!seen || e.encodedDataLength <= 0) return
    result.bytes[seen.kind] += e.encodedDataLength
    result.total += e.encodedDataLength
    result.requests++
    if (seen.kind !== 'document') result.transferred.push(seen.url)
  })
  await page.goto(url, { waitUntil: 'load' })
  // Late fonts and lazy work: wait until the network has been quiet for a moment.
  await page.waitForLoadState('networkidle').catch(() => undefined)
  result.lcp = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null; size?: number }) | undefined
          const el = last?.element
          resolve(el ? `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}` : '?')
        }).observe({ type: 'largest-contentful-paint', buffered: true })
        setTimeout(() => resolve('?'), 1000)
      }),
  )
  await page.close()
  return result
}

const kb = (n: number) => (n / 1024).toFixed(1)

async function main() {
  const args = process.argv.slice(2)
  const base = args.find((a) => /^https?:\/\//.test(a))?.replace(/\/$/, '')
  if (!base) {
    console.error('usage: npm run weight -- <server URL> [--check] [--article /path] [--dpr 1.75] [--json]')
    process.exit(2)
  }
  const check = args.includes('--check')
  const articleArg = args[args.indexOf('--article') + 1]
  const dpr = args.includes('--dpr') ? Number(args[args.indexOf('--dpr') + 1]) : 1.75
  const found = await findReaderPages({ baseUrl: base } as Parameters<typeof findReaderPages>[0])
  const pages: [string, string][] = [
    ['home', found.home],
    ['article', args.includes('--article') && articleArg ? base + articleArg : found.article],
    ['section', found.section],
    ['author', found.author],
    ['search', found.search],
  ]
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
  const rows: { page: string; url: string; first: Visit; repeat: Visit }[] = []
  try {
    for (const [name, url] of pages) {
      // One context per page: its first visit has an empty cache, its second the cache the first left.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: dpr, isMobile: true, hasTouch: true })
      const first = await visit(context, url)
      const repeat = await visit(context, url)
      await context.close()
      rows.push({ page: name, url, first, repeat })
    }
  } finally {
    await browser.close()
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows, null, 1))
  } else {
    const head = ['page', 'visit', 'reqs', 'total KB', ...TYPES.map((t) => `${t} KB`), 'LCP element']
    const lines = rows.flatMap((r) =>
      (['first', 'repeat'] as const).map((v) => [r.page, v, String(r[v].requests), kb(r[v].total), ...TYPES.map((t) => kb(r[v].bytes[t])), r[v].lcp]),
    )
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
    for (const line of [head, ...lines]) console.log(line.map((c, i) => c.padStart(widths[i]!)).join('  '))
    for (const r of rows) console.log(`${r.page}: ${r.url}`)
  }
  const failures: string[] = []
  for (const r of rows) {
    if (r.page === 'article' && r.first.total > ARTICLE_BUDGET) failures.push(`article first visit ${kb(r.first.total)} KB > ${kb(ARTICLE_BUDGET)} KB`)
    if (r.repeat.transferred.length > 0) failures.push(`${r.page} repeat visit transferred ${r.repeat.transferred.join(', ')}`)
  }
  for (const f of failures) console.error(`page-weight: ${f}`)
  if (check && failures.length > 0) process.exit(1)
}

await main()
