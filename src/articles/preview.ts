// A preview link shows an article of any status to whoever holds it: the token is the only key,
// so it is long and random (192 bits), and the page is never cached, indexed or referred onwards.

/** A token as the desk makes them (`previewTokenOf`: 32 or more URL-safe characters); anything else is unknown. */
export const PREVIEW_TOKEN = /^[A-Za-z0-9_-]{32,128}$/

/** Where a preview link points. */
export function previewArticlePath(token: string): string {
  return `/preview/${encodeURIComponent(token)}`
}
