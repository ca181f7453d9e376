// Which addresses the editor accepts. The server sanitizes again whatever the browser sends.

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

/** What a person typed as a link → a normalized http/https/mailto href, or undefined when refused. */
export function linkHref(typed: string): string | undefined {
  const text = typed.trim()
  if (!text) return undefined
  // «example.com/page» means https; anything with a scheme keeps it (javascript: is then refused).
  const candidate = HAS_SCHEME.test(text) ? text : `https://${text}`
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return undefined
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return undefined
  if (url.protocol !== 'mailto:' && !url.hostname.includes('.')) return undefined
  return url.href
}

/** Links already in the article (or pasted): the same protocols, plus paths on this site. */
export function isSafeHref(href: string): boolean {
  if (/^\/(?!\/)/.test(href)) return true
  try {
    return LINK_PROTOCOLS.has(new URL(href).protocol)
  } catch {
    return false
  }
}

/** An embed URL whose host is one of `hosts` or a subdomain of one, else undefined. */
export function embedUrl(typed: string, hosts: readonly string[]): string | undefined {
  let url: URL
  try {
    url = new URL(typed.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  if (url.username || url.password) return undefined
  const host = url.hostname.toLowerCase()
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`)) ? url.href : undefined
}

/** Images in the article come from the media library: same-site paths or http(s). */
export function isSafeImageSrc(src: string): boolean {
  return /^\/(?!\/)/.test(src) || /^https?:\/\//i.test(src)
}
