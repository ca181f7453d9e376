import type { DiffPart, EditorialArticle, RevisionSummary } from '../articles/index.js'
import { NewsroomLayout, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'
import { DateTime, DiffLegend, Notices, StatusBadge, WordDiff } from './desk-views.js'

export const KIND_LABELS: Record<RevisionSummary['kind'], string> = {
  save: 'حفظ',
  autosave: 'حفظ تلقائي',
  restore: 'استعادة',
}

/** One field that differs between two revisions, as words. */
export interface FieldDiff {
  label: string
  parts: DiffPart[]
}

export interface Comparison {
  from: RevisionSummary
  to: RevisionSummary
  changes: FieldDiff[]
}

function revisionName(r: RevisionSummary, format: Formatter): string {
  return `النسخة ${format.number(r.version)} — ${KIND_LABELS[r.kind]}، ${r.user?.name ?? 'النظام'}، ${format.dateTime(r.createdAt)}`
}

function Changes({ changes }: { changes: FieldDiff[] }) {
  if (changes.length === 0) return <p>لا فرق بين النسختين.</p>
  return (
    <>
      <DiffLegend />
      {changes.map((c) => (
        <section class="nr-diff-field">
          <h3 safe>{c.label}</h3>
          <WordDiff parts={c.parts} />
        </section>
      ))}
    </>
  )
}

function ArticleLinks({ article }: { article: EditorialArticle }) {
  return (
    <p class="nr-crumbs">
      <a href="/newsroom/articles">المقالات</a> · <a href={`/newsroom/articles/${article.id}/edit`}>تحرير المقالة</a> ·{' '}
      <a href={`/newsroom/articles/${article.id}/revisions`}>سجل النسخ</a>
    </p>
  )
}

export interface RevisionsPageProps {
  staff: Staff
  csrf: string
  format: Formatter
  article: EditorialArticle
  revisions: RevisionSummary[]
  comparison?: Comparison
  /** Whether this person may restore (edit) the article. */
  canRestore: boolean
}

/** /newsroom/articles/:id/revisions: every saved version, two compared word by word, restore. */
export function RevisionsPage({ staff, csrf, format, article, revisions, comparison, canRestore }: RevisionsPageProps) {
  const base = `/newsroom/articles/${article.id}/revisions`
  return (
    <NewsroomLayout staff={staff} title={`سجل النسخ: ${article.title}`} csrf={csrf} current="/newsroom/articles">
      <section class="nr-panel" aria-labelledby="revisions-heading">
        <ArticleLinks article={article} />
        <h1 id="revisions-heading">
          سجل النسخ: <span dir="auto" safe>{article.title}</span> <StatusBadge status={article.status} />
        </h1>
        {comparison ? (
          <section aria-labelledby="compare-heading" class="nr-compare">
            <h2 id="compare-heading">المقارنة</h2>
            <form method="get" action={base} class="nr-compare-form">
              <div class="nr-field">
                <label for="compare-from">من</label>
                <select id="compare-from" name="from">
                  {revisions.map((r) => (
                    <option value={String(r.id)} selected={r.id === comparison.from.id} safe>
                      {revisionName(r, format)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="nr-field">
                <label for="compare-to">إلى</label>
                <select id="compare-to" name="to">
                  {revisions.map((r) => (
                    <option value={String(r.id)} selected={r.id === comparison.to.id} safe>
                      {revisionName(r, format)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">قارن</button>
            </form>
            <p class="nr-muted" safe>
              {`من ${revisionName(comparison.from, format)} إلى ${revisionName(comparison.to, format)}`}
            </p>
            <Changes changes={comparison.changes} />
          </section>
        ) : (
          <p class="nr-muted">للمقالة نسخة واحدة حتى الآن؛ تظهر المقارنة بعد الحفظ التالي.</p>
        )}
        <h2>كل النسخ</h2>
        <table class="nr-table nr-revisions">
          <thead>
            <tr>
              <th scope="col">النسخة</th>
              <th scope="col">النوع</th>
              <th scope="col">بواسطة</th>
              <th scope="col">الوقت</th>
              <th scope="col">
                <span class="visually-hidden">إجراءات</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r, i) => {
              const previous = revisions[i + 1]
              return (
                <tr>
                  <th scope="row" safe>
                    {format.number(r.version)}
                  </th>
                  <td data-label="النوع" safe>
                    {KIND_LABELS[r.kind]}
                  </td>
                  <td data-label="بواسطة" safe>
                    {r.user?.name ?? 'النظام'}
                  </td>
                  <td data-label="الوقت">
                    <DateTime format={format} date={r.createdAt} />
                  </td>
                  <td class="nr-row-actions">
                    {previous ? <a href={`${base}?from=${previous.id}&to=${r.id}`}>قارن بالسابقة</a> : ''}
                    {canRestore && i > 0 ? <a href={`${base}/${r.id}/restore`}>استعادة…</a> : ''}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>
    </NewsroomLayout>
  )
}

export interface RestorePageProps {
  staff: Staff
  csrf: string
  format: Formatter
  article: EditorialArticle
  revision: RevisionSummary
  /** From the article as it is now to the revision. */
  changes: FieldDiff[]
  error?: string
}

/** /newsroom/articles/:id/revisions/:rev/restore: what restoring changes, and the button that does it. */
export function RestorePage({ staff, csrf, format, article, revision, changes, error }: RestorePageProps) {
  return (
    <NewsroomLayout staff={staff} title="استعادة نسخة" csrf={csrf} current="/newsroom/articles">
      <section class="nr-panel" aria-labelledby="restore-heading">
        <ArticleLinks article={article} />
        <h1 id="restore-heading">استعادة نسخة سابقة</h1>
        <Notices error={error} />
        <p>
          ستعود «<span dir="auto" safe>{article.title}</span>» إلى <span safe>{revisionName(revision, format)}</span>. تُحفظ الاستعادة نسخةً جديدة، ويبقى النص الحالي في سجل النسخ.
        </p>
        <h2>ما الذي سيتغير</h2>
        <Changes changes={changes} />
        <form method="post" action={`/newsroom/articles/${article.id}/revisions/${revision.id}/restore`} class="nr-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="version" value={String(article.version)} />
          <p class="nr-buttons">
            <button type="submit" class="nr-primary">
              نعم، استعد هذه النسخة
            </button>
            <a href={`/newsroom/articles/${article.id}/revisions`}>إلغاء</a>
          </p>
        </form>
        <p class="nr-muted">
          آخر حفظ للمقالة: <DateTime format={format} date={article.updatedAt} />
        </p>
      </section>
    </NewsroomLayout>
  )
}
