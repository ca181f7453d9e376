// Sitemaps hold up to 10,000 URLs a file: a DOM builder took about a second a file on these machines
// (docs/decisions/005-feeds-and-sitemaps.md), so they are written as strings through this one escaping function.
// Kept by hand (docs/decisions/012): xmlbuilder2 offers no escaper apart from its builder, and @kitajs/html's
// escapeHtml follows HTML's rules: it leaves '>' (so ']]>', which XML forbids in text, would pass) and keeps
// control characters XML 1.0 does not allow.

// Characters XML 1.0 allows (§2.2); anything else (control codes, lone surrogates) is dropped.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}
