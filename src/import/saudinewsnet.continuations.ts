import type { PreparedRecord } from './saudinewsnet.files.js'
import { type MappedArticle, withParagraphs } from './saudinewsnet.mapper.js'

// SPA sends a long story in parts: «… إضافة أولى», «… إضافة ثانية وأخيرة». Each part in the corpus
// is its own record, minutes apart, in the same day's file (all 22 that have their story do).

/**
 * A file's records with each continuation folded into the story it continues (same newspaper, same
 * headline once label and part number are gone): the story's record gets every part's paragraphs,
 * in part order; the continuation's record keeps only its URL and the story's (`mergedInto`).
 * A continuation whose story is not in the file stays a story of its own.
 */
export function attachContinuations(records: PreparedRecord[]): PreparedRecord[] {
  const stories = new Map<string, PreparedRecord>()
  for (const record of records) {
    const article = record.article
    if (article && article.continues === undefined) {
      const key = storyKey(article)
      if (!stories.has(key)) stories.set(key, record)
    }
  }
  const parts = new Map<PreparedRecord, MappedArticle[]>()
  const result = records.map((record): PreparedRecord => {
    const article = record.article
    if (!article || article.continues === undefined) return record
    const story = stories.get(storyKey(article))
    if (!story) return record
    const list = parts.get(story) ?? [story.article!]
    list.push(article)
    parts.set(story, list)
    return { url: record.url, skip: undefined, article: undefined, mergedInto: story.url }
  })
  for (const [story, list] of parts) story.article = merge(list)
  return result
}

function storyKey(article: MappedArticle): string {
  return `${article.section.slug}\n${article.story}`
}

/** The story's record with its parts' text, in part order, and their people, sources and tags. */
function merge(parts: MappedArticle[]): MappedArticle {
  const [story] = parts
  const ordered = [...parts].sort((a, b) => a.order - b.order)
  const union = (pick: (a: MappedArticle) => string[]) => [...new Set(ordered.flatMap(pick))]
  return {
    ...story,
    ...withParagraphs(ordered.flatMap((p) => p.paragraphs)),
    dateline: ordered.find((p) => p.dateline)?.dateline ?? '',
    people: union((p) => p.people),
    sources: union((p) => p.sources),
    tags: union((p) => p.tags),
  }
}
