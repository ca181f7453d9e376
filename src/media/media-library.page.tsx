import { NewsroomLayout, type Staff } from '../staff/index.js'
import { pluralize, type Formatter } from '../views/index.js'
import { ALT_MAX_LENGTH, CAPTION_MAX_LENGTH, CREDIT_MAX_LENGTH, type StoredImage } from './media.service.js'
import { ResponsiveImage } from './responsive-image.js'
import type { UploadFields } from './uploads.js'

const ACCEPTED = 'image/jpeg,image/png,image/webp,image/gif,image/avif,image/tiff'

/** A refused form: the Arabic message and the field it is about. */
export interface FieldError {
  field?: string
  message: string
}

/** The library's text fields, with the error beside the field at fault (shared by the upload and edit forms). */
export function ImageTextFields({ values, error, idPrefix }: { values: UploadFields; error?: FieldError; idPrefix: string }) {
  const fields = [
    { name: 'alt', label: 'النص البديل (وصف الصورة)', max: ALT_MAX_LENGTH, required: true, hint: 'مطلوب. صف ما في الصورة لمن لا يراها، في جملة قصيرة: يقرؤه قارئ الشاشة ويظهر إن لم تُحمَّل الصورة.' },
    { name: 'caption', label: 'التعليق على الصورة', max: CAPTION_MAX_LENGTH, required: false, hint: 'يظهر تحت الصورة في المقال.' },
    { name: 'credit', label: 'مصدر الصورة', max: CREDIT_MAX_LENGTH, required: false, hint: 'المصوّر أو الوكالة، مثل: قسم التصوير في نشرة.' },
  ] as const
  return (
    <>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`
        const wrong = error?.field === f.name
        return (
          <div class="nr-field">
            <label for={id}>{f.label}</label>
            <input
              id={id}
              name={f.name}
              type="text"
              dir="auto"
              maxlength={String(f.max)}
              required={f.required}
              value={values[f.name]}
              aria-invalid={wrong ? 'true' : undefined}
              aria-describedby={wrong ? `${id}-error ${id}-hint` : `${id}-hint`}
            />
            <p id={`${id}-hint`} class="nr-hint">
              {f.hint}
            </p>
            {wrong ? (
              <p id={`${id}-error`} class="nr-field-error" safe>
                {error!.message}
              </p>
            ) : (
              ''
            )}
          </div>
        )
      })}
    </>
  )
}

export interface MediaLibraryPageProps {
  staff: Staff
  csrf: string
  format: Formatter
  images: StoredImage[]
  total: number
  page: number
  pages: number
  q: string
  /** What the upload form shows: empty, or what was typed before a refusal. */
  form: UploadFields
  error?: FieldError
  notice?: string
}

const libraryHref = (q: string, page: number) => {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return `/newsroom/media${query ? `?${query}` : ''}`
}

/** /newsroom/media: upload an image with its words, search earlier uploads, newest first. */
export function MediaLibraryPage({ staff, csrf, format, images, total, page, pages, q, form, error, notice }: MediaLibraryPageProps) {
  return (
    <NewsroomLayout staff={staff} title="المكتبة الإعلامية" csrf={csrf} current="/newsroom/media">
      <section class="nr-panel nr-media" aria-labelledby="media-heading">
        <h1 id="media-heading">المكتبة الإعلامية</h1>
        {notice ? (
          <p class="nr-notice" role="status" safe>
            {notice}
          </p>
        ) : (
          ''
        )}
        <form class="nr-form nr-media-upload" method="post" action="/newsroom/media" enctype="multipart/form-data" aria-labelledby="upload-heading">
          <h2 id="upload-heading">رفع صورة</h2>
          {error ? (
            <p class="nr-error" role="alert" safe>
              {error.field === 'file' ? `${error.message} ما كتبته بقي في النموذج؛ اختر الصورة من جديد.` : error.message}
            </p>
          ) : (
            ''
          )}
          <input type="hidden" name="_csrf" value={csrf} />
          <ImageTextFields values={form} error={error} idPrefix="upload" />
          {/* Last, so the text fields arrive before the file's bytes. */}
          <div class="nr-field">
            <label for="upload-file">الصورة</label>
            <input
              id="upload-file"
              name="file"
              type="file"
              accept={ACCEPTED}
              required
              aria-invalid={error?.field === 'file' ? 'true' : undefined}
              aria-describedby="upload-file-hint"
            />
            <p id="upload-file-hint" class="nr-hint">
              JPEG أو PNG أو WebP أو GIF أو AVIF، حتى 20 ميغابايت. تُحفظ الصورة الأصلية وتُصنع منها نسخ بمقاسات عدة.
            </p>
          </div>
          <button type="submit">رفع الصورة</button>
        </form>

        <h2 id="library-heading">الصور المرفوعة</h2>
        <form class="nr-media-search" method="get" action="/newsroom/media" role="search" aria-label="البحث في المكتبة">
          <label for="media-q">ابحث في النص البديل والتعليق والمصدر</label>
          <input id="media-q" name="q" type="search" dir="auto" maxlength="200" value={q} />
          <button type="submit">بحث</button>
          {q ? <a href="/newsroom/media">كل الصور</a> : ''}
        </form>
        <p class="nr-meta" role="status" safe>
          {pluralize(format, total, {
            zero: q ? 'لا صور تطابق البحث.' : 'لا صور في المكتبة بعد.',
            one: 'صورة واحدة',
            two: 'صورتان',
            few: '{n} صور',
            many: '{n} صورة',
            other: '{n} صورة',
          })}
        </p>
        <ul class="nr-media-grid" aria-labelledby="library-heading">
          {images.map((image) => (
            <li class="nr-media-item">
              <a href={`/newsroom/media/${image.id}`} class="nr-media-thumb" aria-label={`تعديل الصورة ${image.id}`}>
                <ResponsiveImage image={image} sizes="(min-width: 72rem) 17rem, (min-width: 40rem) 33vw, 50vw" />
              </a>
              {image.alt ? (
                <p class="nr-media-alt" dir="auto" safe>
                  {image.alt}
                </p>
              ) : (
                <p class="nr-media-alt nr-missing">بلا نص بديل: لا تُنشر في مقال قبل وصفها.</p>
              )}
              {image.caption ? (
                <p class="nr-media-caption" dir="auto" safe>
                  {image.caption}
                </p>
              ) : (
                ''
              )}
              <p class="nr-meta">
                {image.credit ? <span dir="auto" safe>{image.credit}</span> : ''}
                <time datetime={image.createdAt.toISOString()} safe>
                  {format.date(image.createdAt)}
                </time>
                {image.uploaderName ? <span safe>{image.uploaderName}</span> : ''}
                <span dir="ltr" safe>{`${image.width}×${image.height}`}</span>
              </p>
              <a href={`/newsroom/media/${image.id}`}>تعديل الوصف</a>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav class="nr-pages" aria-label="صفحات المكتبة">
            {page > 1 ? (
              <a href={libraryHref(q, page - 1)} rel="prev">
                السابق
              </a>
            ) : (
              ''
            )}
            <span safe>{`صفحة ${format.number(page)} من ${format.number(pages)}`}</span>
            {page < pages ? (
              <a href={libraryHref(q, page + 1)} rel="next">
                التالي
              </a>
            ) : (
              ''
            )}
          </nav>
        ) : (
          ''
        )}
      </section>
    </NewsroomLayout>
  )
}
