import type { SectionEntry } from '../articles/index.js'
import { CheckField, CsrfInput, FormMessages, NewsroomLayout, TextField, type FormProblem, type Staff } from '../staff/index.js'
import { formatter, pluralize } from '../views/index.js'

/** Confirmations after a 303 (`?done=`). */
export const SECTION_NOTICES = {
  created: 'أُضيف القسم في آخر الترتيب.',
  saved: 'حُفظت تغييرات القسم.',
  moved: 'تغيّر ترتيب الأقسام.',
  deleted: 'حُذف القسم.',
}

// The desk counts with Western digits whatever the reader site shows.
const format = formatter({ locale: 'ar', digits: 'latn', timeZone: 'UTC' })

/** «12 مقالاً», «مقالان»…: how many articles, in the right Arabic plural. */
export function articlesText(n: number): string {
  return pluralize(format, n, { zero: 'لا مقالات', one: 'مقال واحد', two: 'مقالان', few: '{n} مقالات', many: '{n} مقالاً', other: '{n} مقال' })
}

const yesNo = (value: boolean) => (value ? 'نعم' : 'لا')

interface PageProps {
  staff: Staff
  csrf: string
  notice?: string
  /** A refused form's typed values and problem. */
  values?: Record<string, string>
  problem?: FormProblem
}

function SectionFields({ prefix, values, problem }: { prefix: string; values: Record<string, string>; problem?: FormProblem }) {
  return (
    <>
      <TextField id={`${prefix}-name`} name="name" label="اسم القسم" value={values.name} problem={problem} required maxlength={100} />
      <TextField
        id={`${prefix}-slug`}
        name="slug"
        label="المعرّف في الرابط"
        value={values.slug}
        problem={problem}
        maxlength={80}
        hint="يظهر في عنوان صفحة القسم. اتركه فارغاً ليُشتق من الاسم."
      />
      <TextField id={`${prefix}-description`} name="description" label="الوصف" value={values.description} problem={problem} rows={3} maxlength={500} />
      <CheckField id={`${prefix}-onHome`} name="onHome" label="يظهر في الصفحة الرئيسية" checked={values.onHome === '1'} />
      <CheckField id={`${prefix}-legal`} name="requiresLegalReview" label="تتطلب مراجعة قانونية" checked={values.requiresLegalReview === '1'} />
    </>
  )
}

/** /newsroom/sections: every section in order, moved up or down in place; a form for a new one. */
export function SectionsPage({ staff, csrf, sections, notice, values, problem }: PageProps & { sections: SectionEntry[] }) {
  return (
    <NewsroomLayout staff={staff} title="الأقسام" csrf={csrf} current="/newsroom/sections">
      <section class="nr-panel" aria-labelledby="sections-heading">
        <h1 id="sections-heading">الأقسام</h1>
        <FormMessages notice={notice} />
        {sections.length === 0 ? (
          <p>لا أقسام بعد.</p>
        ) : (
          <div class="nr-table-wrap">
            <table class="nr-table">
              <thead>
                <tr>
                  <th scope="col">الترتيب</th>
                  <th scope="col">القسم</th>
                  <th scope="col">المعرّف</th>
                  <th scope="col">المقالات</th>
                  <th scope="col">في الرئيسية</th>
                  <th scope="col">مراجعة قانونية</th>
                </tr>
              </thead>
              <tbody>
                {sections.map((s, i) => (
                  <tr>
                    <td>
                      <form method="post" action={`/newsroom/sections/${s.id}/move`} class="nr-order">
                        <CsrfInput csrf={csrf} />
                        <button type="submit" name="direction" value="up" disabled={i === 0} aria-label={`انقل «${s.name}» إلى أعلى`}>
                          ↑
                        </button>
                        <button type="submit" name="direction" value="down" disabled={i === sections.length - 1} aria-label={`انقل «${s.name}» إلى أسفل`}>
                          ↓
                        </button>
                      </form>
                    </td>
                    <td>
                      <a href={`/newsroom/sections/${s.id}`} safe>
                        {s.name}
                      </a>
                    </td>
                    <td class="nr-slug">
                      <bdi safe>{s.slug}</bdi>
                    </td>
                    <td safe>{format.number(s.articleCount)}</td>
                    <td>{yesNo(s.onHome)}</td>
                    <td>{yesNo(s.requiresLegalReview)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="nr-panel" aria-labelledby="new-section-heading">
        <h2 id="new-section-heading">قسم جديد</h2>
        <form method="post" action="/newsroom/sections" class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problem} />
          <SectionFields prefix="new-section" values={values ?? { onHome: '1' }} problem={problem} />
          <p>
            <button type="submit">أضف القسم</button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}

/** /newsroom/sections/:id: name, slug, description and flags; deleting an empty section. */
export function SectionEditPage({ staff, csrf, section, notice, values, problem, deleteProblem }: PageProps & { section: SectionEntry; deleteProblem?: FormProblem }) {
  const shown = values ?? {
    name: section.name,
    slug: section.slug,
    description: section.description,
    onHome: section.onHome ? '1' : '',
    requiresLegalReview: section.requiresLegalReview ? '1' : '',
  }
  return (
    <NewsroomLayout staff={staff} title={`القسم: ${section.name}`} csrf={csrf} current="/newsroom/sections">
      <section class="nr-panel" aria-labelledby="section-heading">
        <p class="nr-back">
          <a href="/newsroom/sections">كل الأقسام</a>
        </p>
        <h1 id="section-heading" safe>
          {`القسم: ${section.name}`}
        </h1>
        <p>
          <a href={section.path} safe>
            {`صفحة القسم على الموقع (${articlesText(section.articleCount)})`}
          </a>
        </p>
        <form method="post" action={`/newsroom/sections/${section.id}`} class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages notice={notice} problem={problem} />
          <SectionFields prefix="section" values={shown} problem={problem} />
          <p>
            <button type="submit">احفظ التغييرات</button>
          </p>
        </form>
      </section>
      <section class="nr-panel nr-danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">حذف القسم</h2>
        <FormMessages problem={deleteProblem} />
        {section.articleCount > 0 ? (
          <p safe>{`في هذا القسم ${articlesText(section.articleCount)}، فلا يُحذف قبل نقلها إلى قسم آخر.`}</p>
        ) : (
          <form method="post" action={`/newsroom/sections/${section.id}/delete`} class="nr-form">
            <CsrfInput csrf={csrf} />
            <p>لا مقالات في هذا القسم؛ يمكن حذفه.</p>
            <p>
              <button type="submit" class="nr-danger">
                احذف القسم
              </button>
            </p>
          </form>
        )}
      </section>
    </NewsroomLayout>
  )
}
