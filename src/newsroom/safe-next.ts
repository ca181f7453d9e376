const BASE = 'http://nashra.invalid'

/**
 * `?next=` after sign-in: a path on this site only. `//evil`, `/\evil`, schemes, control
 * characters and anything that resolves to another origin fall back to the newsroom home.
 */
export function safeNext(next: unknown, fallback = '/newsroom'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\s\u0000-\u001f\u007f]/.test(next)) return fallback
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const path = url.pathname + url.search + url.hash
  return path.startsWith('/newsroom/login') ? fallback : path
}
