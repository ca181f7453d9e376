// The comments feature's front door.
export type { CommentStatus, ModeratedComment, PublicComment } from './comment.js'
export { COMMENT_COUNT_FORMS } from './comment.js'
export { commentCountText } from './comment-views.js'
export { DEFAULT_COMMENT_SETTINGS, getCommentSettings, saveCommentSettings, type CommentSettings } from './comment-settings.js'
export { renderCommentsSection } from './comments-section.js'
export {
  countApprovedComments,
  countCommentsByStatus,
  listApprovedComments,
  listForModeration,
  moderateComment,
  replyAsStaff,
  submitComment,
} from './comments.service.js'
export { commentRoutes, commentApiRoutes } from './comments.routes.js'
export { commentAdminRoutes } from './comments.admin.js'
export { commentModerationRoutes } from './comments.newsroom.js'
