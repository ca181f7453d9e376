export interface ImportOriginTable {
  /** The exported site's address (`wp:base_site_url`). */
  source: string
  /** What it was there: `post:12`, `comment:40`, `attachment:7`. */
  key: string
  /** The article, comment or media row it became. */
  target_id: number
}
