import type { Crumb, SiteChrome } from '../views/index.js'
import type { Article } from './article.js'
import type { Correction } from './corrections.service.js'

/** schema.org NewsArticle, with the cited sources as `citation` and corrections and replies as `correction`. */
export function articleJsonLd(chrome: SiteChrome, article: Article, corrections: Correction[] = []): object {
  const url = chrome.baseUrl + article.path
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.title,
    description: article.summary || undefined,
    inLanguage: 'ar',
    articleSection: article.section.name,
    keywords: article.tags.map((t) => t.name).join('، ') || undefined,
    datePublished: article.publishedAt?.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    wordCount: article.wordCount,
    image: article.image ? [chrome.baseUrl + article.image.src] : undefined,
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, jobTitle: a.title || undefined, url: chrome.baseUrl + a.path })),
    publisher: { '@type': 'NewsMediaOrganization', name: chrome.settings.name, url: chrome.baseUrl + '/', logo: { '@type': 'ImageObject', url: chrome.baseUrl + '/assets/icon.svg' } },
    citation: article.sources.length ? article.sources.map((s) => ({ '@type': 'CreativeWork', name: s.name, url: s.url ?? undefined })) : undefined,
    correction: corrections.length
      ? corrections.map((c) => ({
          '@type': 'CorrectionComment',
          text: c.kind === 'reply' ? `ردّ من ${c.party}: ${c.body}` : c.body,
          datePublished: c.createdAt.toISOString(),
        }))
      : undefined,
    isAccessibleForFree: true,
  }
}

export function breadcrumbJsonLd(chrome: SiteChrome, crumbs: Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.label,
      item: c.href ? chrome.baseUrl + c.href : undefined,
    })),
  }
}
