export type { Article, ArticleStatus, ArticleSummary, AuthorRef, Image, Section, SectionRef, Source, TagRef } from './article.js'
export { articlePath, authorPath, sectionPath, tagPath } from './article.js'
export { paragraphsToHtml, sanitizeArticleHtml } from './article-html.js'
export { countWords, htmlToText, readingMinutes, slugify } from './article-text.js'
export { ArticlePage } from './article.page.js'
export { renderArticleBody } from './article-body.js'
export { correctionRoutes } from './corrections.routes.js'
export {
  addCorrection,
  CORRECTION_MAX_CHARS,
  latestCorrectionAt,
  listAllCorrections,
  listCorrectionsOf,
  type Correction,
  type CorrectionInput,
  type CorrectionKind,
  type CorrectionOfArticle,
} from './corrections.service.js'
export { EMBED_HOSTS, embedUrlOf } from './embeds.js'
export { PREVIEW_TOKEN, previewArticlePath } from './preview.js'
export { previewRoutes } from './preview.routes.js'
export { articleApiRoutes } from './api.routes.js'
export { articleRoutes, PER_PAGE } from './articles.routes.js'
export {
  countArticles,
  countPublishedArticles,
  createArticle,
  ensureSection,
  ensureTag,
  findArticleIdBySourceUrl,
  getArticle,
  getArticleByPreviewToken,
  getPublishedArticle,
  getRelatedArticles,
  getSummariesByIds,
  getTagsOf,
  listPublishedArticles,
  listSectionNewest,
  listTagNewest,
  newestFromDb,
  type NewestLists,
  listSections,
  findSectionId,
  replaceBodyLinks,
  rowFromInput as articleRowFrom,
  setArticleStatus,
  updateArticle,
  type ArticleInput,
} from './articles.service.js'
export { ListingPage } from './listing.page.js'
export { articleKeys, authorKey, listedKeys, sectionKey, tagKey } from './surrogate-keys.js'
export type { ListFilter } from './articles.queries.js'
export {
  createSection,
  createTag,
  deleteSection,
  deleteTag,
  getSectionEntry,
  getTagEntry,
  listHomeSections,
  listSectionEntries,
  listTagEntries,
  mergeTag,
  moveSection,
  renameTag,
  slugFrom,
  updateSection,
  type SectionEntry,
  type SectionInput,
  type TagEntry,
  type TagInput,
} from './taxonomy.service.js'
export { articleBulkWriter, listenToArticleWrites, type ArticleBulkWriter, type ArticleWriteListener, type ArticleWritten, type BulkArticle } from './article-writes.js'
export { isVisibleToReaders, VISIBLE_STATUS, visibleToReaders, visibleToReadersSql } from './visibility.js'
export type { Actor, EditableFields, EditorialArticle, RevisionSummary, WorkflowEvent } from './editorial.js'
export { DESK_STATUSES, EDITABLE_FIELD_NAMES } from './editorial.js'
export {
  changeStatus,
  compareRevisions,
  countDeskArticles,
  createDraft,
  decideLegalReview,
  getEditorialArticle,
  listDeskArticles,
  listRevisions,
  listWorkflowEvents,
  previewTokenOf,
  publishScheduledArticles,
  restoreRevision,
  saveArticle,
  StaleVersion,
  MAX_BODY_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  type DeskArticle,
  type DeskFilter,
  type FieldsInput,
  type NewArticleFields,
  type Transition,
} from './editorial.service.js'
export { bodyAsText, wordDiff, type DiffPart, type FieldChange } from './revisions.js'
export { renderShareCard } from './share-card.js'
export { shareCardPath } from './share-card-path.js'
export { shareCardRoutes } from './share-card.routes.js'
export { MostReadBlock } from './most-read-block.js'
export { mostReadApiRoutes } from './most-read.routes.js'
export { MostRead, type MostReadLists } from './most-read.service.js'
export { ViewCounter } from './view-counter.js'
