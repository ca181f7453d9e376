import type {
  ArticleAuthorTable,
  ArticleCorrectionTable,
  ArticleEventTable,
  ArticleRevisionTable,
  ArticleRelatedTable,
  ArticleSourceTable,
  ArticleTable,
  ArticleTagTable,
  SectionTable,
  TagTable,
} from '../articles/articles.tables.js'
import type { ArticleViewTable } from '../articles/most-read.tables.js'
import type { CommentReportTable, CommentTable, CommentThrottleTable } from '../comments/comments.tables.js'
import type { MediaTable } from '../media/media.tables.js'
import type { LoginFailureTable, StaffSessionTable } from '../staff/newsroom.tables.js'
import type { AccountTable, ApiTokenTable } from '../staff/accounts.tables.js'
import type { PersonTable } from '../people/people.tables.js'
import type { SearchRelatedPendingTable, SearchStateTable } from '../search/search.tables.js'
import type { ArticleImportTable } from '../import/import.tables.js'
import type { SiteSettingTable } from './settings.js'
import type { RedirectTable } from '../http/redirects.tables.js'
import type { ImportOriginTable } from '../import/import.tables.js'

/** Every table, as Kysely sees it. A feature adds its tables here. */
export interface Database {
  site_setting: SiteSettingTable
  section: SectionTable
  tag: TagTable
  person: PersonTable
  media: MediaTable
  article: ArticleTable
  article_author: ArticleAuthorTable
  article_tag: ArticleTagTable
  article_source: ArticleSourceTable
  article_related: ArticleRelatedTable
  article_revision: ArticleRevisionTable
  article_correction: ArticleCorrectionTable
  article_event: ArticleEventTable
  article_view: ArticleViewTable
  account: AccountTable
  api_token: ApiTokenTable
  staff_session: StaffSessionTable
  login_failure: LoginFailureTable
  comment: CommentTable
  comment_report: CommentReportTable
  comment_throttle: CommentThrottleTable
  search_state: SearchStateTable
  search_related_pending: SearchRelatedPendingTable
  redirect: RedirectTable
  import_origin: ImportOriginTable
  article_import: ArticleImportTable
}
