/** Views of one article on one newsroom day ('YYYY-MM-DD' in NASHRA_TIMEZONE). */
export interface ArticleViewTable {
  day: string
  article_id: number
  views: number
}
