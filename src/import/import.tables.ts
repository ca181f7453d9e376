export interface ImportOriginTable {
  /** The exported site's home (`wp:base_blog_url`). */
  source: string
  /** What it was there: `post:12`, `comment:40`, `attachment:7`. */
  key: string
  /** The article, comment or media row it became. */
  target_id: number
}
