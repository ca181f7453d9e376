import { sectionPath, type SectionRef } from '../articles/index.js'
import { Breadcrumbs, Layout, Pagination, pluralize, type SiteChrome, TimeAgo } from '../views/index.js'
import type { SearchResult } from './search.service.js'

export const RESULT_COUNT_FORMS = {
  zero: 'لا توجد نتائج',
  one: 'نتيجة واحدة',
  two: 'نتيجتان',
  few: '{n} نتائج',
  many: '{n} نتيجةً',
  other: '{n} نتيجة',
}

export interface SearchForm {
  q: string
  section: string
  author: string
  from: string
  to: string
  sort: 'relevance' | 'newest'
}

export interface SearchPageProps {
  chrome: SiteChrome
  form: SearchForm
  sections: SectionRef[]
  results: SearchResult[]
  total: number
  page: number
  pages: number
  partial: boolean
  didYouMean?: string
  /** Author named in the filter but unknown. */
  unknownAuthor: boolean
}

/** `/search?…` with the form's values, page `n`; empty values left out. */
export function searchHref(form: Partial<SearchForm>, page = 1): string {
  const params = new URLSearchParams()
  for (const key of ['q', 'section', 'author', 'from', 'to'] as const) {
    const value = form[key]
    if (value) params.set(key, value)
  }
  if (form.sort === 'newest') params.set('sort', 'newest')
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `/search?${query}` : '/search'
}

export function SearchPage(props: SearchPageProps) {
  const { chrome, form, page, pages } = props
  const title = form.q ? `نتائج البحث عن «${form.q}»` : 'البحث'
  return (
    <Layout chrome={chrome} meta={{ styles: 'search', title, description: `البحث في أرشيف أخبار ${chrome.settings.name}، بالعربية وبكل صيغ الكلمة.`, path: searchHref(form, page), noindex: true }}>
      <div class="wrap listing search-page">
        <Breadcrumbs items={[{ label: 'الرئيسية', href: '/' }, { label: 'البحث' }]} />
        <header class="listing-header">
          <h1 safe>{title}</h1>
        </header>
        <SearchFilters form={form} sections={props.sections} />
        {form.q ? <Outcome {...props} /> : <p class="empty">اكتب كلمة أو أكثر للبحث في الأخبار. ضع العبارة بين علامتي تنصيص للبحث عنها كما هي، وضع «-» قبل كلمة لاستبعادها.</p>}
        <Pagination chrome={chrome} page={page} pages={pages} hrefOf={(n) => searchHref(form, n)} />
      </div>
    </Layout>
  )
}

function Outcome(props: SearchPageProps) {
  const { chrome, form, results } = props
  if (results.length === 0) {
    return (
      <div class="search-empty" role="status">
        <p safe>{`لم نعثر على نتائج لـ«${form.q}».`}</p>
        {props.unknownAuthor ? <p safe>{`لا يوجد كاتب باسم «${form.author}».`}</p> : ''}
        {props.didYouMean ? (
          <p>
            {'هل تقصد: '}
            <a href={searchHref({ ...form, q: props.didYouMean })} safe>{`«${props.didYouMean}»`}</a>
            {'؟'}
          </p>
        ) : (
          <p>جرّب كلمات أقل أو أعمّ، أو أزل بعض عوامل التصفية.</p>
        )}
      </div>
    )
  }
  return (
    <>
      <p class="listing-count" role="status" safe>{pluralize(chrome.format, props.total, RESULT_COUNT_FORMS)}</p>
      {props.partial ? <p class="search-note">لم نجد مقالات تحوي كل الكلمات معاً؛ هذه النتائج تحوي بعضها، مرتّبة بعدد ما تحويه منها.</p> : ''}
      <ol class="search-results">
        {results.map((r) => (
          <li class="search-result">
            <a class="card-section" href={sectionPath(r.article.section.slug)} safe>{r.article.section.name}</a>
            <h2 class="card-title">
              {/* Escaped by highlight(): only its own <mark> elements are raw. */}
              <a href={r.article.path}>{r.titleHtml as 'safe'}</a>
            </h2>
            {/* Escaped by snippet(): only its own <mark> elements are raw. */}
            <p class="search-snippet">{r.snippetHtml as 'safe'}</p>
            <p class="card-meta">{r.article.publishedAt ? <TimeAgo chrome={chrome} date={r.article.publishedAt} /> : ''}</p>
          </li>
        ))}
      </ol>
    </>
  )
}

/** Filters beyond the query (section, author, dates, order): how many are set. */
export function activeFilterCount(form: SearchForm): number {
  return [form.section, form.author, form.from, form.to, form.sort === 'newest' ? 'newest' : ''].filter(Boolean).length
}

/**
 * The query and its button stay in view; the other filters fold into a <details>, open when there is
 * no query yet or a filter is set, closed otherwise so a phone shows results on its first screen
 * (site.js opens it on wide screens, where there is room).
 */
function SearchFilters({ form, sections }: { form: SearchForm; sections: SectionRef[] }) {
  const active = activeFilterCount(form)
  return (
    <form class="search-filters" role="search" aria-label="البحث المتقدم" action="/search" method="get">
      <p class="search-main">
        <label for="search-q">عبارة البحث</label>
        <span class="search-main-row">
          <input id="search-q" type="search" name="q" value={form.q} maxlength="200" autocomplete="off" data-suggest="/api/v1/search/suggest" />
          <button type="submit">ابحث</button>
        </span>
      </p>
      <details class="search-more" open={!form.q || active > 0} data-open-wide>
        <summary>
          {'خيارات البحث'}
          {active > 0 ? <span class="search-more-count" safe>{` (${active})`}</span> : ''}
        </summary>
        <div class="search-more-fields">
          <p>
            <label for="search-section">القسم</label>
            <select id="search-section" name="section">
              <option value="">كل الأقسام</option>
              {sections.map((s) => (
                <option value={s.slug} selected={s.slug === form.section} safe>{s.name}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-author">الكاتب</label>
            <input id="search-author" type="text" name="author" value={form.author} maxlength="200" />
          </p>
          <p>
            <label for="search-from">من تاريخ</label>
            <input id="search-from" type="date" name="from" value={form.from} />
          </p>
          <p>
            <label for="search-to">إلى تاريخ</label>
            <input id="search-to" type="date" name="to" value={form.to} />
          </p>
          <p>
            <label for="search-sort">الترتيب</label>
            <select id="search-sort" name="sort">
              <option value="relevance" selected={form.sort === 'relevance'}>الأكثر صلة</option>
              <option value="newest" selected={form.sort === 'newest'}>الأحدث</option>
            </select>
          </p>
        </div>
      </details>
    </form>
  )
}
