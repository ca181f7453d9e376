import type { DeskArticle, EditorialArticle, WorkflowEvent } from '../articles/index.js'
import { NewsroomLayout, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'
import { DateTime, UpdatedCell, LegalBadge, Notices, PageLinks, StatusBadge, WorkflowHistory } from './desk-views.js'

export interface LegalQueueProps {
  staff: Staff
  csrf: string
  format: Formatter
  articles: DeskArticle[]
  total: number
  page: number
  pages: number
  notice?: string
}

/** /newsroom/legal: articles in review awaiting the legal reviewer, oldest question first to read. */
export function LegalQueuePage({ staff, csrf, format, articles, total, page, pages, notice }: LegalQueueProps) {
  return (
    <NewsroomLayout staff={staff} title="المراجعة القانونية" csrf={csrf} current="/newsroom/legal">
      <section class="nr-panel" aria-labelledby="legal-heading">
        <h1 id="legal-heading">المراجعة القانونية</h1>
        <Notices notice={notice} />
        <p class="nr-muted" safe>
          {total === 0 ? 'لا مقالات تنتظر رأيك الآن.' : `${format.number(total)} مقالة تنتظر رأيك.`}
        </p>
        {articles.length > 0 ? (
          <table class="nr-table nr-articles">
            <thead>
              <tr>
                <th scope="col">العنوان</th>
                <th scope="col">القسم</th>
                <th scope="col">آخر تعديل</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr>
                  <th scope="row" class="nr-cell-title">
                    <a href={`/newsroom/legal/${a.id}`} dir="auto" safe>
                      {a.title}
                    </a>
                  </th>
                  <td data-label="القسم" safe>
                    {a.section.name}
                  </td>
                  <UpdatedCell format={format} article={a} />
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          ''
        )}
        <PageLinks page={page} pages={pages} format={format} hrefOf={(n) => `/newsroom/legal?page=${n}`} />
      </section>
    </NewsroomLayout>
  )
}

export interface LegalReviewProps {
  staff: Staff
  csrf: string
  format: Formatter
  article: EditorialArticle
  sectionName: string
  authors: string[]
  events: WorkflowEvent[]
  /** The note as typed, kept when a decision is refused. */
  note?: string
  error?: { field?: string; message: string }
}

/** /newsroom/legal/:id: the article read-only, as readers would get it, with the decision form. */
export function LegalReviewPage({ staff, csrf, format, article, sectionName, authors, events, note, error }: LegalReviewProps) {
  const pending = article.status === 'review' && article.legal.status === 'pending'
  const noteError = error?.field === 'note'
  return (
    <NewsroomLayout staff={staff} title={`مراجعة قانونية: ${article.title}`} csrf={csrf} current="/newsroom/legal">
      <p class="nr-crumbs">
        <a href="/newsroom/legal">قائمة المراجعة القانونية</a>
      </p>
      <Notices error={error && !noteError ? error.message : undefined} />
      <div class="nr-review">
        <article class="nr-panel nr-review-article" aria-labelledby="review-title">
          <p class="nr-muted">
            <span safe>{sectionName}</span> · <StatusBadge status={article.status} /> <LegalBadge legal={article.legal} />
          </p>
          <h1 id="review-title" dir="auto" safe>
            {article.title}
          </h1>
          {article.summary ? (
            <p class="nr-dek" dir="auto" safe>
              {article.summary}
            </p>
          ) : (
            ''
          )}
          <p class="nr-muted">
            {authors.length > 0 ? <span safe>{authors.join('، ')}</span> : ''}
            {article.dateline ? <span safe>{` — ${article.dateline}`}</span> : ''}
          </p>
          {/* Sanitized against the allow-list when the newsroom saved it (articles/article-html.ts). */}
          <div class="nr-review-body">{article.bodyHtml as 'safe'}</div>
          {article.sources.length > 0 ? (
            <section aria-labelledby="sources-heading" class="nr-sources">
              <h2 id="sources-heading">المصادر</h2>
              <ul>
                {article.sources.map((s) =>
                  s.url ? (
                    <li>
                      <a href={s.url} rel="noopener noreferrer" safe>
                        {s.name}
                      </a>{' '}
                      <span class="nr-muted" dir="ltr" safe>
                        {s.url}
                      </span>
                    </li>
                  ) : (
                    <li safe>{s.name}</li>
                  ),
                )}
              </ul>
            </section>
          ) : (
            ''
          )}
        </article>
        <aside class="nr-review-side">
          <section class="nr-box" aria-labelledby="decision-heading">
            <h2 id="decision-heading">القرار</h2>
            {pending ? (
              <form method="post" action={`/newsroom/legal/${article.id}`} class="nr-form">
                <input type="hidden" name="_csrf" value={csrf} />
                <div class="nr-field">
                  <label for="legal-note">ملاحظة (مطلوبة عند إعادة المقالة)</label>
                  <textarea
                    id="legal-note"
                    name="note"
                    rows="6"
                    dir="auto"
                    maxlength="4000"
                    aria-invalid={noteError ? 'true' : undefined}
                    aria-describedby={noteError ? 'err-note' : undefined}
                    safe
                  >
                    {note ?? ''}
                  </textarea>
                  {noteError ? (
                    <p class="nr-field-error" id="err-note" safe>
                      {error?.message}
                    </p>
                  ) : (
                    ''
                  )}
                </div>
                <div class="nr-buttons">
                  <button type="submit" name="decision" value="approve" class="nr-primary">
                    الموافقة على النشر
                  </button>
                  <button type="submit" name="decision" value="return" class="nr-danger">
                    إعادتها إلى الكاتب مع الملاحظة
                  </button>
                </div>
              </form>
            ) : (
              <>
                <p>هذه المقالة لا تنتظر قراراً قانونياً الآن.</p>
                {note ? (
                  <>
                    <p>ملاحظتك التي لم تُحفظ:</p>
                    <p class="nr-legal-note" dir="auto" safe>
                      {note}
                    </p>
                  </>
                ) : (
                  ''
                )}
              </>
            )}
          </section>
          <section class="nr-box" aria-labelledby="legal-history-heading">
            <h2 id="legal-history-heading">سير العمل</h2>
            <WorkflowHistory events={events} format={format} />
          </section>
        </aside>
      </div>
    </NewsroomLayout>
  )
}
