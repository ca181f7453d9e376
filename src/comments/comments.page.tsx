import type { Article } from '../articles/index.js'
import { Layout, type SiteChrome } from '../views/index.js'

/** A page of its own for later comment pages and the no-JS reply form: the article's title, then the section. */
export function CommentsPage({ chrome, article, path, heading, section }: { chrome: SiteChrome; article: Pick<Article, 'path' | 'title'>; path: string; heading: string; section: string }) {
  return (
    <Layout chrome={chrome} meta={{ styles: 'article', title: `${heading}: ${article.title}`, path, canonical: chrome.baseUrl + path, noindex: true }}>
      <div class="wrap comments-page">
        <p class="comments-page-kicker" safe>{heading}</p>
        <h1 class="headline">
          <a href={article.path} safe>{article.title}</a>
        </h1>
        <section class="comments" id="comments" aria-labelledby="comments-heading">
          {section as 'safe'}
        </section>
      </div>
    </Layout>
  )
}
