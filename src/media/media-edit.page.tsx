import { NewsroomLayout, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'
import { ImageTextFields, type FieldError } from './media-library.page.js'
import type { StoredImage } from './media.service.js'
import { ResponsiveImage } from './responsive-image.js'
import type { UploadFields } from './uploads.js'

export interface MediaEditPageProps {
  staff: Staff
  csrf: string
  format: Formatter
  image: StoredImage
  /** What the form shows: the stored words, or what was typed before a refusal. */
  form: UploadFields
  error?: FieldError
  notice?: string
}

const TYPE_NAMES = { 'image/webp': 'WebP', 'image/jpeg': 'JPEG' } as const

/** /newsroom/media/:id: one image, its renditions, and its alt text, caption and credit to edit. */
export function MediaEditPage({ staff, csrf, format, image, form, error, notice }: MediaEditPageProps) {
  return (
    <NewsroomLayout staff={staff} title="تعديل وصف الصورة" csrf={csrf} current="/newsroom/media">
      <section class="nr-panel nr-media" aria-labelledby="media-edit-heading">
        <p>
          <a href="/newsroom/media">المكتبة الإعلامية</a>
        </p>
        <h1 id="media-edit-heading">تعديل وصف الصورة</h1>
        {notice ? (
          <p class="nr-notice" role="status" safe>
            {notice}
          </p>
        ) : (
          ''
        )}
        <div class="nr-media-edit">
          <figure class="nr-media-preview">
            <ResponsiveImage image={image} sizes="(min-width: 60rem) 36rem, 100vw" eager />
            <figcaption class="nr-meta">
              <span dir="ltr" safe>{`${image.width}×${image.height}`}</span>
              <time datetime={image.createdAt.toISOString()} safe>
                {format.dateTime(image.createdAt)}
              </time>
              {image.uploaderName ? <span safe>{`رفعها ${image.uploaderName}`}</span> : ''}
              {image.bytes ? <span safe>{`الأصل ${format.number(Math.round(image.bytes / 1024))} ك.ب`}</span> : ''}
            </figcaption>
          </figure>
          <form class="nr-form" method="post" action={`/newsroom/media/${image.id}`}>
            {error ? (
              <p class="nr-error" role="alert" safe>
                {error.message}
              </p>
            ) : (
              ''
            )}
            <input type="hidden" name="_csrf" value={csrf} />
            <ImageTextFields values={form} error={error} idPrefix="edit" />
            <button type="submit">حفظ الوصف</button>
          </form>
        </div>
        <h2>النسخ المتاحة</h2>
        <ul class="nr-media-variants">
          {image.variants.map((v) => (
            <li>
              <a href={v.url} dir="ltr" safe>{`${TYPE_NAMES[v.type]} ${v.width}w`}</a>
            </li>
          ))}
        </ul>
      </section>
    </NewsroomLayout>
  )
}
