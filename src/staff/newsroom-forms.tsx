// The pieces of a back-office form: fields that keep what was typed and mark the one at fault,
// the refusal (the form again, with its status and the Arabic message naming the field), the
// confirmation after a 303, and a pager for long lists.
import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { AppError, messageFor, NotFound, replyStatusOf } from '../http/index.js'

/** What a refused form shows: the message, naming the field, and the input to mark. */
export interface FormProblem {
  field?: string
  message: string
}

/** A form body's schema: each field an optional string of at most `maxLength` (the service checks the real limits, so the form can come back). */
export function FormBody(fields: Record<string, number>) {
  const properties: Record<string, TSchema> = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) }
  for (const [name, maxLength] of Object.entries(fields)) properties[name] = Type.Optional(Type.String({ maxLength }))
  return Type.Object(properties)
}

/** A form of buttons only (delete, revoke…): the CSRF token and nothing else. */
export const CsrfOnlyBody = FormBody({})

/** An ↑ / ↓ button of an ordered list (other fields of its form may come along and are ignored). */
export const MoveBody = Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]), _csrf: Type.Optional(Type.String({ maxLength: 200 })) })

/** `?done=<key>`: the confirmation a page shows after a 303 (see doneNotice). */
export const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) })

/** `?q=&page=&done=` of a searchable list. */
export const ListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), done: DoneQuery.properties.done })

/** The string fields of a form body, to show again. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {}
  if (!body || typeof body !== 'object') return values
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf') values[key] = value
  return values
}

/**
 * Answers a refused form: the page `render` makes with the problem, under the error's status
 * (400, 409…). What is not a form's problem (a missing record, a fault of ours) is thrown on.
 */
export async function refuseForm(reply: FastifyReply, err: unknown, render: (problem: FormProblem) => string | Promise<string>): Promise<void> {
  if (!(err instanceof AppError) || (err instanceof NotFound && !err.field)) throw err
  const page = await render({ field: err.field, message: messageFor(err.code, err.field) })
  replyStatusOf(reply, err).html(page)
}

/** The confirmation to show for `?done=<key>`, from the page's own list (anything else shows nothing). */
export function doneNotice(notices: Record<string, string>, key: string | undefined): string | undefined {
  return key !== undefined && Object.hasOwn(notices, key) ? notices[key] : undefined
}

/** A confirmation (after a 303) and a refusal, above a form or a page. */
export function FormMessages({ notice, problem }: { notice?: string; problem?: FormProblem }) {
  return (
    <>
      {notice ? (
        <p class="nr-notice" role="status" safe>
          {notice}
        </p>
      ) : (
        ''
      )}
      {problem ? (
        <p class="nr-error" role="alert" safe>
          {problem.message}
        </p>
      ) : (
        ''
      )}
    </>
  )
}

interface FieldProps {
  /** Unique on the page: several forms may have a field of one name. */
  id: string
  name: string
  label: string
  value?: string
  problem?: FormProblem
  hint?: string
  required?: boolean
  maxlength?: number
  type?: 'text' | 'email' | 'password' | 'search'
  /** A textarea of this many rows. */
  rows?: number
  /** 'ltr' for slugs and emails; Arabic text takes 'auto'. */
  dir?: 'ltr' | 'auto'
  autocomplete?: string
}

/** A labelled input (or textarea) with its hint; marked invalid, and focused, when the problem names it. */
export function TextField({ id, name, label, value = '', problem, hint, required, maxlength, type = 'text', rows, dir = 'auto', autocomplete }: FieldProps) {
  const invalid = problem?.field === name
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  const common = { id, name, dir, required, maxlength: maxlength === undefined ? undefined : String(maxlength), 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': described, autofocus: invalid }
  return (
    <p class="nr-field">
      <label for={id} safe>
        {label}
      </label>
      {rows ? (
        <textarea {...common} rows={String(rows)} safe>
          {value}
        </textarea>
      ) : (
        <input {...common} type={type} value={value} autocomplete={autocomplete} />
      )}
      {hint ? (
        <span class="nr-hint" id={`${id}-hint`} safe>
          {hint}
        </span>
      ) : (
        ''
      )}
      {invalid ? (
        <span class="nr-field-error" id={`${id}-error`} safe>
          {problem.message}
        </span>
      ) : (
        ''
      )}
    </p>
  )
}

/** A checkbox sending `1` when ticked. */
export function CheckField({ id, name, label, checked }: { id: string; name: string; label: string; checked: boolean }) {
  return (
    <p class="nr-field nr-check">
      <label for={id}>
        <input id={id} type="checkbox" name={name} value="1" checked={checked} /> <span safe>{label}</span>
      </label>
    </p>
  )
}

/** A labelled choice among `options` ([value, label]), marked invalid when the problem names it. */
export function SelectField({ id, name, label, value, options, problem }: { id: string; name: string; label: string; value: string; options: readonly (readonly [string, string])[]; problem?: FormProblem }) {
  const invalid = problem?.field === name
  return (
    <p class="nr-field">
      <label for={id} safe>
        {label}
      </label>
      <select id={id} name={name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `${id}-error` : undefined} autofocus={invalid}>
        {options.map(([v, text]) => (
          <option value={v} selected={v === value} safe>
            {text}
          </option>
        ))}
      </select>
      {invalid ? (
        <span class="nr-field-error" id={`${id}-error`} safe>
          {problem.message}
        </span>
      ) : (
        ''
      )}
    </p>
  )
}

/** The hidden CSRF input every newsroom form carries. */
export function CsrfInput({ csrf }: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={csrf} />
}

/** A searchable list's address for `q` and `page` (both left out when empty or 1). */
export function listHref(path: string, q: string, page = 1): string {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${path}?${query}` : path
}

/** «السابق / صفحة 2 من 40 / التالي» for a long list; nothing when it fits one page. */
export function Pager({ page, pages, hrefOf }: { page: number; pages: number; hrefOf: (n: number) => string }) {
  if (pages <= 1) return ''
  return (
    <nav class="nr-pager" aria-label="الصفحات">
      {page > 1 ? (
        <a href={hrefOf(page - 1)} rel="prev">
          السابق
        </a>
      ) : (
        <span aria-hidden="true">السابق</span>
      )}
      <span safe>{`صفحة ${page} من ${pages}`}</span>
      {page < pages ? (
        <a href={hrefOf(page + 1)} rel="next">
          التالي
        </a>
      ) : (
        <span aria-hidden="true">التالي</span>
      )}
    </nav>
  )
}
