import type { Children } from '@kitajs/html'
import { BidiText, Breadcrumbs, Layout, Pagination, pluralize, type SiteChrome } from '../views/index.js'
import { ArticleList } from './article-card.js'
import type { ArticleSummary } from './article.js'

export const ARTICLE_COUNT_FORMS = {
  zero: 'لا توجد مقالات',
  one: 'مقال واحد',
  two: 'مقالان',
  few: '{n} مقالات',
  many: '{n} مقالاً',
  other: '{n} مقال',
}

export interface ListingPageProps {
  chrome: SiteChrome
  kind: string // «القسم», «الوسم»
  title: string
  description?: string
  basePath: string
  articles: ArticleSummary[]
  total: number
  page: number
  pages: number
  intro?: Children
}

const pageHref = (basePath: string, n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`)

/** Section, tag and author pages: one paginated list of stories. */
export function ListingPage(props: ListingPageProps) {
  const { chrome, basePath, page, pages } = props
  return (
    <Layout
      chrome={chrome}
      meta={{
        title: page > 1 ? `${props.title} - صفحة ${chrome.format.number(page)}` : props.title,
        // Every page has a description (search engines show it under the link); a listing without one of its own gets this.
        description: props.description || `${props.title}: أحدث الأخبار والمقالات في ${chrome.settings.name}.`,
        path: pageHref(basePath, page),
        canonical: chrome.baseUrl + pageHref(basePath, page),
        prev: page > 1 ? pageHref(basePath, page - 1) : undefined,
        next: page < pages ? pageHref(basePath, page + 1) : undefined,
        // Each listing has its own feeds at `<basePath>/feed.xml`, `/atom.xml`, `/feed.json`.
        feed: { title: props.title, basePath },
      }}
    >
      <div class="wrap listing">
        <Breadcrumbs items={[{ label: 'الرئيسية', href: '/' }, { label: props.title }]} />
        <header class="listing-header">
          <p class="listing-kind" safe>{props.kind}</p>
          <h1 dir="auto">
            <BidiText text={props.title} />
          </h1>
          {props.description ? <p class="listing-description" safe>{props.description}</p> : ''}
          {props.intro ?? ''}
          <p class="listing-count" safe>{pluralize(chrome.format, props.total, ARTICLE_COUNT_FORMS)}</p>
        </header>
        {/* The cards' headings are h3: an h2 keeps the outline in order (axe heading-order). */}
        <h2 class="visually-hidden">المقالات</h2>
        {props.articles.length > 0 ? <ArticleList chrome={chrome} articles={props.articles} eagerFirstImage /> : <p class="empty">لا توجد مقالات منشورة هنا بعد.</p>}
        <Pagination chrome={chrome} page={page} pages={pages} hrefOf={(n) => pageHref(basePath, n)} />
      </div>
    </Layout>
  )
}

/** Above an author's stories: their title (the bio is the listing's description, printed once by ListingPage). */
export function AuthorIntro({ title }: { title: string }) {
  return <div class="person-intro">{title ? <p class="person-title" safe>{title}</p> : ''}</div>
}
