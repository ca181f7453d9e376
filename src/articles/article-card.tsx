// How articles appear in listings: cards, lists and bylines (home, sections, tags, authors, search).
import { ResponsiveImage } from '../media/index.js'
import { BidiText, pluralize, TimeAgo, type SiteChrome } from '../views/index.js'
import { sectionPath, type ArticleSummary, type AuthorRef } from './article.js'

export function Authors({ authors }: { authors: AuthorRef[] }) {
  if (authors.length === 0) return ''
  return (
    <span class="authors">
      {authors.map((a, i) => (
        <>
          {i === 0 ? '' : i === authors.length - 1 ? ' و' : '، '}
          <a href={a.path} rel="author">
            <bdi safe>{a.name}</bdi>
          </a>
        </>
      ))}
    </span>
  )
}

type CardVariant = 'lead' | 'top' | 'normal' | 'compact'

const CARD_IMAGE_SIZES: Record<CardVariant, string> = {
  lead: '(min-width: 900px) 60vw, 100vw',
  top: '(min-width: 900px) 30vw, 100vw',
  normal: '(min-width: 900px) 25vw, 100vw',
  compact: '',
}

/** «و٣ تقارير أخرى»: the near-identical reports a front-page card stands for. */
const relatedText = (chrome: SiteChrome, n: number) =>
  pluralize(chrome.format, n, { zero: '', one: 'وتقرير آخر في الموضوع', two: 'وتقريران آخران في الموضوع', few: 'و{n} تقارير أخرى في الموضوع', many: 'و{n} تقريراً آخر في الموضوع', other: 'و{n} تقرير آخر في الموضوع' })

/** `eager`: this card's image is the first screen's largest (a listing's first picture); the lead's always is. */
export function ArticleCard({ chrome, article, variant = 'normal', related = 0, eager = false }: { chrome: SiteChrome; article: ArticleSummary; variant?: CardVariant; related?: number; eager?: boolean }) {
  const headingLevel = variant === 'lead' ? 'h2' : 'h3'
  const pictured = article.image !== null && variant !== 'compact'
  const title = (
    <a href={article.path} dir="auto">
      <BidiText text={article.title} />
    </a>
  )
  return (
    <article class={`card card-${variant}${pictured ? '' : ' card-text'}`}>
      {pictured && article.image ? (
        <a href={article.path} class="card-image" tabindex="-1" aria-hidden="true">
          <ResponsiveImage image={article.image} sizes={CARD_IMAGE_SIZES[variant]} eager={eager || variant === 'lead'} />
        </a>
      ) : (
        ''
      )}
      <div class="card-body">
        <a class="card-section" href={sectionPath(article.section.slug)} safe>
          {article.section.name}
        </a>
        {headingLevel === 'h2' ? <h2 class="card-title">{title}</h2> : <h3 class="card-title">{title}</h3>}
        {variant !== 'compact' && article.summary ? (
          <p class="card-summary" dir="auto">
            <BidiText text={article.summary} />
          </p>
        ) : (
          ''
        )}
        <p class="card-meta">
          <Authors authors={article.authors} />
          {article.publishedAt ? <TimeAgo chrome={chrome} date={article.publishedAt} /> : ''}
          {related > 0 ? (
            <span class="card-related" safe>
              {relatedText(chrome, related)}
            </span>
          ) : (
            ''
          )}
        </p>
      </div>
    </article>
  )
}

/**
 * `eagerFirstImage`: the list opens the page (a section, tag or author page), so its first picture is
 * likely the largest thing on a phone's first screen: fetched at once and first, not lazily.
 */
export function ArticleList({ chrome, articles, variant, eagerFirstImage = false }: { chrome: SiteChrome; articles: ArticleSummary[]; variant?: Exclude<CardVariant, 'lead'>; eagerFirstImage?: boolean }) {
  const firstPictured = eagerFirstImage && variant !== 'compact' ? articles.findIndex((a) => a.image !== null) : -1
  return (
    <div class={`article-list list-${variant ?? 'normal'}`}>
      {articles.map((a, i) => (
        <ArticleCard chrome={chrome} article={a} variant={variant} eager={i === firstPictured} />
      ))}
    </div>
  )
}
