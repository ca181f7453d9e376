import type { PersonEntry } from '../people/index.js'
import { CsrfInput, FormMessages, listHref, NewsroomLayout, Pager, TextField, type FormProblem, type Staff } from '../staff/index.js'
import { formatter, pluralize } from '../views/index.js'
import { articlesText } from './sections.page.js'

export const PEOPLE_NOTICES = {
  created: 'أُضيف الكاتب.',
  saved: 'حُفظت بيانات الكاتب.',
  deleted: 'حُذف الكاتب.',
}

const format = formatter({ locale: 'ar', digits: 'latn', timeZone: 'UTC' })
const peopleText = (n: number) => pluralize(format, n, { zero: 'لا أحد', one: 'شخص واحد', two: 'شخصان', few: '{n} أشخاص', many: '{n} شخصاً', other: '{n} شخص' })

/** The list's address for a search and a page. */
export const peopleHref = (q: string, page = 1) => listHref('/newsroom/people', q, page)

interface Desk {
  staff: Staff
  csrf: string
  notice?: string
  values?: Record<string, string>
  problem?: FormProblem
}

function PersonFields({ prefix, values, problem }: { prefix: string; values: Record<string, string>; problem?: FormProblem }) {
  return (
    <>
      <TextField id={`${prefix}-name`} name="name" label="الاسم كما يظهر على المقالات" value={values.name} problem={problem} required maxlength={150} />
      <TextField id={`${prefix}-slug`} name="slug" label="المعرّف في الرابط" value={values.slug} problem={problem} maxlength={80} hint="يظهر في عنوان صفحة الكاتب. اتركه فارغاً ليُشتق من الاسم." />
      <TextField id={`${prefix}-jobTitle`} name="jobTitle" label="الصفة" value={values.jobTitle} problem={problem} maxlength={150} hint="مثل: مراسلة الشؤون الاقتصادية." />
      <TextField id={`${prefix}-bio`} name="bio" label="النبذة" value={values.bio} problem={problem} rows={4} maxlength={2000} />
    </>
  )
}

/** /newsroom/people: search and page through bylines; a form for a new person. */
export function PeoplePage(props: Desk & { people: PersonEntry[]; total: number; q: string; page: number; pages: number }) {
  const { staff, csrf, people, total, q, page, pages, notice, values, problem } = props
  return (
    <NewsroomLayout staff={staff} title="الكتّاب" csrf={csrf} current="/newsroom/people">
      <section class="nr-panel" aria-labelledby="people-heading">
        <h1 id="people-heading">الكتّاب</h1>
        <FormMessages notice={notice} />
        <form method="get" action="/newsroom/people" class="nr-search" role="search">
          <label for="people-q">ابحث بالاسم أو المعرّف</label>
          <input id="people-q" type="search" name="q" value={q} maxlength="200" dir="auto" />
          <button type="submit">ابحث</button>
        </form>
        <p class="nr-count" safe>
          {q ? `${peopleText(total)} يطابق «${q}»` : peopleText(total)}
        </p>
        {people.length > 0 ? (
          <div class="nr-table-wrap">
            <table class="nr-table">
              <thead>
                <tr>
                  <th scope="col">الاسم</th>
                  <th scope="col">الصفة</th>
                  <th scope="col">المقالات</th>
                  <th scope="col">في هيئة التحرير</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr>
                    <td>
                      <a href={`/newsroom/people/${p.id}`} safe>
                        {p.name}
                      </a>
                    </td>
                    <td safe>{p.title}</td>
                    <td safe>{format.number(p.articleCount)}</td>
                    <td>{p.mastheadPosition === null ? 'لا' : 'نعم'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          ''
        )}
        <Pager page={page} pages={pages} hrefOf={(n) => peopleHref(q, n)} />
      </section>
      <section class="nr-panel" aria-labelledby="new-person-heading">
        <h2 id="new-person-heading">كاتب جديد</h2>
        <form method="post" action="/newsroom/people" class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problem} />
          <PersonFields prefix="new-person" values={values ?? {}} problem={problem} />
          <p>
            <button type="submit">أضف الكاتب</button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}

/** /newsroom/people/:id: name, slug, title, bio; deleting someone with no byline. */
export function PersonEditPage({ staff, csrf, person, notice, values, problem, deleteProblem }: Desk & { person: PersonEntry; deleteProblem?: FormProblem }) {
  const shown = values ?? { name: person.name, slug: person.slug, jobTitle: person.title, bio: person.bio }
  return (
    <NewsroomLayout staff={staff} title={person.name} csrf={csrf} current="/newsroom/people">
      <section class="nr-panel" aria-labelledby="person-heading">
        <p class="nr-back">
          <a href="/newsroom/people">كل الكتّاب</a>
        </p>
        <h1 id="person-heading" safe>
          {person.name}
        </h1>
        <p>
          <a href={person.path} safe>
            {`صفحة الكاتب على الموقع (${articlesText(person.articleCount)})`}
          </a>
          {person.mastheadPosition !== null ? (
            <>
              {' · '}
              <a href="/newsroom/masthead">في هيئة التحرير</a>
            </>
          ) : (
            ''
          )}
        </p>
        <form method="post" action={`/newsroom/people/${person.id}`} class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages notice={notice} problem={problem} />
          <PersonFields prefix="person" values={shown} problem={problem} />
          <p>
            <button type="submit">احفظ</button>
          </p>
        </form>
      </section>
      <section class="nr-panel nr-danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">حذف الكاتب</h2>
        <FormMessages problem={deleteProblem} />
        {person.articleCount > 0 ? (
          <p safe>{`يحمل اسمه ${articlesText(person.articleCount)}، فلا يُحذف.`}</p>
        ) : (
          <form method="post" action={`/newsroom/people/${person.id}/delete`} class="nr-form">
            <CsrfInput csrf={csrf} />
            <p>لا مقالات باسمه؛ يمكن حذفه.</p>
            <p>
              <button type="submit" class="nr-danger">
                احذف الكاتب
              </button>
            </p>
          </form>
        )}
      </section>
    </NewsroomLayout>
  )
}
