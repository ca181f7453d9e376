export interface ImportOriginTable {
  /** The exported site's home (`wp:base_blog_url`). */
  source: string
  /** What it was there: `post:12`, `comment:40`, `attachment:7`. */
  key: string
  /** The article, comment or media row it became. */
  target_id: number
}

/** An original URL (byte for byte) → the article it was imported as, or the story it was folded into. */
export interface ArticleImportTable {
  source_url: string
  article_id: number
}
