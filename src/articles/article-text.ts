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

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
}

export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / ARABIC_WORDS_PER_MINUTE))
}
