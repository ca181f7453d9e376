import type { Children } from '@kitajs/html'
import { ResponsiveImage } from '../media/index.js'
import { BidiText, Breadcrumbs, Layout, pluralize, Sidebar, type SidebarBlock, type SiteChrome } from '../views/index.js'
import { Authors } from './article-card.js'
import { renderArticleBody } from './article-body.js'
import { dekRepeatsOpening, htmlToText, openingWords } from './article-text.js'
import { sectionPath, type Article, type ArticleSummary } from './article.js'
import { articleJsonLd, breadcrumbJsonLd } from './article-json-ld.js'
import { CorrectionsBox } from './corrections.page.js'
import { MostReadBlock } from './most-read-block.js'
import type { MostReadLists } from './most-read.service.js'
import type { Correction } from './corrections.service.js'
import { SHARE_CARD_SIZE, shareCardAlt, shareCardPath } from './share-card-path.js'
import { ShareLinks } from './share-links.js'

export const READING_TIME_FORMS = {
  zero: 'أقل من دقيقة',
  one: 'دقيقة واحدة',
  two: 'دقيقتان',
  few: '{n} دقائق',
  many: '{n} دقيقة',
  other: '{n} دقيقة',
}

export interface ArticlePageProps {
  chrome: SiteChrome
  article: Article
  related: ArticleSummary[]
  /** The comments section, rendered by the comments feature. */
  comments: Children
  corrections: Correction[]
  /** The sidebar's blocks, in order (shown from 1024 px on). */
  sidebar: SidebarBlock[]
  /** A preview link's page: a banner says so, and nothing invites indexing or sharing. */
  preview?: boolean
  /** «الأكثر قراءة» for the sidebar. */
  mostRead?: MostReadLists
}

export function ArticlePage({ chrome, article, related, comments, corrections, sidebar, preview, mostRead }: ArticlePageProps) {
  const { seo } = article
  const { format } = chrome
  const url = chrome.baseUrl + article.path
  const visible = article.status === 'published'
  const published = article.publishedAt
  const updated = published && article.updatedAt.getTime() - published.getTime() > 60_000 ? article.updatedAt : null
  const card = { title: article.title, section: article.section.name, siteName: chrome.settings.name }
  const crumbs = [
    { label: 'الرئيسية', href: '/' },
    { label: article.section.name, href: sectionPath(article.section.slug) },
    { label: article.title },
  ]
  return (
    <Layout
      chrome={chrome}
      meta={{
        styles: 'article',
        title: seo.title || article.title,
        // Search engines show it under the link: a story without a dek (most imported ones) gives its opening words.
        description: seo.description || article.summary || openingWords(htmlToText(article.bodyHtml)) || undefined,
        path: article.path,
        canonical: preview ? undefined : url,
        noindex: preview,
        ogType: 'article',
        // The share card, not the photo: the headline in the site's face (docs/decisions/017).
        ...(preview ? {} : { image: chrome.baseUrl + shareCardPath(article.id, card), imageInfo: { ...SHARE_CARD_SIZE, alt: shareCardAlt(card) } }),
        jsonLd: preview ? [] : [articleJsonLd(chrome, article, corrections), breadcrumbJsonLd(chrome, crumbs)],
      }}
    >
      {preview ? (
        <div class="preview-banner" role="status">
          <div class="wrap">
            <strong>{visible ? 'معاينة — هذه المقالة منشورة' : 'معاينة — هذه المقالة غير منشورة'}</strong>
            {visible ? (
              <>
                {' '}
                <a href={article.path}>افتح صفحتها المنشورة</a>
              </>
            ) : (
              ''
            )}
          </div>
        </div>
      ) : (
        ''
      )}
      <div class="wrap article-layout">
        <div class="article-main">
        <article class="article" data-article-id={article.id}>
          <Breadcrumbs items={crumbs} />
          <header class="article-header">
            <p class="kicker">
              <a href={sectionPath(article.section.slug)} safe>{article.section.name}</a>
              {article.isUrgent ? <span class="badge-urgent">عاجل</span> : ''}
            </p>
            <h1 class="headline" dir="auto">
              <BidiText text={article.title} />
            </h1>
            {article.summary && !dekRepeatsOpening(article.summary, article.bodyHtml) ? (
              <p class="dek" dir="auto">
                <BidiText text={article.summary} />
              </p>
            ) : (
              ''
            )}
            <div class="byline">
              {article.authors.length > 0 ? (
                <p class="byline-authors">
                  <span class="byline-by">بقلم </span>
                  <Authors authors={article.authors} />
                </p>
              ) : (
                ''
              )}
              {article.dateline ? <p class="dateline" safe>{article.dateline}</p> : ''}
              {published ? (
                <p class="dates">
                  <span>نُشر في </span>
                  <time datetime={published.toISOString()} class="date-published">
                    <span safe>{format.dateTime(published)}</span>
                    {chrome.settings.showHijri ? <span class="hijri" safe>{` (${format.hijri(published)})`}</span> : ''}
                  </time>
                  {updated ? (
                    <span class="date-updated">
                      {' · آخر تحديث '}
                      <time datetime={updated.toISOString()} safe>{format.dateTime(updated)}</time>
                    </span>
                  ) : (
                    ''
                  )}
                </p>
              ) : (
                ''
              )}
              <p class="reading-time">
                {'مدة القراءة: '}
                <span safe>{pluralize(format, article.readingMinutes, READING_TIME_FORMS)}</span>
              </p>
            </div>
            <div class="article-tools">
              <div class="font-size-control" role="group" aria-label="حجم الخط" hidden>
                <button type="button" data-font-step="-1" title="تصغير الخط">
                  <span aria-hidden="true">أ−</span>
                  <span class="visually-hidden">تصغير الخط</span>
                </button>
                <button type="button" data-font-step="0" title="الحجم الافتراضي للخط">
                  <span aria-hidden="true">أ</span>
                  <span class="visually-hidden">الحجم الافتراضي للخط</span>
                </button>
                <button type="button" data-font-step="1" title="تكبير الخط">
                  <span aria-hidden="true">أ+</span>
                  <span class="visually-hidden">تكبير الخط</span>
                </button>
              </div>
            </div>
          </header>
          {article.image ? (
            <figure class="article-image">
              <ResponsiveImage image={article.image} sizes="(min-width: 900px) 760px, 100vw" eager />
              {article.image.caption || article.image.credit ? (
                <figcaption>
                  <span safe>{article.image.caption}</span>
                  {article.image.credit ? <span class="credit" safe>{`الصورة: ${article.image.credit}`}</span> : ''}
                </figcaption>
              ) : (
                ''
              )}
            </figure>
          ) : (
            ''
          )}
          {/* Sanitised once, when the article was saved (article-html.ts); directions and Latin runs worked out here (article-body.ts). */}
          <div class="article-body">{renderArticleBody(article.bodyHtml) as 'safe'}</div>
          <CorrectionsBox chrome={chrome} corrections={corrections} updatedAt={article.updatedAt} />
          {article.sources.length > 0 ? (
            <aside class="sources" aria-labelledby="sources-heading">
              <h2 id="sources-heading">المصادر</h2>
              <ul>
                {article.sources.map((s) => (
                  <li>{s.url ? <a href={s.url} rel="nofollow noopener" safe>{s.name}</a> : <span safe>{s.name}</span>}</li>
                ))}
              </ul>
            </aside>
          ) : (
            ''
          )}
          {article.tags.length > 0 ? (
            <nav class="tags" aria-label="الوسوم">
              <h2 class="visually-hidden">الوسوم</h2>
              <ul>
                {article.tags.map((t) => (
                  <li>
                    <a href={t.path} rel="tag" safe>{t.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : (
            ''
          )}
          {preview ? '' : <ShareLinks url={url} title={article.title} />}
        </article>
        <RelatedArticles chrome={chrome} related={related} />
        {preview ? (
          ''
        ) : (
          <section class="comments" id="comments" aria-labelledby="comments-heading">
            {comments}
          </section>
        )}
        </div>
        <Sidebar chrome={chrome} blocks={sidebar}>
          {mostRead && !preview ? <MostReadBlock chrome={chrome} lists={mostRead} /> : ''}
        </Sidebar>
      </div>
    </Layout>
  )
}

function RelatedArticles({ chrome, related }: { chrome: SiteChrome; related: ArticleSummary[] }) {
  if (related.length === 0) return ''
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">مقالات ذات صلة</h2>
      <ul class="related-list">
        {related.map((a) => (
          <li>
            {a.image ? <ResponsiveImage image={a.image} sizes="(min-width: 900px) 200px, 40vw" /> : ''}
            <a href={a.path} dir="auto">
              <BidiText text={a.title} />
            </a>
            {a.publishedAt ? (
              <time datetime={a.publishedAt.toISOString()} safe>
                {chrome.format.date(a.publishedAt)}
              </time>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
