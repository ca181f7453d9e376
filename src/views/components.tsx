import { isolateLatinRunsInText } from './bidi.js'
import type { SiteChrome } from './page.js'

/** People's text where it meets other text (headlines, names, summaries): escaped, Latin runs in <bdi> (bidi.ts). */
export function BidiText({ text }: { text: string }): JSX.Element {
  return isolateLatinRunsInText(text)
}

/** A time element: relative on listings («منذ ساعتين»), with the full date as its title. */
export function TimeAgo({ chrome, date }: { chrome: SiteChrome; date: Date }) {
  return (
    <time datetime={date.toISOString()} title={chrome.format.dateTime(date)} data-relative safe>
      {chrome.format.relative(date, chrome.now)}
    </time>
  )
}

export interface Crumb {
  label: string
  href?: string
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label="مسار التصفح">
      <ol>
        {items.map((c, i) =>
          c.href && i < items.length - 1 ? (
            <li>
              <a href={c.href}>
                <bdi safe>{c.label}</bdi>
              </a>
            </li>
          ) : (
            <li aria-current="page">
              <bdi safe>{c.label}</bdi>
            </li>
          ),
        )}
      </ol>
    </nav>
  )
}

/** Numbered pagination; `hrefOf(n)` builds the URL of page n. */
export function Pagination({ chrome, page, pages, hrefOf }: { chrome: SiteChrome; page: number; pages: number; hrefOf: (n: number) => string }) {
  if (pages <= 1) return ''
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  return (
    <nav class="pagination" aria-label="الصفحات">
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefOf(page - 1)} rel="prev">
              السابق
            </a>
          </li>
        ) : (
          ''
        )}
        {shown.map((n, i) => (
          <>
            {i > 0 && n - shown[i - 1] > 1 ? <li class="gap">…</li> : ''}
            <li>
              {n === page ? (
                <span aria-current="page" safe>{chrome.format.number(n)}</span>
              ) : (
                <a href={hrefOf(n)} safe>{chrome.format.number(n)}</a>
              )}
            </li>
          </>
        ))}
        {page < pages ? (
          <li>
            <a href={hrefOf(page + 1)} rel="next">
              التالي
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  )
}
