/** Key/value facts about the search index (analyzer_version). */
export interface SearchStateTable {
  key: string
  value: string
}

/** Articles whose related list is to be (re)computed by the background worker or `nashra reindex`. */
export interface SearchRelatedPendingTable {
  article_id: number
}
