// A dek (summary, meta description) from the story's opening sentence, when the corpus has none.

const MIN_LENGTH = 60
const MAX_LENGTH = 160 // what search engines show of a meta description
/** SPA's first line: «بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس». */
export const WIRE_DATELINE = /^(\S+(?:\s+\S+)?)\s+\d{1,2}\s+\S+\s+\d{4}\s*هـ\s+الموافق\s+\d{1,2}\s+\S+\s+\d{4}\s*م\s*\/?\s*واس$/
/** Sentence ends: a full stop after a word of two letters or more (not «د.»), or ! ? ؟ */
const SENTENCE_END = /(?<=[\p{L}\p{N}]{2}[)»"”]?)[.!?؟](?=\s|$)/gu

export function dekFrom(paragraphs: string[]): string {
  const lines = paragraphs.filter((p) => !WIRE_DATELINE.test(p))
  // A short first line with no sentence in it is a dateline or a kicker («عين اليوم – جدة»).
  while (lines.length > 1 && lines[0].split(' ').length <= 5 && !/[.!?؟]$/.test(lines[0])) lines.shift()
  const text = lines.join(' ')
  let end = -1
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match.index! + 1 >= MIN_LENGTH) {
      end = match.index! + 1
      break
    }
  }
  if (end !== -1 && end <= MAX_LENGTH) return text.slice(0, end)
  return cutAtWord(text, MAX_LENGTH)
}

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s،,:;؛-]+$/, '')}…`
}
