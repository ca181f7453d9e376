import { Layout, type SiteChrome } from '../views/index.js'
import { ArticleCard, ArticleList } from './article-card.js'
import { sectionPath, type ArticleSummary, type SectionRef } from './article.js'
import { MostReadBlock } from './most-read-block.js'
import type { MostReadLists } from './most-read.service.js'

export interface HomePageProps {
  chrome: SiteChrome
  lead: ArticleSummary | null
  /** Up to four stories the desk placed 'top', shown beside the lead. */
  top: ArticleSummary[]
  latest: ArticleSummary[]
  sections: { section: SectionRef; articles: ArticleSummary[] }[]
  mostRead?: MostReadLists
}

export function HomePage({ chrome, lead, top, latest, sections, mostRead }: HomePageProps) {
  const { settings } = chrome
  return (
    <Layout
      chrome={chrome}
      meta={{
        title: settings.name,
        description: settings.tagline,
        path: '/',
        canonical: chrome.baseUrl + '/',
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'WebSite',
            name: settings.name,
            url: chrome.baseUrl + '/',
            inLanguage: 'ar',
            potentialAction: { '@type': 'SearchAction', target: `${chrome.baseUrl}/search?q={q}`, 'query-input': 'required name=q' },
          },
        ],
      }}
    >
      <div class="wrap home">
        <h1 class="visually-hidden" safe>{settings.name}</h1>
        <div class="home-top">
          <div class="home-main">
            {lead ? (
              <section class="lead" aria-label="الخبر الرئيسي">
                <ArticleCard chrome={chrome} article={lead} variant="lead" />
              </section>
            ) : (
              <p class="empty">لا توجد أخبار منشورة بعد.</p>
            )}
            {top.length > 0 ? (
              <section class="top-stories" aria-labelledby="top-heading">
                <h2 id="top-heading" class="visually-hidden">
                  أبرز الأخبار
                </h2>
                <ArticleList chrome={chrome} articles={top} variant="top" />
              </section>
            ) : (
              ''
            )}
          </div>
          {latest.length > 0 ? (
            <section class="latest" aria-labelledby="latest-heading">
              <h2 id="latest-heading">آخر الأخبار</h2>
              <ArticleList chrome={chrome} articles={latest} variant="compact" />
            </section>
          ) : (
            ''
          )}
        </div>
        {mostRead ? <MostReadBlock chrome={chrome} lists={mostRead} /> : ''}
        {sections.map(({ section, articles }) => (
          <section class="section-block" aria-labelledby={`block-${section.id}`}>
            <h2 id={`block-${section.id}`} class="block-heading">
              <a href={sectionPath(section.slug)} safe>{section.name}</a>
            </h2>
            <ArticleList chrome={chrome} articles={articles} />
          </section>
        ))}
      </div>
    </Layout>
  )
}
