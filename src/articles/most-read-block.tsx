import { BidiText, type SiteChrome } from '../views/index.js'
import type { MostReadEntry, MostReadLists } from './most-read.service.js'

const PERIODS = [
  { key: 'day', heading: 'اليوم' },
  { key: 'week', heading: 'هذا الأسبوع' },
] as const

/**
 * «الأكثر قراءة»: the day's and the week's lists, one after the other (no script, no tabs to
 * operate). Renders nothing before anything has been read; `idPrefix` keeps ids unique on a page.
 */
export function MostReadBlock({ chrome, lists, limit = 5, idPrefix = 'most-read' }: { chrome: SiteChrome; lists: MostReadLists; limit?: number; idPrefix?: string }) {
  const shown = PERIODS.map((p) => ({ ...p, articles: lists[p.key].slice(0, limit) })).filter((p) => p.articles.length > 0)
  if (shown.length === 0) return ''
  return (
    <section class="most-read" aria-labelledby={idPrefix}>
      <h2 id={idPrefix} class="most-read-heading">
        الأكثر قراءة
      </h2>
      {shown.map((p) => (
        <section class="most-read-period" aria-labelledby={`${idPrefix}-${p.key}`}>
          <h3 id={`${idPrefix}-${p.key}`}>{p.heading}</h3>
          <MostReadList chrome={chrome} articles={p.articles} />
        </section>
      ))}
    </section>
  )
}

function MostReadList({ chrome, articles }: { chrome: SiteChrome; articles: MostReadEntry[] }) {
  return (
    <ol class="most-read-list">
      {articles.map((a, i) => (
        <li>
          <span class="most-read-rank" aria-hidden="true" safe>{chrome.format.number(i + 1)}</span>
          <a href={a.path} dir="auto">
            <BidiText text={a.title} />
          </a>
        </li>
      ))}
    </ol>
  )
}
