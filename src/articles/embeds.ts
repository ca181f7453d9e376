import { escapeHtml } from '@kitajs/html'

// Embeds by URL (notes/editor-contract.md): stored as a figure with the address, shown to readers as
// a card linking out. Nothing is loaded from the provider when the page is viewed: no script, no
// iframe, no thumbnail (a page requests nothing from another host; the CSP says so too).

/** The hosts an embed may point to, with their subdomains; the editor's `data-embed-hosts` lists the same. */
export const EMBED_HOSTS = ['youtube.com', 'youtu.be', 'x.com', 'twitter.com', 'instagram.com', 'vimeo.com', 'soundcloud.com', 'facebook.com'] as const

const PROVIDER_NAMES: Record<(typeof EMBED_HOSTS)[number], string> = {
  'youtube.com': 'يوتيوب',
  'youtu.be': 'يوتيوب',
  'x.com': 'إكس (تويتر)',
  'twitter.com': 'إكس (تويتر)',
  'instagram.com': 'إنستغرام',
  'vimeo.com': 'فيميو',
  'soundcloud.com': 'ساوندكلاود',
  'facebook.com': 'فيسبوك',
}

function allowedHostOf(url: URL): (typeof EMBED_HOSTS)[number] | undefined {
  const host = url.hostname.toLowerCase()
  return EMBED_HOSTS.find((allowed) => host === allowed || host.endsWith('.' + allowed))
}

/** The address of an embed the site accepts (https, an allowed host, no credentials or port), normalised; else undefined. */
export function embedUrlOf(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port || !allowedHostOf(url)) return undefined
  return url.href
}

/** The reader's card for an embed: the provider's name and a plain link to the address. */
export function embedCardHtml(raw: string): string {
  const address = embedUrlOf(raw)
  if (!address) return ''
  const url = new URL(address)
  const provider = PROVIDER_NAMES[allowedHostOf(url)!]
  const href = escapeHtml(address)
  const shown = escapeHtml(url.hostname.replace(/^www\./, '') + (url.pathname === '/' ? '' : url.pathname))
  return (
    `<figure class="embed embed-card" data-embed-url="${href}">` +
    `<a class="embed-link" href="${href}" rel="noopener nofollow ugc">` +
    `<span class="embed-provider">${escapeHtml(provider)}</span>` +
    `<span class="embed-action">افتح المحتوى على ${escapeHtml(provider)}</span>` +
    `<bdi class="embed-url" dir="ltr">${shown}</bdi>` +
    `</a></figure>`
  )
}
