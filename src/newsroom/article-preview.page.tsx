import type { EditorialArticle } from '../articles/index.js'
import { NewsroomLayout, type Staff } from '../staff/index.js'

/** After POST /newsroom/articles/:id/preview: the article's unguessable preview link. */
export function ArticlePreviewPage({ staff, csrf, article, url }: { staff: Staff; csrf: string; article: EditorialArticle; url: string }) {
  return (
    <NewsroomLayout staff={staff} title="رابط المعاينة" csrf={csrf} current="/newsroom/articles">
      <section class="nr-panel" aria-labelledby="preview-heading">
        <h1 id="preview-heading">رابط المعاينة</h1>
        <p>
          معاينة «<span dir="auto" safe>{article.title}</span>» كما ستظهر للقرّاء، بآخر نسخة محفوظة. من يملك الرابط يرى المقالة قبل نشرها، فلا تشاركه إلا مع من يحتاجه.
        </p>
        <p class="nr-field">
          <label for="preview-url">الرابط</label>
          <input id="preview-url" type="url" dir="ltr" readonly value={url} class="nr-wide" />
        </p>
        <p>
          <a class="nr-button" href={url} target="_blank" rel="noopener">
            فتح المعاينة
          </a>{' '}
          <a href={`/newsroom/articles/${article.id}/edit`}>العودة إلى تحرير المقالة</a>
        </p>
      </section>
    </NewsroomLayout>
  )
}
