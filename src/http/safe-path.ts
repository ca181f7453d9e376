// The one check for redirects whose target a request names (`?next=` after sign-in, the skin form's
// `return`). It lives in the web kit because both the newsroom and the site use it and neither
// should import the other.

const BASE = 'http://nashra.invalid'

/**
 * `value` as a path of this site, normalized and percent-encoded (Arabic included) so it is a valid
 * Location header; `fallback` when it is anything else. The check runs on the normalized result:
 * `/.//evil` and `/%2e%2e//evil` only become `//evil` once dot segments are resolved. Control
 * characters and backslashes are refused outright: browsers drop tabs and newlines and read `\` as
 * `/`, so `/\t/evil` is `//evil` to them.
 */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return fallback
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  const path = url.pathname + url.search + url.hash
  if (url.origin !== BASE || !/^\/(?![/\\])[\x21-\x7e]*$/.test(path)) return fallback
  return path
}
