/** An original URL (byte for byte) → the article it was imported as, or the story it was folded into. */
export interface ArticleImportTable {
  source_url: string
  article_id: number
}
