import { NewsroomLayout, type Staff } from '../staff/index.js'
import type { CommentSettings } from './comment-settings.js'

/** Numeric settings and the range each accepts. */
export const NUMBER_SETTINGS: { key: keyof CommentSettings; label: string; min: number; max: number }[] = [
  { key: 'maxLinks', label: 'احجز التعليق إذا زادت روابطه على', min: 0, max: 50 },
  { key: 'closeAfterDays', label: 'أغلق التعليقات بعد (أيام من النشر، 0 = أبداً)', min: 0, max: 3650 },
  { key: 'floodSeconds', label: 'تعليق واحد لكل عنوان وبريد كل (ثانية)', min: 0, max: 3600 },
  { key: 'minFillSeconds', label: 'أقل مدة لملء النموذج (ثانية)', min: 0, max: 600 },
  { key: 'nameMax', label: 'أقصى طول للاسم', min: 10, max: 200 },
  { key: 'emailMax', label: 'أقصى طول للبريد', min: 50, max: 254 },
  { key: 'urlMax', label: 'أقصى طول لعنوان الموقع', min: 50, max: 2000 },
  { key: 'bodyMax', label: 'أقصى طول للتعليق', min: 100, max: 20000 },
  { key: 'perPage', label: 'سلاسل التعليقات في كل صفحة', min: 5, max: 200 },
  { key: 'maxDepth', label: 'أقصى عمق للردود', min: 1, max: 5 },
  { key: 'reportsToHold', label: 'عدد البلاغات الذي يعيد التعليق إلى المراجعة', min: 1, max: 100 },
]

export function CommentSettingsPage({ staff, csrf, settings, notice, error }: { staff: Staff; csrf: string; settings: CommentSettings; notice?: string; error?: string }) {
  return (
    <NewsroomLayout staff={staff} title="إعدادات التعليقات" csrf={csrf} current="/newsroom/comments">
      <section class="nr-panel" aria-labelledby="settings-heading">
        <h1 id="settings-heading">إعدادات التعليقات</h1>
        <p>
          <a href="/newsroom/comments">العودة إلى قائمة التعليقات</a>
        </p>
        {notice ? <p class="nr-notice" role="status" safe>{notice}</p> : ''}
        {error ? <p class="nr-error" role="alert" safe>{error}</p> : ''}
        <form method="post" action="/newsroom/comments/settings" class="nr-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <p class="nr-field">
            <label>
              <input type="checkbox" name="holdFirstTime" value="1" checked={settings.holdFirstTime} /> احجز أول تعليق لكل معلّق للمراجعة
            </label>
          </p>
          <p class="nr-field">
            <label>
              <input type="checkbox" name="autoApproveKnown" value="1" checked={settings.autoApproveKnown} /> انشر فوراً تعليقات من سبقت الموافقة على تعليق له (الاسم والبريد نفسهما)
            </label>
          </p>
          {NUMBER_SETTINGS.map((s) => (
            <p class="nr-field">
              <label for={`setting-${s.key}`} safe>{s.label}</label>
              <input id={`setting-${s.key}`} name={s.key} type="number" min={String(s.min)} max={String(s.max)} value={String(settings[s.key])} required />
            </p>
          ))}
          <p class="nr-field">
            <label for="setting-holdWords">كلمات تحجز التعليق للمراجعة (كلمة أو عبارة في كل سطر)</label>
            <textarea id="setting-holdWords" name="holdWords" rows="5" dir="auto" safe>
              {settings.holdWords.join('\n')}
            </textarea>
          </p>
          <p class="nr-field">
            <label for="setting-rejectWords">كلمات تمنع نشر التعليق (كلمة أو عبارة في كل سطر)</label>
            <textarea id="setting-rejectWords" name="rejectWords" rows="5" dir="auto" safe>
              {settings.rejectWords.join('\n')}
            </textarea>
          </p>
          <p>
            <button type="submit">حفظ الإعدادات</button>
          </p>
        </form>
        <form method="post" action="/newsroom/comments/article" class="nr-form" aria-labelledby="article-heading">
          <h2 id="article-heading">فتح التعليقات أو إغلاقها على خبر</h2>
          <input type="hidden" name="_csrf" value={csrf} />
          <p class="nr-field">
            <label for="article-id">رقم الخبر</label>
            <input id="article-id" name="articleId" type="number" min="1" required />
          </p>
          <p>
            <button type="submit" name="open" value="0">
              أغلق التعليقات
            </button>{' '}
            <button type="submit" name="open" value="1">
              افتح التعليقات
            </button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}
