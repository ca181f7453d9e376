import type { ArticleStatus, DiffPart, EditorialArticle, WorkflowEvent } from '../articles/index.js'
import type { Formatter } from '../views/index.js'

// Pieces every desk page shows the same way: statuses, legal states, badges, word diffs, the
// workflow history and page links.

type LegalStatus = EditorialArticle['legal']['status']

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'مسودة',
  review: 'قيد المراجعة',
  scheduled: 'مجدولة',
  published: 'منشورة',
  unpublished: 'أُلغي نشرها',
}

const LEGAL_LABELS: Record<Exclude<LegalStatus, ''>, string> = {
  pending: 'بانتظار المستشار القانوني',
  approved: 'وافق المستشار القانوني',
  returned: 'أعادها المستشار القانوني',
}

/** The legal state in words; empty when no review is required nor was ever asked. */
export function legalText(legal: { required: boolean; status: LegalStatus }): string {
  if (legal.status) return LEGAL_LABELS[legal.status]
  return legal.required ? 'تتطلب مراجعة قانونية' : ''
}

export function StatusBadge({ status }: { status: ArticleStatus }) {
  return (
    <span class={`nr-status nr-status-${status}`} safe>
      {STATUS_LABELS[status]}
    </span>
  )
}

export function LegalBadge({ legal }: { legal: { required: boolean; status: LegalStatus } }) {
  const text = legalText(legal)
  if (!text) return ''
  return (
    <span class={`nr-legal nr-legal-${legal.status || 'required'}`} safe>
      {text}
    </span>
  )
}

/** Urgent and home page placement, as small labels. */
export function PlacementBadges({ urgent, placement }: { urgent: boolean; placement: EditorialArticle['placement'] }) {
  return (
    <>
      {urgent ? <span class="nr-flag nr-flag-urgent">عاجل</span> : ''}
      {placement === 'lead' ? <span class="nr-flag">الخبر الرئيسي</span> : ''}
      {placement === 'top' ? <span class="nr-flag">من أبرز الأخبار</span> : ''}
    </>
  )
}

export function DateTime({ format, date }: { format: Formatter; date: Date }) {
  return (
    <time datetime={date.toISOString()} safe>
      {format.dateTime(date)}
    </time>
  )
}

/** Who changed an article last, and when (a table cell of the desk's lists). */
export function UpdatedCell({ format, article }: { format: Formatter; article: { updatedByName: string | null; updatedAt: Date } }) {
  return (
    <td data-label="آخر تعديل">
      <span safe>{article.updatedByName ?? ''}</span> <DateTime format={format} date={article.updatedAt} />
    </td>
  )
}

/** A word diff: removed words struck through, added ones marked; the text's own direction. */
export function WordDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <div class="nr-diff" dir="auto">
      {parts.map((p) =>
        p.kind === 'added' ? (
          <ins safe>{p.text}</ins>
        ) : p.kind === 'removed' ? (
          <del safe>{p.text}</del>
        ) : (
          <span safe>{p.text}</span>
        ),
      )}
    </div>
  )
}

export function DiffLegend() {
  return (
    <p class="nr-diff-legend">
      <del>المحذوف مشطوب</del> و<ins>المضاف مظلَّل</ins>.
    </p>
  )
}

const EVENT_LABELS = new Map<string, string>([
  ['created', 'أُنشئت'],
  ['submitted', 'أُرسلت للمراجعة'],
  ['withdrawn', 'سُحبت إلى المسودات'],
  ['legal_approved', 'وافق المستشار القانوني'],
  ['legal_returned', 'أعادها المستشار القانوني'],
  ['scheduled', 'جُدولت'],
  ['unscheduled', 'أُلغيت جدولتها'],
  ['published', 'نُشرت'],
  ['unpublished', 'أُلغي نشرها'],
  ['restored', 'استُعيدت نسخة سابقة'],
  ['corrected', 'أُضيف تصحيح'],
])

/** The event's note in words: a schedule's time, the scheduler, a lawyer's note. */
function eventNote(event: WorkflowEvent, format: Formatter): string {
  if (event.kind === 'scheduled' && !Number.isNaN(Date.parse(event.note))) return `موعد النشر: ${format.dateTime(new Date(event.note))}`
  if (event.kind === 'published' && event.note === 'scheduled') return 'في موعدها المجدول'
  if (event.kind === 'restored') return ''
  return event.note
}

export function WorkflowHistory({ events, format }: { events: WorkflowEvent[]; format: Formatter }) {
  if (events.length === 0) return <p class="nr-muted">لا خطوات بعد.</p>
  return (
    <ol class="nr-history">
      {events.map((e) => {
        const note = eventNote(e, format)
        return (
          <li>
            <strong safe>{EVENT_LABELS.get(e.kind) ?? e.kind}</strong>
            {' — '}
            <span safe>{e.user?.name ?? 'النظام'}</span>، <DateTime format={format} date={e.createdAt} />
            {note ? (
              <p class="nr-history-note" dir="auto" safe>
                {note}
              </p>
            ) : (
              ''
            )}
          </li>
        )
      })}
    </ol>
  )
}

/** Page links: previous, «page n of m», next; nothing when there is one page. */
export function PageLinks({ page, pages, hrefOf, format }: { page: number; pages: number; hrefOf: (n: number) => string; format: Formatter }) {
  if (pages <= 1) return ''
  return (
    <nav class="nr-pages" aria-label="الصفحات">
      {page > 1 ? (
        <a href={hrefOf(page - 1)} rel="prev">
          السابق
        </a>
      ) : (
        ''
      )}
      <span safe>{`الصفحة ${format.number(page)} من ${format.number(pages)}`}</span>
      {page < pages ? (
        <a href={hrefOf(page + 1)} rel="next">
          التالي
        </a>
      ) : (
        ''
      )}
    </nav>
  )
}

/** A confirmation after a redirect (`?done=`), or a refusal, at the top of a page. */
export function Notices({ notice, error }: { notice?: string; error?: string }) {
  return (
    <>
      {notice ? (
        <p class="nr-notice" role="status" safe>
          {notice}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="nr-error" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
    </>
  )
}
