// Old addresses (a WordPress site's permalinks, after `nashra import wxr`) that answer 301 to where
// the content lives now. Looked up only when nothing else answers (the 404 path), so a request
// Nashra serves costs nothing more.
import type { Db } from '../db/index.js'
import * as queries from './redirects.queries.js'

/** Query parameters that name content on a WordPress home page: `/?p=12`, `/?page_id=7`. */
const CONTENT_PARAMS = ['p', 'page_id'] as const

/**
 * Percent-decoding that never throws: an escape cut short (`%D8%A`) and bytes that end inside a
 * character are dropped. WordPress cuts `post_name` at 200 bytes, sometimes inside a character.
 */
export function decodeTolerantly(text: string): string {
  if (!text.includes('%')) return text
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3)
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16))
        i += 2
        continue
      }
      if (/^[0-9a-fA-F]?$/.test(hex) && i + 1 + hex.length === text.length) break // an escape cut at the end: dropped
    }
    if (code < 0x80) bytes.push(code)
    else {
      const point = text.codePointAt(i)!
      bytes.push(...Buffer.from(String.fromCodePoint(point)))
      if (point > 0xffff) i++
    }
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes)).replace(/\uFFFD/g, '')
}

/**
 * The form an old address is stored and looked up in: the path decoded (percent-encoded Arabic or
 * not), without trailing slashes, lower case; on the home page only `?p=` or `?page_id=`.
 * Undefined when the address cannot name old content.
 */
export function redirectKey(url: string): string | undefined {
  const mark = url.indexOf('?')
  const rawPath = mark === -1 ? url : url.slice(0, mark)
  // Segment by segment: an escape cut at the end of one (`…%d8%a/`) is dropped there.
  const path = rawPath.split('/').map(decodeTolerantly).join('/').normalize('NFC').replace(/\/+$/, '').toLowerCase()
  if (path === '' || path === '/index.php') {
    if (mark === -1) return undefined
    const query = new URLSearchParams(url.slice(mark + 1))
    for (const name of CONTENT_PARAMS) {
      const value = query.get(name)
      if (value && /^\d{1,12}$/.test(value)) return `/?${name}=${value}`
    }
    return undefined
  }
  return path.startsWith('/') ? path : undefined
}

/** Where an old address lives now (a percent-encoded path), or undefined. */
export async function findRedirect(db: Db, url: string): Promise<string | undefined> {
  const key = redirectKey(url)
  if (key === undefined) return undefined
  return (await queries.findRedirectTarget(db, key))?.to_path
}

/** Stores old address → new path pairs (`from` in any form redirectKey accepts); an address already stored keeps its target. Returns how many were new. */
export async function saveRedirects(db: Db, pairs: { from: string; to: string }[], now: Date): Promise<number> {
  const rows = new Map<string, { from_path: string; to_path: string; created_at: string }>()
  for (const { from, to } of pairs) {
    const key = redirectKey(from)
    // An old address that is already the new one needs no row: the page answers itself.
    if (key === undefined || rows.has(key) || key === redirectKey(to)) continue
    rows.set(key, { from_path: key, to_path: to, created_at: now.toISOString() })
  }
  return queries.insertRedirects(db, [...rows.values()])
}

export const countRedirects = queries.countRedirects
