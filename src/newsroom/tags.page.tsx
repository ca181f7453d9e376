import type { TagEntry } from '../articles/index.js'
import { CsrfInput, FormMessages, listHref, NewsroomLayout, Pager, TextField, type FormProblem, type Staff } from '../staff/index.js'
import { formatter, pluralize } from '../views/index.js'
import { articlesText } from './sections.page.js'

export const TAG_NOTICES = {
  created: 'أُضيف الوسم.',
  saved: 'حُفظ الاسم الجديد للوسم.',
  merged: 'دُمج الوسم في هذا الوسم، وصارت مقالاته تحمله.',
  deleted: 'حُذف الوسم وأُزيل من مقالاته.',
}

const format = formatter({ locale: 'ar', digits: 'latn', timeZone: 'UTC' })
const tagsText = (n: number) => pluralize(format, n, { zero: 'لا وسوم', one: 'وسم واحد', two: 'وسمان', few: '{n} وسوم', many: '{n} وسماً', other: '{n} وسم' })

/** The list's address for a search and a page. */
export const tagsHref = (q: string, page = 1) => listHref('/newsroom/tags', q, page)

interface Desk {
  staff: Staff
  csrf: string
  notice?: string
}

function TagFields({ prefix, values, problem }: { prefix: string; values: Record<string, string>; problem?: FormProblem }) {
  return (
    <>
      <TextField id={`${prefix}-name`} name="name" label="اسم الوسم" value={values.name} problem={problem} required maxlength={100} />
      <TextField id={`${prefix}-slug`} name="slug" label="المعرّف في الرابط" value={values.slug} problem={problem} maxlength={80} hint="اتركه فارغاً ليُشتق من الاسم." />
    </>
  )
}

/** /newsroom/tags: search, a page of tags with their article counts, and a form for a new one. */
export function TagsPage(props: Desk & { tags: TagEntry[]; total: number; q: string; page: number; pages: number; values?: Record<string, string>; problem?: FormProblem }) {
  const { staff, csrf, tags, total, q, page, pages, notice, values, problem } = props
  return (
    <NewsroomLayout staff={staff} title="الوسوم" csrf={csrf} current="/newsroom/tags">
      <section class="nr-panel" aria-labelledby="tags-heading">
        <h1 id="tags-heading">الوسوم</h1>
        <FormMessages notice={notice} />
        <form method="get" action="/newsroom/tags" class="nr-search" role="search">
          <label for="tags-q">ابحث في الوسوم</label>
          <input id="tags-q" type="search" name="q" value={q} maxlength="200" dir="auto" />
          <button type="submit">ابحث</button>
        </form>
        <p class="nr-count" safe>
          {q ? `${tagsText(total)} تطابق «${q}»` : tagsText(total)}
        </p>
        {tags.length > 0 ? (
          <div class="nr-table-wrap">
            <table class="nr-table">
              <thead>
                <tr>
                  <th scope="col">الوسم</th>
                  <th scope="col">المعرّف</th>
                  <th scope="col">المقالات</th>
                </tr>
              </thead>
              <tbody>
                {tags.map((tag) => (
                  <tr>
                    <td>
                      <a href={`/newsroom/tags/${tag.id}`} safe>
                        {tag.name}
                      </a>
                    </td>
                    <td class="nr-slug">
                      <bdi safe>{tag.slug}</bdi>
                    </td>
                    <td safe>{format.number(tag.articleCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          ''
        )}
        <Pager page={page} pages={pages} hrefOf={(n) => tagsHref(q, n)} />
      </section>
      <section class="nr-panel" aria-labelledby="new-tag-heading">
        <h2 id="new-tag-heading">وسم جديد</h2>
        <form method="post" action="/newsroom/tags" class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problem} />
          <TagFields prefix="new-tag" values={values ?? {}} problem={problem} />
          <p>
            <button type="submit">أضف الوسم</button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}

/** Which of the tag page's forms was refused. */
export type TagForm = 'rename' | 'merge'

/** /newsroom/tags/:id: rename, merge into another tag, delete. */
export function TagEditPage(props: Desk & { tag: TagEntry; form?: TagForm; values?: Record<string, string>; problem?: FormProblem }) {
  const { staff, csrf, tag, notice, form, values, problem } = props
  const renameValues = form === 'rename' && values ? values : { name: tag.name, slug: tag.slug }
  const mergeValues = form === 'merge' && values ? values : {}
  return (
    <NewsroomLayout staff={staff} title={`الوسم: ${tag.name}`} csrf={csrf} current="/newsroom/tags">
      <section class="nr-panel" aria-labelledby="tag-heading">
        <p class="nr-back">
          <a href="/newsroom/tags">كل الوسوم</a>
        </p>
        <h1 id="tag-heading" safe>
          {`الوسم: ${tag.name}`}
        </h1>
        <p>
          <a href={tag.path} safe>
            {`صفحة الوسم على الموقع (${articlesText(tag.articleCount)})`}
          </a>
        </p>
        <FormMessages notice={notice} />
        <form method="post" action={`/newsroom/tags/${tag.id}`} class="nr-form" aria-labelledby="rename-heading">
          <h2 id="rename-heading">الاسم والمعرّف</h2>
          <CsrfInput csrf={csrf} />
          <FormMessages problem={form === 'rename' ? problem : undefined} />
          <TagFields prefix="tag" values={renameValues} problem={form === 'rename' ? problem : undefined} />
          <p>
            <button type="submit">احفظ</button>
          </p>
        </form>
      </section>
      <section class="nr-panel" aria-labelledby="merge-heading">
        <h2 id="merge-heading">الدمج في وسم آخر</h2>
        <form method="post" action={`/newsroom/tags/${tag.id}/merge`} class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages problem={form === 'merge' ? problem : undefined} />
          <TextField
            id="merge-into"
            name="into"
            label="الوسم المدموج فيه"
            value={mergeValues.into}
            problem={form === 'merge' ? problem : undefined}
            required
            maxlength={200}
            hint={`اكتب اسم الوسم الباقي أو معرّفه. تنتقل إليه مقالات «${tag.name}» ثم يُحذف هذا الوسم.`}
          />
          <p>
            <button type="submit">ادمج</button>
          </p>
        </form>
      </section>
      <section class="nr-panel nr-danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">حذف الوسم</h2>
        <form method="post" action={`/newsroom/tags/${tag.id}/delete`} class="nr-form">
          <CsrfInput csrf={csrf} />
          <p>{tag.articleCount > 0 ? `يحمل هذا الوسم ${articlesText(tag.articleCount)}؛ حذفه يزيله منها وتبقى المقالات نفسها.` : 'لا يحمل هذا الوسم أي مقال.'}</p>
          <p>
            <button type="submit" class="nr-danger">
              احذف الوسم
            </button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}
