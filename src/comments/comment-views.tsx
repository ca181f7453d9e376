import type { Article } from '../articles/index.js'
import { AfterPaintScript, type Formatter, pluralize, type SiteChrome } from '../views/index.js'
import { COMMENT_COUNT_FORMS, commentAnchor, type CommentNode, type PublicComment } from './comment.js'
import { avatarHue, commentTextToHtml, initialsOf } from './comment-text.js'
import { REPORT_REASONS } from './moderation-reason.js'
import type { CommentField, FieldError } from './comments.service.js'

/** What the reader typed and what was wrong with it, when the form comes back. */
export interface FormState {
  values: { name: string; email: string; url: string; body: string; parentId: string; remember: boolean }
  errors: FieldError[]
  /** A message about the whole submission (flood, duplicate, closed…). */
  message?: string
}

export interface CommentsSectionProps {
  chrome: SiteChrome
  article: Pick<Article, 'id' | 'path' | 'title'>
  total: number
  threads: CommentNode[]
  page: number
  pages: number
  perPage: number
  maxDepth: number
  closed: boolean
  formToken: string
  bodyMax: number
  form?: FormState
  replyTo?: PublicComment
}

/** «تعليقان», «١١ تعليقاً»…: the count in its Arabic plural form. */
export function commentCountText(format: Formatter, n: number): string {
  return pluralize(format, n, COMMENT_COUNT_FORMS)
}

/** «انتظر ثانية واحدة / ثانيتين / ٣ ثوانٍ / ١١ ثانية»: the wait after a comment sent too soon. */
const WAIT_SECONDS_FORMS: Record<Intl.LDMLPluralRule, string> = {
  zero: 'لحظات',
  one: 'ثانية واحدة',
  two: 'ثانيتين',
  few: '{n} ثوانٍ',
  many: '{n} ثانية',
  other: '{n} ثانية',
}

export function tooSoonMessage(format: Formatter, seconds: number): string {
  return `أرسلت تعليقاً قبل لحظات. انتظر ${pluralize(format, seconds, WAIT_SECONDS_FORMS)} ثم أعد الإرسال؛ ما كتبته ما زال في النموذج.`
}

const LETTER_FORMS: Record<Intl.LDMLPluralRule, string> = {
  zero: '{n} حرف',
  one: 'حرف واحد',
  two: 'حرفان',
  few: '{n} أحرف',
  many: '{n} حرفاً',
  other: '{n} حرف',
}

const FIELD_LABELS: Record<CommentField, string> = { name: 'الاسم', email: 'البريد الإلكتروني', url: 'الموقع', body: 'التعليق', parentId: 'التعليق الأصلي' }
const REQUIRED_MESSAGES: Partial<Record<CommentField, string>> = { name: 'اكتب اسمك.', email: 'اكتب بريدك الإلكتروني.', body: 'اكتب تعليقك.' }

/** The Arabic sentence shown next to a field at fault. */
export function fieldErrorText(format: Formatter, error: FieldError): string {
  switch (error.code) {
    case 'field_required':
      return REQUIRED_MESSAGES[error.field] ?? 'هذا الحقل مطلوب.'
    case 'field_too_long':
      return `${FIELD_LABELS[error.field]} أطول من المسموح: الحد الأقصى ${pluralize(format, error.limit ?? 0, LETTER_FORMS)}.`
    case 'invalid_email':
      return 'عنوان البريد الإلكتروني غير صالح. مثال: name@example.com'
    case 'invalid_url':
      return 'عنوان الموقع غير صالح. مثال: https://example.com'
    case 'invalid_text':
      return 'النص يحتوي على ترميز غير صالح. أعد كتابته.'
    case 'comment_parent_invalid':
      return 'التعليق الذي تردّ عليه لم يعد متاحاً.'
    default:
      return 'قيمة غير صالحة.'
  }
}

export function CommentsSection(props: CommentsSectionProps) {
  const { chrome, article, total, threads, page, pages } = props
  return (
    <>
      <h2 id="comments-heading" data-count={total}>
        {'التعليقات '}
        <span id="comments-count" class="comment-count" safe>{`(${commentCountText(chrome.format, total)})`}</span>
      </h2>
      <p id="comment-held" class="comment-notice" tabindex="-1" role="status">
        تعليقك بانتظار المراجعة. سيظهر للقرّاء بعد أن يوافق عليه المشرفون.
      </p>
      <p id="report-sent" class="comment-notice" tabindex="-1" role="status">
        شكراً لك، وصل بلاغك إلى المشرفين.
      </p>
      <ol class="comment-list comment-mine" hidden></ol>
      {threads.length > 0 ? (
        <ol class="comment-list">
          {threads.map((node) => (
            <CommentItem chrome={chrome} node={node} level={1} articleId={article.id} maxDepth={props.maxDepth} closed={props.closed} />
          ))}
        </ol>
      ) : (
        ''
      )}
      <CommentPages chrome={chrome} article={article} page={page} pages={pages} />
      {props.closed ? <p class="comments-closed">التعليقات مغلقة على هذا الخبر.</p> : <CommentForm {...props} />}
      <AfterPaintScript file="comments.js" />
    </>
  )
}

function CommentItem({ chrome, node, level, articleId, maxDepth, closed }: { chrome: SiteChrome; node: CommentNode; level: number; articleId: number; maxDepth: number; closed: boolean }) {
  const c = node.comment
  return (
    <li class={`comment depth-${level}${c.isStaff ? ' comment-staff' : ''}`} id={commentAnchor(c.id)}>
      <CommentBody format={chrome.format} comment={c} />
      <div class="comment-actions">
        {!closed && level < maxDepth ? (
          <a class="comment-reply-link" href={`/comments/${articleId}/reply/${c.id}#respond`} data-reply-to={c.id} data-reply-name={c.name}>
            رد
            <span class="visually-hidden">
              {' على '}
              <bdi safe>{c.name}</bdi>
            </span>
          </a>
        ) : (
          ''
        )}
        <ReportForm id={c.id} />
      </div>
      {node.replies.length > 0 ? (
        <ol class="children">
          {node.replies.map((reply) => (
            <CommentItem chrome={chrome} node={reply} level={level + 1} articleId={articleId} maxDepth={maxDepth} closed={closed} />
          ))}
        </ol>
      ) : (
        ''
      )}
    </li>
  )
}

/** One comment's name, avatar, date and text; `<bdi>`/dir=auto keep its direction from leaking out. */
export function CommentBody({ format, comment: c }: { format: Formatter; comment: PublicComment }) {
  return (
    <article class="comment-body">
      <header class="comment-meta">
        <span class={`avatar avatar-c${avatarHue(c.name)}`} aria-hidden="true" safe>
          {initialsOf(c.name)}
        </span>
        <span class="comment-author">
          <bdi>{c.url ? <a href={c.url} rel="nofollow ugc noopener" safe>{c.name}</a> : <span safe>{c.name}</span>}</bdi>
          {c.isStaff ? <span class="staff-badge">فريق التحرير</span> : ''}
        </span>
        <a class="comment-permalink" href={`#${commentAnchor(c.id)}`}>
          <time datetime={c.createdAt.toISOString()} safe>
            {format.dateTime(c.createdAt)}
          </time>
        </a>
      </header>
      {/* Escaped plain text with links (comment-text.ts). */}
      <div class="comment-content" dir="auto">
        {commentTextToHtml(c.body) as 'safe'}
      </div>
    </article>
  )
}

function ReportForm({ id }: { id: number }) {
  return (
    <details class="comment-report">
      <summary>إبلاغ</summary>
      <form method="post" action={`/comments/report/${id}`} class="report-form">
        <label for={`report-reason-${id}`}>سبب الإبلاغ</label>
        <select id={`report-reason-${id}`} name="reason">
          {Object.entries(REPORT_REASONS).map(([value, label]) => (
            <option value={value}>
              {label}
            </option>
          ))}
        </select>
        <label for={`report-details-${id}`}>تفاصيل (اختياري)</label>
        <textarea id={`report-details-${id}`} name="details" rows="2" maxlength="1000"></textarea>
        <button type="submit">أرسل البلاغ</button>
      </form>
    </details>
  )
}

function CommentPages({ chrome, article, page, pages }: { chrome: SiteChrome; article: Pick<Article, 'id' | 'path'>; page: number; pages: number }) {
  if (pages <= 1) return ''
  const hrefOf = (n: number) => (n === 1 ? `${article.path}#comments` : `/comments/${article.id}?page=${n}#comments`)
  return (
    <nav class="pagination comment-pages" aria-label="صفحات التعليقات">
      <ul>
        {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
          <li>
            {n === page ? (
              <span aria-current="page" safe>{chrome.format.number(n)}</span>
            ) : (
              <a href={hrefOf(n)} aria-label={`صفحة التعليقات ${chrome.format.number(n)}`} safe>{chrome.format.number(n)}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Field({ id, label, error, required, children }: { id: string; label: string; error?: string; required?: boolean; children: JSX.Element }) {
  return (
    <p class={`comment-field${error ? ' has-error' : ''}`}>
      <label for={id}>
        <span safe>{label}</span>
        {required ? (
          <>
            {' '}
            <span class="required" aria-hidden="true">*</span>
          </>
        ) : (
          ''
        )}
      </label>
      {children}
      <span class="field-error" id={`${id}-error`} hidden={!error} safe>
        {error ?? ''}
      </span>
    </p>
  )
}

function CommentForm({ chrome, article, formToken, bodyMax, form, replyTo }: CommentsSectionProps) {
  const values = form?.values ?? { name: '', email: '', url: '', body: '', parentId: replyTo ? String(replyTo.id) : '', remember: false }
  const errorOf = (field: CommentField) => {
    const e = form?.errors.find((x) => x.field === field)
    return e ? fieldErrorText(chrome.format, e) : undefined
  }
  const described = (field: CommentField) => ({ 'aria-describedby': `comment-${field}-error`, 'aria-invalid': errorOf(field) ? 'true' : undefined })
  const summary = [form?.message, errorOf('parentId')].filter(Boolean) as string[]
  const hasErrors = (form?.errors.length ?? 0) > 0 || summary.length > 0
  return (
    <div class="comment-respond" id="respond">
      <h3 id="reply-title">
        {replyTo ? (
          <>
            {'الرد على '}
            <bdi safe>{replyTo.name}</bdi>
          </>
        ) : (
          'اترك تعليقاً'
        )}
        <a class="cancel-reply" href={`${article.path}#respond`} hidden={!replyTo}>
          إلغاء الرد
        </a>
      </h3>
      {replyTo ? (
        <blockquote class="reply-quote">
          <CommentBody format={chrome.format} comment={replyTo} />
        </blockquote>
      ) : (
        ''
      )}
      <form action={`/comments/${article.id}`} method="post" class="comment-form" id="comment-form" data-article-id={article.id} aria-labelledby="reply-title">
        <p class="comment-notes" id="email-notes">
          لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ <span class="required">*</span>
        </p>
        <div class="form-message" role="alert" hidden={!hasErrors}>
          {hasErrors ? <p>{summary.length > 0 ? summary.join(' ') : 'لم يُرسل التعليق. صحّح الحقول المشار إليها ثم أعد الإرسال.'}</p> : ''}
        </div>
        <Field id="comment-name" label="الاسم" required error={errorOf('name')}>
          <input id="comment-name" name="name" type="text" value={values.name} maxlength="100" autocomplete="name" required aria-required="true" {...described('name')} />
        </Field>
        <Field id="comment-email" label="البريد الإلكتروني" required error={errorOf('email')}>
          <input id="comment-email" name="email" type="email" dir="ltr" value={values.email} maxlength="254" autocomplete="email" required aria-required="true" {...described('email')} />
        </Field>
        <Field id="comment-url" label="الموقع" error={errorOf('url')}>
          <input id="comment-url" name="url" type="text" inputmode="url" dir="ltr" value={values.url} maxlength="2000" autocomplete="url" {...described('url')} />
        </Field>
        <Field id="comment-body" label="التعليق" required error={errorOf('body')}>
          <textarea id="comment-body" name="body" rows="6" maxlength={String(bodyMax)} required aria-required="true" dir="auto" {...described('body')} safe>
            {values.body}
          </textarea>
        </Field>
        <p class="comment-hp" aria-hidden="true">
          <label for="comment-homepage">اترك هذا الحقل فارغاً</label>
          <input id="comment-homepage" name="homepage" type="text" value="" tabindex="-1" autocomplete="off" />
        </p>
        <p class="comment-remember">
          <input id="comment-remember" name="remember" type="checkbox" value="1" checked={values.remember} />
          <label for="comment-remember">احفظ اسمي وبريدي الإلكتروني وموقعي في هذا المتصفح لاستخدامها في تعليقي القادم.</label>
        </p>
        <input type="hidden" name="parentId" id="comment-parent" value={values.parentId} />
        <input type="hidden" name="ts" value={formToken} />
        <p class="form-submit">
          <button type="submit">أرسل التعليق</button>
        </p>
        <p class="comment-status" role="status" aria-live="polite"></p>
      </form>
    </div>
  )
}
