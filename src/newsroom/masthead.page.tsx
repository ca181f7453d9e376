import type { Person, PersonEntry } from '../people/index.js'
import { CsrfInput, FormMessages, NewsroomLayout, type FormProblem, type Staff } from '../staff/index.js'

export const MASTHEAD_NOTICES = {
  added: 'أُضيف إلى هيئة التحرير.',
  saved: 'حُفظت الصفة وظهوره في الترويسة.',
  moved: 'تغيّر ترتيب هيئة التحرير.',
  removed: 'أُزيل من هيئة التحرير.',
}

/** A refused form on this page: whose entry (or which search result) and what was typed. */
export interface MastheadRefusal {
  form: 'entry' | 'add'
  personId: number
  values: Record<string, string>
  problem: FormProblem
}

interface Props {
  staff: Staff
  csrf: string
  entries: Person[]
  /** The search for someone to add, and what it found. */
  q: string
  candidates: PersonEntry[]
  notice?: string
  refusal?: MastheadRefusal
}

function EntryRow({ person, index, count, csrf, refusal }: { person: Person; index: number; count: number; csrf: string; refusal?: MastheadRefusal }) {
  const refused = refusal?.form === 'entry' && refusal.personId === person.id ? refusal : undefined
  const title = refused ? (refused.values.jobTitle ?? '') : person.title
  const inLine = refused ? refused.values.inMastheadLine === '1' : person.inMastheadLine
  const base = `/newsroom/masthead/${person.id}`
  return (
    <li class="nr-masthead-entry">
      <form method="post" action={base} class="nr-masthead-form">
        <CsrfInput csrf={csrf} />
        <a class="nr-masthead-name" href={`/newsroom/people/${person.id}`} safe>
          {person.name}
        </a>
        <span class="nr-masthead-title">
          <label for={`title-${person.id}`} class="visually-hidden" safe>
            {`صفة ${person.name} في هيئة التحرير`}
          </label>
          <input
            id={`title-${person.id}`}
            type="text"
            name="jobTitle"
            value={title}
            maxlength="150"
            dir="auto"
            required
            aria-invalid={refused ? 'true' : undefined}
            aria-describedby={refused ? `title-${person.id}-error` : undefined}
            autofocus={refused !== undefined}
          />
        </span>
        <label class="nr-inline-check">
          <input type="checkbox" name="inMastheadLine" value="1" checked={inLine} /> في ترويسة الموقع
        </label>
        <span class="nr-row-actions">
          <button type="submit">احفظ</button>
          <button type="submit" formaction={`${base}/move`} name="direction" value="up" disabled={index === 0} aria-label={`قدّم ${person.name}`}>
            ↑
          </button>
          <button type="submit" formaction={`${base}/move`} name="direction" value="down" disabled={index === count - 1} aria-label={`أخّر ${person.name}`}>
            ↓
          </button>
          <button type="submit" formaction={`${base}/remove`} class="nr-secondary">
            أزل
          </button>
        </span>
        {refused ? (
          <p class="nr-field-error" id={`title-${person.id}-error`} role="alert" safe>
            {refused.problem.message}
          </p>
        ) : (
          ''
        )}
      </form>
    </li>
  )
}

function Candidate({ person, q, csrf, refusal }: { person: PersonEntry; q: string; csrf: string; refusal?: MastheadRefusal }) {
  if (person.mastheadPosition !== null) {
    return (
      <li class="nr-candidate">
        <span safe>{person.name}</span> <span class="nr-badge">في الهيئة</span>
      </li>
    )
  }
  const refused = refusal?.form === 'add' && refusal.personId === person.id ? refusal : undefined
  return (
    <li class="nr-candidate">
      <form method="post" action="/newsroom/masthead" class="nr-masthead-form">
        <CsrfInput csrf={csrf} />
        <input type="hidden" name="personId" value={String(person.id)} />
        <input type="hidden" name="q" value={q} />
        <span class="nr-masthead-name" safe>
          {person.name}
        </span>
        <span class="nr-masthead-title">
          <label for={`add-title-${person.id}`} class="visually-hidden" safe>
            {`صفة ${person.name} في هيئة التحرير`}
          </label>
          <input
            id={`add-title-${person.id}`}
            type="text"
            name="jobTitle"
            value={refused ? (refused.values.jobTitle ?? '') : person.title}
            maxlength="150"
            dir="auto"
            placeholder="الصفة، مثل: مدير التحرير"
            aria-invalid={refused ? 'true' : undefined}
            aria-describedby={refused ? `add-title-${person.id}-error` : undefined}
            autofocus={refused !== undefined}
          />
        </span>
        <button type="submit">أضف إلى الهيئة</button>
        {refused ? (
          <p class="nr-field-error" id={`add-title-${person.id}-error`} role="alert" safe>
            {refused.problem.message}
          </p>
        ) : (
          ''
        )}
      </form>
    </li>
  )
}

/** /newsroom/masthead: who is on the masthead, in order, with their titles; who shows in the header line. */
export function MastheadDeskPage({ staff, csrf, entries, q, candidates, notice, refusal }: Props) {
  return (
    <NewsroomLayout staff={staff} title="هيئة التحرير" csrf={csrf} current="/newsroom/masthead">
      <section class="nr-panel" aria-labelledby="masthead-heading">
        <h1 id="masthead-heading">هيئة التحرير</h1>
        <p>
          الترتيب هنا ترتيب <a href="/masthead">صفحة هيئة التحرير</a> على الموقع؛ ومن يُعلَّم «في ترويسة الموقع» يظهر اسمه وصفته في أعلى كل صفحة.
        </p>
        <FormMessages notice={notice} problem={refusal && !refusal.personId ? refusal.problem : undefined} />
        {entries.length === 0 ? (
          <p>لا أحد في هيئة التحرير بعد. ابحث عن كاتب أدناه لإضافته.</p>
        ) : (
          <ol class="nr-masthead">
            {entries.map((person, index) => (
              <EntryRow person={person} index={index} count={entries.length} csrf={csrf} refusal={refusal} />
            ))}
          </ol>
        )}
      </section>
      <section class="nr-panel" aria-labelledby="add-heading">
        <h2 id="add-heading">إضافة إلى الهيئة</h2>
        <form method="get" action="/newsroom/masthead" class="nr-search" role="search">
          <label for="masthead-q">ابحث عن كاتب بالاسم</label>
          <input id="masthead-q" type="search" name="q" value={q} maxlength="200" dir="auto" />
          <button type="submit">ابحث</button>
        </form>
        {q && candidates.length === 0 ? (
          <p>
            <span safe>{`لا أحد باسم «${q}». `}</span>
            <a href="/newsroom/people">أضفه أولاً في صفحة الكتّاب</a>.
          </p>
        ) : (
          ''
        )}
        {candidates.length > 0 ? (
          <ul class="nr-candidates">
            {candidates.map((person) => (
              <Candidate person={person} q={q} csrf={csrf} refusal={refusal} />
            ))}
          </ul>
        ) : (
          ''
        )}
      </section>
    </NewsroomLayout>
  )
}
