import { DESK_STATUSES, type ArticleStatus, type DeskArticle } from '../articles/index.js'
import { NewsroomLayout, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'
import { DateTime, UpdatedCell, LegalBadge, Notices, PageLinks, PlacementBadges, StatusBadge, STATUS_LABELS } from './desk-views.js'

export interface ArticleListProps {
  staff: Staff
  csrf: string
  format: Formatter
  articles: DeskArticle[]
  /** Articles per status (a writer: their own), for the tabs. */
  counts: Partial<Record<ArticleStatus, number>>
  status?: ArticleStatus
  q: string
  page: number
  pages: number
  total: number
  /** Whether this list is the person's own articles only (a writer). */
  ownOnly: boolean
  notice?: string
}

/** `/newsroom/articles` with the filters kept, for tabs and page links. */
export function listHref(filter: { status?: string; q?: string; page?: number }): string {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.q) params.set('q', filter.q)
  if (filter.page && filter.page > 1) params.set('page', String(filter.page))
  const query = params.toString()
  return `/newsroom/articles${query ? `?${query}` : ''}`
}

/** /newsroom/articles: the desk's table of articles, filtered by status and headline, a page at a time. */
export function ArticleListPage(props: ArticleListProps) {
  const { staff, csrf, format, articles, counts, status, q, page, pages } = props
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)
  return (
    <NewsroomLayout staff={staff} title="المقالات" csrf={csrf} current="/newsroom/articles">
      <section class="nr-panel" aria-labelledby="list-heading">
        <div class="nr-page-head nr-page-head-row">
          <h1 id="list-heading">{props.ownOnly ? 'مقالاتي' : 'المقالات'}</h1>
          <a class="nr-button" href="/newsroom/articles/new">
            مقالة جديدة
          </a>
        </div>
        <Notices notice={props.notice} />
        <ul class="nr-tabs" aria-label="الحالة">
          <li>
            <a href={listHref({ q })} aria-current={status ? undefined : 'page'} safe>
              {`الكل (${format.number(all)})`}
            </a>
          </li>
          {DESK_STATUSES.map((s) => (
            <li>
              <a href={listHref({ status: s, q })} aria-current={status === s ? 'page' : undefined} safe>
                {`${STATUS_LABELS[s]} (${format.number(counts[s] ?? 0)})`}
              </a>
            </li>
          ))}
        </ul>
        <form method="get" action="/newsroom/articles" class="nr-search" role="search">
          {status ? <input type="hidden" name="status" value={status} /> : ''}
          <label for="list-q">بحث في العناوين</label>
          <input id="list-q" name="q" type="search" dir="auto" value={q} maxlength="200" />
          <button type="submit">بحث</button>
          {q ? <a href={listHref({ status })}>إلغاء البحث</a> : ''}
        </form>
        <p class="nr-muted" role="status" safe>
          {q ? `${format.number(props.total)} نتيجة للبحث عن «${q}»` : `${format.number(props.total)} مقالة`}
        </p>
        {articles.length === 0 ? (
          <p>لا مقالات هنا.</p>
        ) : (
          <table class="nr-table nr-articles">
            <thead>
              <tr>
                <th scope="col">العنوان</th>
                <th scope="col">القسم</th>
                <th scope="col">الحالة</th>
                <th scope="col">آخر تعديل</th>
                <th scope="col">موعد النشر</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr>
                  <th scope="row" class="nr-cell-title">
                    <a href={`/newsroom/articles/${a.id}/edit`} dir="auto" safe>
                      {a.title}
                    </a>
                    {a.urgent || a.placement ? (
                      <span class="nr-flags">
                        <PlacementBadges urgent={a.urgent} placement={a.placement} />
                      </span>
                    ) : (
                      ''
                    )}
                  </th>
                  <td data-label="القسم" safe>
                    {a.section.name}
                  </td>
                  <td data-label="الحالة">
                    <StatusBadge status={a.status} /> <LegalBadge legal={a.legal} />
                  </td>
                  <UpdatedCell format={format} article={a} />
                  <td data-label="موعد النشر">
                    {a.status === 'scheduled' && a.publishAt ? (
                      <DateTime format={format} date={a.publishAt} />
                    ) : a.publishedAt && a.status === 'published' ? (
                      <span class="nr-muted">
                        نُشرت <DateTime format={format} date={a.publishedAt} />
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <PageLinks page={page} pages={pages} format={format} hrefOf={(n) => listHref({ status, q, page: n })} />
      </section>
    </NewsroomLayout>
  )
}
