import type { Correction } from '../articles/index.js'
import type { DiffPart, EditorialArticle, WorkflowEvent } from '../articles/index.js'
import { NewsroomLayout, type Staff } from '../staff/index.js'
import { assetUrl, type Formatter } from '../views/index.js'
import type { ArticleForm, FormAction } from './desk-form.js'
import { DateTime, DiffLegend, LegalBadge, Notices, PlacementBadges, StatusBadge, WordDiff, WorkflowHistory } from './desk-views.js'

/** The editor bundle's files (src/newsroom/editor-assets.ts); without them the body is a plain HTML textarea. */
export interface EditorAssets {
  js: string
  css: string
}

/** Hosts whose links the editor turns into embeds (the reader page renders them safely). */
export const EMBED_HOSTS = 'youtube.com youtu.be x.com twitter.com instagram.com vimeo.com soundcloud.com facebook.com'

/** A save refused because someone else saved first: their version, and how it differs from the person's. */
export interface ConflictView {
  theirs: { version: number; title: string; summary: string; bodyText: string; updatedBy: string | null; updatedAt: Date }
  changes: { label: string; parts: DiffPart[] }[]
}

/** What the person may do here, worked out by the route from the article policy. */
export interface EditorCapabilities {
  edit: boolean
  publish: boolean
  actions: { action: FormAction; label: string }[]
  autosave: boolean
  /** Corrections and replies (articles.correct). */
  correct: boolean
}

export interface ArticleEditProps {
  staff: Staff
  csrf: string
  format: Formatter
  timeZone: string
  /** Absent on /newsroom/articles/new. */
  article?: EditorialArticle
  form: ArticleForm
  sections: { slug: string; name: string }[]
  can: EditorCapabilities
  events: WorkflowEvent[]
  thumbnail?: { src: string; alt: string }
  assets?: EditorAssets
  notice?: string
  /** A refusal; `field` puts the message beside that field. */
  error?: { field?: string; message: string }
  conflict?: ConflictView
  previewUrl?: string
  corrections?: Correction[]
  /** What was typed in a refused correction form. */
  correctionForm?: { kind: string; body: string; party: string }
}

type ErrorProp = ArticleEditProps['error']

/** The message beside a field, when the refusal names it. */
function FieldError({ error, field }: { error: ErrorProp; field: string }) {
  if (error?.field !== field) return ''
  return (
    <p class="nr-field-error" id={`err-${field}`} safe>
      {error.message}
    </p>
  )
}

/** aria-invalid and aria-describedby for the field a refusal names. */
const invalid = (error: ErrorProp, field: string) => (error?.field === field ? { 'aria-invalid': 'true', 'aria-describedby': `err-${field}` } : {})

/** The fields the form shows; a refusal naming anything else is shown at the top only. */
const FORM_FIELDS = new Set(['title', 'slug', 'summary', 'bodyHtml', 'section', 'tags', 'authors', 'sources', 'dateline', 'featuredImage', 'placement', 'urgent', 'requiresLegalReview', 'seoTitle', 'seoDescription', 'publishAt'])

function ConflictPanel({ conflict, format, editHref }: { conflict: ConflictView; format: Formatter; editHref: string }) {
  const { theirs } = conflict
  return (
    <section class="nr-conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">حفظ شخص آخر هذه المقالة قبلك</h2>
      <p>
        <strong safe>{theirs.updatedBy ?? 'شخص آخر'}</strong> حفظ النسخة <span safe>{format.number(theirs.version)}</span> في{' '}
        <DateTime format={format} date={theirs.updatedAt} />. لم يُحفظ نصك بعد، وهو باقٍ كما كتبته في النموذج أدناه.
      </p>
      <div class="nr-conflict-columns">
        <div class="nr-conflict-theirs">
          <h3>نسختهم المحفوظة</h3>
          <p class="nr-conflict-title" dir="auto" safe>
            {theirs.title}
          </p>
          {theirs.summary ? (
            <p class="nr-muted" dir="auto" safe>
              {theirs.summary}
            </p>
          ) : (
            ''
          )}
          <div class="nr-conflict-text" dir="auto" safe>
            {theirs.bodyText}
          </div>
        </div>
        <div class="nr-conflict-diff">
          <h3>الفرق بين نسختهم ونسختك</h3>
          <DiffLegend />
          {conflict.changes.length === 0 ? (
            <p>لا فرق في العنوان والموجز والنص؛ الاختلاف في حقول أخرى.</p>
          ) : (
            conflict.changes.map((c) => (
              <div class="nr-diff-field">
                <h4 safe>{c.label}</h4>
                <WordDiff parts={c.parts} />
              </div>
            ))
          )}
        </div>
      </div>
      <p>
        اضغط «حفظ» لتحفظ نسختك فوق نسختهم (تبقى النسختان في سجل النسخ)، أو <a href={editHref}>افتح نسختهم</a> وتخلَّ عن تعديلاتك.
      </p>
    </section>
  )
}

function LegalPanel({ article, format }: { article: EditorialArticle; format: Formatter }) {
  const { legal } = article
  if (!legal.required && !legal.status) return <p class="nr-muted">لا تتطلب مراجعة قانونية.</p>
  return (
    <div class="nr-legal-box">
      <p>
        <LegalBadge legal={legal} />
      </p>
      {legal.requiredBySection ? <p class="nr-muted">القسم يتطلب المراجعة القانونية لكل مقالاته.</p> : ''}
      {legal.decidedBy && legal.decidedAt ? (
        <p class="nr-muted">
          <span safe>{legal.decidedBy.name}</span>، <DateTime format={format} date={legal.decidedAt} />
        </p>
      ) : (
        ''
      )}
      {legal.note && legal.status !== 'returned' ? (
        <p class="nr-legal-note" dir="auto" safe>
          {legal.note}
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

/** The lawyer's note on a returned article: the first thing its author sees. */
function ReturnedNote({ article, format }: { article: EditorialArticle; format: Formatter }) {
  if (article.legal.status !== 'returned') return ''
  return (
    <section class="nr-returned" role="note" aria-labelledby="returned-heading">
      <h2 id="returned-heading">أعاد المستشار القانوني هذه المقالة</h2>
      <p class="nr-legal-note" dir="auto" safe>
        {article.legal.note}
      </p>
      <p class="nr-muted">
        <span safe>{article.legal.decidedBy?.name ?? ''}</span>
        {article.legal.decidedAt ? (
          <>
            {'، '}
            <DateTime format={format} date={article.legal.decidedAt} />
          </>
        ) : (
          ''
        )}
        . عدّل المقالة ثم أرسلها للمراجعة من جديد.
      </p>
    </section>
  )
}

/** /newsroom/articles/new and /newsroom/articles/:id/edit: the article form (the editor contract's server side). */
export function ArticleEditPage(props: ArticleEditProps) {
  const { staff, csrf, format, article, form, sections, can, error, assets } = props
  const isNew = !article
  const action = isNew ? '/newsroom/articles' : `/newsroom/articles/${article.id}`
  const heading = isNew ? 'مقالة جديدة' : 'تحرير مقالة'
  const sectionKnown = sections.some((s) => s.slug === form.section)
  const lockedLegal = !can.publish && article?.requiresLegalReview === true
  const schedule = can.actions.some((a) => a.action === 'schedule')
  return (
    <NewsroomLayout staff={staff} title={isNew ? heading : article.title} csrf={csrf} current="/newsroom/articles">
      {assets ? (
        <>
          <link rel="stylesheet" href={assets.css} />
          <script type="module" src={assets.js}></script>
        </>
      ) : (
        ''
      )}
      <script type="module" src={assetUrl('newsroom-suggest.js')}></script>
      <div class="nr-page-head">
        <p class="nr-crumbs">
          <a href="/newsroom/articles">المقالات</a>
          {article ? (
            <>
              {' · '}
              <a href={`/newsroom/articles/${article.id}/revisions`}>سجل النسخ</a>
              {article.status === 'published' ? (
                <>
                  {' · '}
                  <a href={article.path}>عرض على الموقع</a>
                </>
              ) : (
                ''
              )}
            </>
          ) : (
            ''
          )}
        </p>
        <h1 id="editor-heading">
          <span>{heading}</span>
          {article ? (
            <>
              {' '}
              <StatusBadge status={article.status} /> <PlacementBadges urgent={article.urgent} placement={article.placement} />
            </>
          ) : (
            ''
          )}
        </h1>
      </div>
      <Notices notice={props.notice} error={error ? error.message : undefined} />
      {article ? <ReturnedNote article={article} format={format} /> : ''}
      {props.conflict && article ? <ConflictPanel conflict={props.conflict} format={format} editHref={`/newsroom/articles/${article.id}/edit`} /> : ''}
      {!can.edit ? <p class="nr-notice">هذه المقالة للقراءة فقط: لا يمكنك تعديلها في حالتها الحالية.</p> : ''}
      <form
        id="article-form"
        class="nr-form nr-editor"
        method="post"
        action={action}
        aria-labelledby="editor-heading"
        data-autosave-url={article && can.autosave ? `/newsroom/articles/${article.id}/autosave` : undefined}
        data-media-url="/newsroom/media.json"
        data-embed-hosts={EMBED_HOSTS}
        novalidate
      >
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="version" value={form.version} />
        <fieldset class="nr-editor-main" disabled={!can.edit}>
          <legend class="visually-hidden">نص المقالة</legend>
          <div class="nr-field">
            <label for="f-title">العنوان</label>
            <input id="f-title" name="title" type="text" dir="auto" required maxlength="300" value={form.title} class="nr-title-input" {...invalid(error, 'title')} />
            <FieldError error={error} field="title" />
          </div>
          <div class="nr-field">
            <label for="f-slug">الرابط المختصر</label>
            <input id="f-slug" name="slug" type="text" dir="auto" maxlength="200" value={form.slug} aria-describedby="f-slug-hint" {...invalid(error, 'slug')} />
            <p class="nr-hint" id="f-slug-hint">
              يُصنع من العنوان إن تُرك فارغاً؛ حروف وأرقام وشرطات.
            </p>
            <FieldError error={error} field="slug" />
          </div>
          <div class="nr-field">
            <label for="f-summary">الموجز</label>
            <textarea id="f-summary" name="summary" rows="3" dir="auto" maxlength="1000" {...invalid(error, 'summary')} safe>
              {form.summary}
            </textarea>
            <FieldError error={error} field="summary" />
          </div>
          <div class="nr-field editor-field">
            <label for="body-html">نص المقال</label>
            <textarea id="body-html" name="bodyHtml" dir="rtl" rows="22" {...invalid(error, 'bodyHtml')} safe>
              {form.bodyHtml}
            </textarea>
            <FieldError error={error} field="bodyHtml" />
          </div>
          <div class="nr-field-row">
            <div class="nr-field">
              <label for="f-section">القسم</label>
              <select id="f-section" name="section" required {...invalid(error, 'section')}>
                {sectionKnown ? '' : <option value="">اختر القسم</option>}
                {sections.map((s) => (
                  <option value={s.slug} selected={s.slug === form.section} safe>
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldError error={error} field="section" />
            </div>
            <div class="nr-field">
              <label for="f-dateline">مكان الخبر</label>
              <input id="f-dateline" name="dateline" type="text" dir="auto" maxlength="200" value={form.dateline} placeholder="مثلاً: الرياض" {...invalid(error, 'dateline')} />
              <FieldError error={error} field="dateline" />
            </div>
          </div>
          <div class="nr-field">
            <label for="f-tags">الوسوم</label>
            <input
              id="f-tags"
              name="tags"
              type="text"
              dir="auto"
              value={form.tags}
              list="tag-suggestions"
              autocomplete="off"
              data-suggest-url="/newsroom/articles/suggest/tags"
              aria-describedby="f-tags-hint"
              {...invalid(error, 'tags')}
            />
            <datalist id="tag-suggestions"></datalist>
            <p class="nr-hint" id="f-tags-hint">
              افصل بين الوسوم بفاصلة؛ الوسم الجديد يُنشأ عند الحفظ.
            </p>
            <FieldError error={error} field="tags" />
          </div>
          <div class="nr-field">
            <label for="f-authors">الكتّاب (بالترتيب، كاتب في كل سطر)</label>
            <textarea id="f-authors" name="authors" rows="2" dir="auto" aria-describedby="f-authors-hint" {...invalid(error, 'authors')} safe>
              {form.authors}
            </textarea>
            <input
              type="text"
              dir="auto"
              class="nr-append"
              list="people-suggestions"
              autocomplete="off"
              data-suggest-url="/newsroom/articles/suggest/people"
              data-append-to="f-authors"
              aria-label="إضافة كاتب من الأسماء المعروفة"
              placeholder="أضف كاتباً…"
              hidden
            />
            <datalist id="people-suggestions"></datalist>
            <p class="nr-hint" id="f-authors-hint">
              اسم موجود يُربط بصفحته، واسم جديد يُضاف إلى الكتّاب عند الحفظ.
            </p>
            <FieldError error={error} field="authors" />
          </div>
          <div class="nr-field">
            <label for="f-sources">المصادر (مصدر في كل سطر: الاسم | الرابط)</label>
            <textarea id="f-sources" name="sources" rows="2" dir="auto" placeholder="وكالة الأنباء | https://…" {...invalid(error, 'sources')} safe>
              {form.sources}
            </textarea>
            <FieldError error={error} field="sources" />
          </div>
          <div class="nr-field nr-image-field">
            <label for="f-image">الصورة الرئيسية (رقم الصورة في المكتبة)</label>
            <div class="nr-image-pick">
              {props.thumbnail ? <img src={props.thumbnail.src} alt={props.thumbnail.alt} class="nr-thumb" width="120" /> : ''}
              <input id="f-image" name="featuredImage" type="number" min="1" inputmode="numeric" value={form.featuredImage} {...invalid(error, 'featuredImage')} />
              <a class="nr-button nr-button-quiet" href="/newsroom/media" target="_blank" data-pick-image="f-image">
                اختيار صورة
              </a>
            </div>
            <FieldError error={error} field="featuredImage" />
          </div>
          <fieldset class="nr-subfields">
            <legend>محركات البحث</legend>
            <div class="nr-field">
              <label for="f-seo-title">عنوان محركات البحث</label>
              <input id="f-seo-title" name="seoTitle" type="text" dir="auto" maxlength="300" value={form.seoTitle} placeholder="العنوان نفسه إن تُرك فارغاً" {...invalid(error, 'seoTitle')} />
              <FieldError error={error} field="seoTitle" />
            </div>
            <div class="nr-field">
              <label for="f-seo-description">وصف محركات البحث</label>
              <textarea id="f-seo-description" name="seoDescription" rows="2" dir="auto" maxlength="500" {...invalid(error, 'seoDescription')} safe>
                {form.seoDescription}
              </textarea>
              <FieldError error={error} field="seoDescription" />
            </div>
          </fieldset>
        </fieldset>
        <aside class="nr-editor-side" aria-label="النشر">
          <fieldset class="nr-box" disabled={!can.edit}>
            <legend>الخيارات</legend>
            {can.publish ? (
              <>
                <label class="nr-check">
                  <input type="checkbox" name="urgent" value="1" checked={form.urgent} /> عاجل (يظهر في شريط الأخبار العاجلة)
                </label>
                <div class="nr-field">
                  <label for="f-placement">الموقع في الصفحة الرئيسية</label>
                  <select id="f-placement" name="placement" {...invalid(error, 'placement')}>
                    <option value="" selected={form.placement === ''}>
                      بلا
                    </option>
                    <option value="lead" selected={form.placement === 'lead'}>
                      الخبر الرئيسي
                    </option>
                    <option value="top" selected={form.placement === 'top'}>
                      من أبرز الأخبار
                    </option>
                  </select>
                  <FieldError error={error} field="placement" />
                </div>
              </>
            ) : (
              ''
            )}
            <label class="nr-check">
              <input
                type="checkbox"
                name="requiresLegalReview"
                value="1"
                checked={lockedLegal || form.requiresLegalReview}
                disabled={lockedLegal}
                {...invalid(error, 'requiresLegalReview')}
              />{' '}
              تتطلب مراجعة قانونية{lockedLegal ? ' (طلبها المحرر)' : ''}
            </label>
            <FieldError error={error} field="requiresLegalReview" />
            <label class="nr-check">
              <input type="checkbox" name="commentsOpen" value="1" checked={form.commentsOpen} /> التعليقات مفتوحة
            </label>
          </fieldset>
          {can.actions.length > 0 ? (
            <fieldset class="nr-box nr-actions">
              <legend>الحفظ والنشر</legend>
              {schedule ? (
                <div class="nr-field">
                  <label for="f-publish-at">موعد النشر</label>
                  <input id="f-publish-at" name="publishAt" type="datetime-local" value={form.publishAt} aria-describedby="f-publish-at-hint" {...invalid(error, 'publishAt')} />
                  <p class="nr-hint" id="f-publish-at-hint">
                    بتوقيت غرفة الأخبار (<span dir="ltr" safe>{props.timeZone}</span>)
                  </p>
                  <FieldError error={error} field="publishAt" />
                </div>
              ) : (
                ''
              )}
              <div class="nr-buttons">
                {can.actions.map((a, i) => (
                  <button type="submit" name="action" value={a.action} class={i === 0 ? 'nr-primary' : a.action === 'unpublish' ? 'nr-danger' : 'nr-secondary'} safe>
                    {a.label}
                  </button>
                ))}
              </div>
              {error && !FORM_FIELDS.has(error.field ?? '') ? (
                <p class="nr-field-error" safe>
                  {error.message}
                </p>
              ) : (
                ''
              )}
            </fieldset>
          ) : (
            ''
          )}
          {article ? (
            <>
              <section class="nr-box" aria-labelledby="legal-heading">
                <h2 id="legal-heading">المراجعة القانونية</h2>
                <LegalPanel article={article} format={format} />
              </section>
              <CorrectionsPanel article={article} corrections={props.corrections ?? []} canCorrect={props.can.correct} form={props.correctionForm} error={props.error} format={format} />
              <section class="nr-box" aria-labelledby="preview-heading">
                <h2 id="preview-heading">المعاينة</h2>
                {props.previewUrl ? (
                  <p>
                    <a href={props.previewUrl} class="nr-preview-link" dir="ltr" safe>
                      {props.previewUrl}
                    </a>
                  </p>
                ) : (
                  <p class="nr-muted">رابط سري يعرض آخر نسخة محفوظة قبل نشرها.</p>
                )}
                <button type="submit" form="preview-form" class="nr-secondary">
                  {props.previewUrl ? 'عرض رابط المعاينة' : 'إنشاء رابط المعاينة'}
                </button>
              </section>
              <section class="nr-box" aria-labelledby="history-heading">
                <h2 id="history-heading">سير العمل</h2>
                <p class="nr-muted">
                  أنشأها <span safe>{article.createdBy?.name ?? '—'}</span>، <DateTime format={format} date={article.createdAt} />
                  {article.updatedBy ? (
                    <>
                      . آخر حفظ: <span safe>{article.updatedBy.name}</span>، <DateTime format={format} date={article.updatedAt} />
                    </>
                  ) : (
                    ''
                  )}
                  {article.publishAt && article.status === 'scheduled' ? (
                    <>
                      . موعد النشر: <DateTime format={format} date={article.publishAt} />
                    </>
                  ) : (
                    ''
                  )}
                </p>
                <WorkflowHistory events={props.events} format={format} />
                <p>
                  <a href={`/newsroom/articles/${article.id}/revisions`}>سجل النسخ والمقارنة بينها</a>
                </p>
              </section>
            </>
          ) : (
            ''
          )}
        </aside>
      </form>
      {article ? (
        <>
          <form id="preview-form" method="post" action={`/newsroom/articles/${article.id}/preview`} hidden>
            <input type="hidden" name="_csrf" value={csrf} />
          </form>
          <form id="correction-form" method="post" action={`/newsroom/articles/${article.id}/corrections`} hidden>
            <input type="hidden" name="_csrf" value={csrf} />
          </form>
        </>
      ) : (
        ''
      )}
    </NewsroomLayout>
  )
}

/** Corrections and replies already shown on the article, and the form to add one (published articles, editors). */
function CorrectionsPanel(props: {
  article: EditorialArticle
  corrections: Correction[]
  canCorrect: boolean
  form?: { kind: string; body: string; party: string }
  error: ErrorProp
  format: Formatter
}) {
  const { article, corrections, form } = props
  const open = props.canCorrect && article.publishedAt !== null
  if (!open && corrections.length === 0) return ''
  return (
    <section class="nr-box" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">تصحيحات وردود</h2>
      {corrections.length > 0 ? (
        <ol class="nr-corrections">
          {corrections.map((c) => (
            <li>
              {c.kind === 'reply' ? (
                <strong>
                  ردّ من <span safe>{c.party}</span>
                </strong>
              ) : (
                <strong>تصحيح</strong>
              )} — <DateTime format={props.format} date={c.createdAt} />
              <p dir="auto" safe>
                {c.body}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        ''
      )}
      {open ? (
        <div class="nr-correction-form">
          <label for="correction-kind">النوع</label>
          <select id="correction-kind" name="kind" form="correction-form">
            <option value="correction" selected={form?.kind !== 'reply'}>
              تصحيح
            </option>
            <option value="reply" selected={form?.kind === 'reply'}>
              حق الرد
            </option>
          </select>
          <label for="correction-party">صاحب الردّ (لحق الرد)</label>
          <input id="correction-party" name="party" form="correction-form" dir="auto" maxlength="200" value={form?.party ?? ''} />
          <FieldError error={props.error} field="party" />
          <label for="correction-body">النص</label>
          <textarea id="correction-body" name="body" form="correction-form" dir="auto" rows="4" maxlength="2000" safe>
            {form?.body ?? ''}
          </textarea>
          <FieldError error={props.error} field="body" />
          <button type="submit" form="correction-form" class="nr-secondary">
            نشر على المقالة
          </button>
        </div>
      ) : (
        ''
      )}
    </section>
  )
}
