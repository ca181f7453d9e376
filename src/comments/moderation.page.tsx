import { NewsroomLayout, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'
import type { ModeratedComment } from './comment.js'
import { commentTextToHtml } from './comment-text.js'
import { isReportReason, parseReport, parseStatusReason, REPORT_REASONS } from './moderation-reason.js'

export type QueueView = 'pending' | 'approved' | 'spam' | 'trash' | 'reported'

export const QUEUE_LABELS: Record<QueueView, string> = {
  pending: 'بانتظار المراجعة',
  reported: 'مُبلَّغ عنها',
  approved: 'منشورة',
  spam: 'مزعجة',
  trash: 'المهملات',
}

const ACTION_LABELS = { approve: 'موافقة', spam: 'مزعج', trash: 'إلى المهملات', restore: 'استعادة' } as const
type Action = keyof typeof ACTION_LABELS

/** Which actions make sense for a comment in a given status. */
function actionsFor(c: ModeratedComment): Action[] {
  if (c.status === 'spam' || c.status === 'trash') return ['restore', 'trash', 'approve'].filter((a) => a !== c.status) as Action[]
  // Approving a reported comment keeps it and closes its reports.
  if (c.status === 'approved') return c.reportCount > 0 ? ['approve', 'spam', 'trash'] : ['spam', 'trash']
  return ['approve', 'spam', 'trash']
}

// Own-property lookups only (a Map): stored reasons can hold any text, `constructor` included.
const STATUS_REASONS = new Map<string, (param: string) => string>([
  ['first_comment', () => 'أول تعليق لهذا المعلّق'],
  ['known_commenter', () => 'معلّق سبقت الموافقة على تعليقه'],
  ['staff_reply', () => 'رد فريق التحرير'],
  ['approved_with_staff_reply', () => 'وُوفق عليه مع رد فريق التحرير'],
  ['demo', () => 'محتوى تجريبي'],
  ['links', (n) => `فيه ${n} روابط`],
  ['reports', (n) => `أعادته البلاغات إلى المراجعة (${n})`],
  ['word_list', (word) => `فيه عبارة من قائمة المراجعة: «${word}»`],
  ['note', (words) => words],
  ['approve', () => 'موافقة المشرف'],
  ['spam', () => 'عُدّ مزعجاً'],
  ['trash', () => 'نُقل إلى المهملات'],
  ['restore', () => 'استُعيد'],
  ['pending', () => 'أُعيد إلى المراجعة'],
])

/** Why a comment is where it is, in Arabic; a reason we do not know (a moderator's words from before codes) is shown as stored. */
export function reasonText(stored: string): string {
  const { code, param } = parseStatusReason(stored)
  return STATUS_REASONS.get(code)?.(param) ?? stored
}

/** A reader's report: its reason in Arabic, then their own words; an unknown stored reason is shown beside «سبب آخر». */
export function reportText(stored: string): string {
  const { reason, details } = parseReport(stored)
  const label = isReportReason(reason) ? REPORT_REASONS[reason] : `${REPORT_REASONS.other} (${reason})`
  return details ? `${label}: ${details}` : label
}

export interface ModerationPageProps {
  staff: Staff
  csrf: string
  format: Formatter
  view: QueueView
  comments: ModeratedComment[]
  counts: Record<QueueView, number>
  page: number
  pages: number
  notice?: string
  error?: string
}

export function ModerationPage({ staff, csrf, format, view, comments, counts, page, pages, notice, error }: ModerationPageProps) {
  const back = `/newsroom/comments?status=${view}${page > 1 ? `&page=${page}` : ''}`
  return (
    <NewsroomLayout staff={staff} title="التعليقات" csrf={csrf} current="/newsroom/comments">
      <section class="nr-panel" aria-labelledby="moderation-heading">
        <h1 id="moderation-heading">التعليقات</h1>
        <p>
          <a href="/newsroom/comments/settings">إعدادات التعليقات وقواعد المراجعة</a>
        </p>
        <nav aria-label="حالات التعليقات">
          <ul class="nr-tabs">
            {(Object.keys(QUEUE_LABELS) as QueueView[]).map((v) => (
              <li>
                <a href={`/newsroom/comments?status=${v}`} aria-current={v === view ? 'page' : undefined}>
                  <span safe>{QUEUE_LABELS[v]}</span> <span class="nr-count" safe>{`(${format.number(counts[v])})`}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {notice ? <p class="nr-notice" role="status" safe>{notice}</p> : ''}
        {error ? <p class="nr-error" role="alert" safe>{error}</p> : ''}
        {comments.length === 0 ? (
          <p>لا تعليقات هنا.</p>
        ) : (
          <form method="post" action="/newsroom/comments/bulk" class="nr-form nr-bulk" id="bulk-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="back" value={back} />
            <p class="nr-bulk-bar">
              <label for="bulk-action">إجراء جماعي على المحدد</label>{' '}
              <select id="bulk-action" name="action">
                {(Object.keys(ACTION_LABELS) as Action[]).map((a) => (
                  <option value={a}>
                    {ACTION_LABELS[a]}
                  </option>
                ))}
              </select>{' '}
              <label for="bulk-reason">السبب (اختياري)</label> <input id="bulk-reason" name="reason" type="text" maxlength="500" />{' '}
              <button type="submit">تنفيذ</button>
            </p>
            <table class="nr-table nr-comments">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">تحديد</span>
                  </th>
                  <th scope="col">المعلّق</th>
                  <th scope="col">التعليق</th>
                </tr>
              </thead>
              <tbody>
                {comments.map((c) => (
                  <CommentRow c={c} format={format} />
                ))}
              </tbody>
            </table>
          </form>
        )}
        {comments.map((c) => (
          <ActionForms c={c} csrf={csrf} back={back} />
        ))}
        {pages > 1 ? (
          <nav aria-label="صفحات القائمة">
            <ul class="nr-tabs">
              {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
                <li>
                  <a href={`/newsroom/comments?status=${view}&page=${n}`} aria-current={n === page ? 'page' : undefined} safe>
                    {format.number(n)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          ''
        )}
      </section>
    </NewsroomLayout>
  )
}

function CommentRow({ c, format }: { c: ModeratedComment; format: Formatter }) {
  return (
    <tr id={`c-${c.id}`} data-status={c.status}>
      <td>
        <input type="checkbox" name="ids" value={String(c.id)} id={`pick-${c.id}`} aria-label={`تحديد تعليق ${c.name}`} />
      </td>
      <td class="nr-commenter">
        <strong>
          <bdi safe>{c.name}</bdi>
        </strong>
        {c.isStaff ? <span class="nr-badge"> فريق التحرير</span> : ''}
        <br />
        <bdi dir="ltr" safe>{c.email}</bdi>
        {c.url ? (
          <>
            <br />
            <a href={c.url} rel="nofollow noopener noreferrer" dir="ltr" safe>{c.url}</a>
          </>
        ) : (
          ''
        )}
        {c.ip ? (
          <>
            <br />
            <small dir="ltr" safe>{c.ip}</small>
          </>
        ) : (
          ''
        )}
      </td>
      <td>
        <p class="nr-meta">
          {'على '}
          <a href={c.articlePath} safe>{c.articleTitle}</a>
          {' · '}
          <time datetime={c.createdAt.toISOString()} safe>{format.dateTime(c.createdAt)}</time>
          {c.parentId ? <span safe>{` · ردّ على التعليق ${c.parentId}`}</span> : ''}
        </p>
        {/* Escaped plain text with links (comment-text.ts). */}
        <div class="nr-comment-body" dir="auto">
          {commentTextToHtml(c.body) as 'safe'}
        </div>
        {c.statusReason ? <p class="nr-meta" safe>{`السبب: ${reasonText(c.statusReason)}`}</p> : ''}
        {c.reports.length > 0 ? (
          <div class="nr-reports">
            <strong safe>{`بلاغات القرّاء (${format.number(c.reports.length)})`}</strong>
            <ul>
              {c.reports.map((r) => (
                <li>
                  <span safe>{reportText(r.reason)}</span> — <time datetime={r.createdAt.toISOString()} safe>{format.dateTime(r.createdAt)}</time>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        <p class="nr-row-actions">
          {actionsFor(c).map((a) => (
            <>
              <button type="submit" form={`act-${c.id}-${a}`}>
                {ACTION_LABELS[a]}
              </button>{' '}
            </>
          ))}
          <a href={`/newsroom/comments/${c.id}/edit`}>تعديل أو رد</a>
        </p>
      </td>
    </tr>
  )
}

/** One small form per action, outside the bulk form (forms cannot nest); buttons point at them with form=. */
function ActionForms({ c, csrf, back }: { c: ModeratedComment; csrf: string; back: string }) {
  return (
    <>
      {actionsFor(c).map((a) => (
        <form method="post" action={`/newsroom/comments/${c.id}/${a}`} id={`act-${c.id}-${a}`} hidden>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="back" value={back} />
        </form>
      ))}
    </>
  )
}

export function EditCommentPage({ staff, csrf, c, values, error }: { staff: Staff; csrf: string; c: ModeratedComment; values?: { name: string; email: string; url: string; body: string }; error?: string }) {
  const v = values ?? { name: c.name, email: c.email, url: c.url, body: c.body }
  return (
    <NewsroomLayout staff={staff} title="تعديل تعليق" csrf={csrf} current="/newsroom/comments">
      <section class="nr-panel" aria-labelledby="edit-heading">
        <h1 id="edit-heading">تعديل تعليق</h1>
        <p>
          {'على '}
          <a href={c.articlePath} safe>{c.articleTitle}</a>
        </p>
        {error ? <p class="nr-error" role="alert" safe>{error}</p> : ''}
        <form method="post" action={`/newsroom/comments/${c.id}/edit`} class="nr-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <p class="nr-field">
            <label for="edit-name">الاسم</label>
            <input id="edit-name" name="name" value={v.name} required maxlength="100" />
          </p>
          <p class="nr-field">
            <label for="edit-email">البريد الإلكتروني</label>
            <input id="edit-email" name="email" type="email" dir="ltr" value={v.email} required maxlength="254" />
          </p>
          <p class="nr-field">
            <label for="edit-url">الموقع</label>
            <input id="edit-url" name="url" dir="ltr" value={v.url} maxlength="2000" />
          </p>
          <p class="nr-field">
            <label for="edit-body">التعليق</label>
            <textarea id="edit-body" name="body" rows="8" required dir="auto" safe>
              {v.body}
            </textarea>
          </p>
          <p>
            <button type="submit">حفظ</button> <a href="/newsroom/comments">إلغاء</a>
          </p>
        </form>
        {c.status === 'approved' || c.status === 'pending' ? (
          <form method="post" action={`/newsroom/comments/${c.id}/reply`} class="nr-form" aria-labelledby="reply-heading">
            <h2 id="reply-heading">ردّ باسم فريق التحرير</h2>
            <input type="hidden" name="_csrf" value={csrf} />
            <p class="nr-field">
              <label for="reply-body">نص الرد</label>
              <textarea id="reply-body" name="body" rows="4" required dir="auto"></textarea>
            </p>
            <p>
              <button type="submit">انشر الرد</button>
            </p>
          </form>
        ) : (
          ''
        )}
      </section>
    </NewsroomLayout>
  )
}
