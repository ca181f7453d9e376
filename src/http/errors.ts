// Errors the application means: thrown with a code, mapped to HTTP only in src/http/error-handler.ts.

export type ErrorCode =
  | 'not_found'
  | 'article_not_found'
  | 'article_not_published'
  | 'section_not_found'
  | 'tag_not_found'
  | 'person_not_found'
  | 'slug_taken'
  | 'slug_reserved'
  | 'section_in_use'
  | 'person_in_use'
  | 'tag_merge_same'
  | 'own_account'
  | 'bad_request'
  | 'invalid_parameter'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf'
  | 'rate_limited'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'headers_too_large'
  | 'request_timeout'
  | 'unsupported_media_type'
  | 'conflict'
  | 'field_required'
  | 'field_too_long'
  | 'invalid_url'
  | 'invalid_text'
  | 'comment_parent_invalid'
  | 'comments_closed'
  | 'comment_duplicate'
  | 'comment_rejected'
  | 'comment_too_fast'
  | 'comment_form_expired'
  | 'comment_not_found'
  | 'invalid_email'
  | 'invalid_role'
  | 'password_too_short'
  | 'account_exists'
  | 'account_not_found'
  | 'media_not_image'
  | 'media_too_large'
  | 'media_not_found'
  | 'legal_review_pending'
  | 'legal_not_pending'
  | 'invalid_transition'
  | 'autosave_not_draft'
  | 'publish_at_past'
  | 'image_alt_missing'
  | 'revision_not_found'
  | 'internal'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The request field at fault, when there is one. */
    readonly field?: string,
    message?: string,
  ) {
    super(message ?? code)
  }
}
export class NotFound extends AppError {}
export class Invalid extends AppError {}
export class Unauthorized extends AppError {}
export class Forbidden extends AppError {}
export class Conflict extends AppError {}
export class TooManyRequests extends AppError {
  constructor(readonly retryAfterSeconds: number, field?: string) {
    super('rate_limited', field)
  }
}
