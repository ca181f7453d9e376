import type { ArticleSummary, TagRef } from './article.js'

// The Surrogate-Key names (brief contract): a cache in front purges every answer naming one of them.
// docs/decisions/019 lists which keys a write purges.

export const sectionKey = (id: number) => `section-${id}`
export const tagKey = (id: number) => `tag-${id}`
export const authorKey = (id: number) => `author-${id}`

/** What an article's own page or JSON shows of it: the article, its section, tags and authors. */
export function articleKeys(article: ArticleSummary & { tags?: TagRef[] }): string[] {
  return [
    `article-${article.id}`,
    sectionKey(article.section.id),
    ...(article.tags ?? []).map((t) => tagKey(t.id)),
    ...article.authors.map((p) => authorKey(p.id)),
  ]
}

/** A list of stories (listing, feed, API page): each story it prints, by id. */
export const listedKeys = (articles: { id: number }[]) => articles.map((a) => `article-${a.id}`)
