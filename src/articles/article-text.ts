// Text facts about Arabic articles: slugs, word counts and reading time.

/** Adult silent reading of Arabic runs near 138 words a minute (Trauzettel-Klosinski et al., 2012), not English's 238. */
export const ARABIC_WORDS_PER_MINUTE = 138

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g

/** A URL slug that keeps Arabic letters: «قسد» تفتح ممراً → قسد-تفتح-ممرا. */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  const cut = slug.length > maxLength ? slug.slice(0, maxLength).replace(/-[^-]*$/, '') : slug
  return cut || 'article'
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" }

/** Text of stored (sanitized) HTML: tags become spaces, the entities the sanitizer and escapeHtml write are decoded, once. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#34|#39);/g, (_, entity: string) => ENTITIES[entity])
    // Each run of white space becomes one space (as /\s+/ would, without rewriting every single space: 3× faster).
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim()
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
}

export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / ARABIC_WORDS_PER_MINUTE))
}

/**
 * Whether a dek only repeats the story's opening words (an imported story's dek is its first
 * sentence, cut with «…»): the page then shows it once, in the body, while cards and the meta
 * description keep it.
 */
export function dekRepeatsOpening(dek: string, bodyHtml: string): boolean {
  const opening = dek.replace(/\s*(…|\.\.\.)\s*$/, '').replace(/\s+/g, ' ').trim()
  if (!opening) return false
  return htmlToText(bodyHtml.slice(0, opening.length * 4 + 200)).startsWith(opening)
}

/** At most `max` characters of `text`, cut at a word boundary with «…»: a meta description from a story's opening. */
export function openingWords(text: string, max = 160): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return (space > max / 2 ? cut.slice(0, space) : cut) + '…'
}
