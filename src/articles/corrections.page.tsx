import type { Children } from '@kitajs/html'
import { BidiText, Breadcrumbs, Layout, Pagination, type SiteChrome } from '../views/index.js'
import type { Correction, CorrectionOfArticle } from './corrections.service.js'

export const CORRECTIONS_PATH = '/corrections'

/** «تصحيح», or «ردّ من …» naming who replies. */
export function CorrectionLabel({ correction }: { correction: Correction }) {
  if (correction.kind === 'correction') return <strong class="correction-label">تصحيح</strong>
  return (
    <strong class="correction-label">
      {'ردّ من '}
      <bdi safe>{correction.party}</bdi>
    </strong>
  )
}

/** One correction or reply: its kind, its date in the newsroom's time zone, its text by paragraph. */
export function CorrectionEntry({ chrome, correction, children }: { chrome: SiteChrome; correction: Correction; children?: Children }) {
  return (
    <li class={`correction correction-${correction.kind}`} id={`correction-${correction.id}`}>
      <p class="correction-meta">
        <CorrectionLabel correction={correction} />
        <time datetime={correction.createdAt.toISOString()} safe>
          {chrome.format.dateTime(correction.createdAt)}
        </time>
      </p>
      {children ?? ''}
      <div class="correction-body">
        {correction.body.split(/\n+/).map((paragraph) => (
          <p dir="auto">
            <BidiText text={paragraph} />
          </p>
        ))}
      </div>
    </li>
  )
}

/** The box after an article's body: its corrections and replies, and when the story was last updated. */
export function CorrectionsBox({ chrome, corrections, updatedAt }: { chrome: SiteChrome; corrections: Correction[]; updatedAt: Date }) {
  if (corrections.length === 0) return ''
  return (
    <aside class="corrections-box" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">تصحيحات وردود</h2>
      <p class="corrections-updated">
        {'آخر تحديث: '}
        <time datetime={updatedAt.toISOString()} safe>
          {chrome.format.dateTime(updatedAt)}
        </time>
      </p>
      <ol class="corrections-list">
        {corrections.map((c) => (
          <CorrectionEntry chrome={chrome} correction={c} />
        ))}
      </ol>
      <p class="corrections-all">
        <a href={CORRECTIONS_PATH}>كل التصحيحات والردود</a>
      </p>
    </aside>
  )
}

const pageHref = (n: number) => (n === 1 ? CORRECTIONS_PATH : `${CORRECTIONS_PATH}?page=${n}`)

export interface CorrectionsPageProps {
  chrome: SiteChrome
  corrections: CorrectionOfArticle[]
  page: number
  pages: number
}

/** `/corrections`: every correction and reply on the site, newest first, each with its story. */
export function CorrectionsPage({ chrome, corrections, page, pages }: CorrectionsPageProps) {
  const title = 'التصحيحات والردود'
  return (
    <Layout
      chrome={chrome}
      meta={{
        styles: 'article',
        title: page > 1 ? `${title} - صفحة ${chrome.format.number(page)}` : title,
        description: 'ما صحّحناه في أخبارنا بعد نشرها، وردود من ذُكروا فيها.',
        path: pageHref(page),
        canonical: chrome.baseUrl + pageHref(page),
        prev: page > 1 ? pageHref(page - 1) : undefined,
        next: page < pages ? pageHref(page + 1) : undefined,
      }}
    >
      <div class="wrap listing corrections-page">
        <Breadcrumbs items={[{ label: 'الرئيسية', href: '/' }, { label: title }]} />
        <header class="listing-header">
          <h1>{title}</h1>
          <p class="listing-description">نصحّح أخطاءنا علناً ونؤرّخ كل تصحيح، وننشر ردود من ذكرتهم أخبارنا.</p>
        </header>
        {corrections.length > 0 ? (
          <ol class="corrections-list">
            {corrections.map((c) => (
              <CorrectionEntry chrome={chrome} correction={c}>
                <p class="correction-article">
                  <a href={c.article.path} dir="auto">
                    <BidiText text={c.article.title} />
                  </a>
                </p>
              </CorrectionEntry>
            ))}
          </ol>
        ) : (
          <p class="empty">لا توجد تصحيحات أو ردود منشورة بعد.</p>
        )}
        <Pagination chrome={chrome} page={page} pages={pages} hrefOf={pageHref} />
      </div>
    </Layout>
  )
}
