import { Layout, type SiteChrome } from '../views/index.js'
import { ArticleCard } from './article-card.js'
import { sectionPath } from './article.js'
import type { HomeData, HomeStory } from './home.service.js'
import { MostReadBlock } from './most-read-block.js'
import type { MostReadLists } from './most-read.service.js'

export interface HomePageProps extends HomeData {
  chrome: SiteChrome
  mostRead?: MostReadLists
}

function Cards({ chrome, stories, variant }: { chrome: SiteChrome; stories: HomeStory[]; variant: 'top' | 'compact' }) {
  return (
    <div class={`article-list list-${variant}`}>
      {stories.map((s) => (
        <ArticleCard chrome={chrome} article={s.article} variant={variant} related={s.related} />
      ))}
    </div>
  )
}

export function HomePage({ chrome, lead, top, latest, sections, mostRead }: HomePageProps) {
  const { settings } = chrome
  return (
    <Layout
      chrome={chrome}
      meta={{
        styles: 'home',
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
      {/* The front page's grid (public/site.css, «front page»): main column and rail, then section blocks. */}
      <div class="wrap home front">
        <h1 class="visually-hidden" safe>{settings.name}</h1>
        <div class="front-top">
          <div class="front-main">
            {lead ? (
              <section class="lead" aria-label="الخبر الرئيسي">
                <ArticleCard chrome={chrome} article={lead.article} variant="lead" related={lead.related} />
              </section>
            ) : (
              <p class="empty">لا توجد أخبار منشورة بعد.</p>
            )}
            {top.length > 0 ? (
              <section class="top-stories" aria-labelledby="top-heading">
                <h2 id="top-heading" class="visually-hidden">
                  أبرز الأخبار
                </h2>
                <Cards chrome={chrome} stories={top} variant="top" />
              </section>
            ) : (
              ''
            )}
          </div>
          {latest.length > 0 || (mostRead && mostRead.day.length + mostRead.week.length > 0) ? (
            <div class="front-rail">
              {latest.length > 0 ? (
                <section class="latest" aria-labelledby="latest-heading">
                  <h2 id="latest-heading" class="rail-heading">
                    آخر الأخبار
                  </h2>
                  <Cards chrome={chrome} stories={latest} variant="compact" />
                </section>
              ) : (
                ''
              )}
              {/* Side blocks go here, after the latest: the rail is as tall as the main column. */}
              {mostRead ? <MostReadBlock chrome={chrome} lists={mostRead} /> : ''}
            </div>
          ) : (
            ''
          )}
        </div>
        {sections.length > 0 ? (
          <div class="front-sections">
            {sections.map(({ section, lead: first, more }) => (
              <section class="section-block" aria-labelledby={`block-${section.id}`}>
                <h2 id={`block-${section.id}`} class="block-heading">
                  <a href={sectionPath(section.slug)} safe>{section.name}</a>
                </h2>
                <div class="block-body">
                  <ArticleCard chrome={chrome} article={first.article} variant="top" related={first.related} />
                  {more.length > 0 ? <Cards chrome={chrome} stories={more} variant="compact" /> : ''}
                </div>
              </section>
            ))}
          </div>
        ) : (
          ''
        )}
      </div>
    </Layout>
  )
}
