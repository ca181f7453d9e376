import type { ArticleSummary, AuthorRef, Image } from '../articles/article.js'
import type { SiteChrome } from './page.js'

/** A time element: relative on listings («منذ ساعتين»), with the full date as its title. */
export function TimeAgo({ chrome, date }: { chrome: SiteChrome; date: Date }) {
  return (
    <time datetime={date.toISOString()} title={chrome.format.dateTime(date)} data-relative safe>
      {chrome.format.relative(date, chrome.now)}
    </time>
  )
}

export function Authors({ authors }: { authors: AuthorRef[] }) {
  if (authors.length === 0) return ''
  return (
    <span class="authors">
      {authors.map((a, i) => (
        <>
          {i === 0 ? '' : i === authors.length - 1 ? ' و' : '، '}
          <a href={a.path} rel="author" safe>{a.name}</a>
        </>
      ))}
    </span>
  )
}

export function Picture({ image, sizes, eager }: { image: Image; sizes: string; eager?: boolean }) {
  return (
    <img
      src={image.src}
      srcset={image.srcset || undefined}
      sizes={image.srcset ? sizes : undefined}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      fetchpriority={eager ? 'high' : undefined}
    />
  )
}

export function ArticleCard({ chrome, article, variant = 'normal' }: { chrome: SiteChrome; article: ArticleSummary; variant?: 'lead' | 'normal' | 'compact' }) {
  const headingLevel = variant === 'lead' ? 'h2' : 'h3'
  return (
    <article class={`card card-${variant}`}>
      {article.image && variant !== 'compact' ? (
        <a href={article.path} class="card-image" tabindex="-1" aria-hidden="true">
          <Picture image={article.image} sizes={variant === 'lead' ? '(min-width: 900px) 60vw, 100vw' : '(min-width: 900px) 25vw, 100vw'} eager={variant === 'lead'} />
        </a>
      ) : (
        ''
      )}
      <div class="card-body">
        <a class="card-section" href={`/section/${encodeURIComponent(article.section.slug)}`} safe>
          {article.section.name}
        </a>
        {headingLevel === 'h2' ? (
          <h2 class="card-title">
            <a href={article.path} safe>{article.title}</a>
          </h2>
        ) : (
          <h3 class="card-title">
            <a href={article.path} safe>{article.title}</a>
          </h3>
        )}
        {variant !== 'compact' && article.summary ? <p class="card-summary" safe>{article.summary}</p> : ''}
        <p class="card-meta">
          <Authors authors={article.authors} />
          {article.publishedAt ? <TimeAgo chrome={chrome} date={article.publishedAt} /> : ''}
        </p>
      </div>
    </article>
  )
}

export function ArticleList({ chrome, articles, variant }: { chrome: SiteChrome; articles: ArticleSummary[]; variant?: 'normal' | 'compact' }) {
  return (
    <div class={`article-list list-${variant ?? 'normal'}`}>
      {articles.map((a) => (
        <ArticleCard chrome={chrome} article={a} variant={variant} />
      ))}
    </div>
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
              <a href={c.href} safe>{c.label}</a>
            </li>
          ) : (
            <li aria-current="page" safe>{c.label}</li>
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
