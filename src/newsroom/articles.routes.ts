import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  addCorrection,
  bodyAsText,
  DESK_STATUSES,
  countDeskArticles,
  listCorrectionsOf,
  listDeskArticles,
  listRevisions,
  listSections,
  listWorkflowEvents,
  previewTokenOf,
  StaleVersion,
  wordDiff,
  type ArticleStatus,
  type EditorialArticle,
  type Transition,
} from '../articles/index.js'
import { AppError, IdParam, Invalid, messageFor, NotFound, Page, pageCount, plainInteger, replyStatusOf, type Routes } from '../http/index.js'
import { getImage, mediaUrl } from '../media/index.js'
import { can, newsroomCsrf, staffOnly, type Staff } from '../staff/index.js'
import { ArticleEditPage, type ConflictView, type EditorAssets, type EditorCapabilities } from './article-edit.page.js'
import { articleRelations } from './article-input.js'
import { ArticleListPage } from './article-list.page.js'
import { ArticlePreviewPage } from './article-preview.page.js'
import { assertCanMove, canEdit, canMove } from './article-policy.js'
import { deskPages } from './desk-errors.js'
import {
  actionOf,
  ARTICLE_FORM_BODY_LIMIT,
  ArticleFormBody,
  emptyForm,
  FIELD_LABELS,
  formOfArticle,
  formOfBody,
  hasFields,
  inputOfForm,
  parseLocalDateTime,
  versionOf,
  type ArticleForm,
  type FormAction,
} from './desk-form.js'
import * as queries from './desk.queries.js'
import { createFromDesk, moveFromDesk, readArticle, updateFromDesk } from './desk.service.js'

export interface ArticleDeskOptions {
  /** The editor bundle's files (src/app.ts passes the bundle's function); absent: the body is a plain textarea. */
  editorAssets?: () => EditorAssets
}

const PER_PAGE = 25
const SUGGESTIONS = 10

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(DESK_STATUSES.map((s) => Type.Literal(s)))),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Page(),
  done: Type.Optional(Type.String({ maxLength: 20 })),
})
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) })
const SuggestQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })
const CsrfBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) })

/** What each button moves the article to; `save` only saves. */
const TRANSITIONS: Record<FormAction, Transition | undefined> = {
  save: undefined,
  submit: 'review',
  withdraw: 'draft',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
}

/** The buttons an article shows in each status, in order; each is kept only if the person may do it. */
const BUTTONS: Record<ArticleStatus | 'new', [FormAction, string][]> = {
  new: [['save', 'حفظ المسودة'], ['submit', 'إرسال للمراجعة'], ['publish', 'نشر الآن'], ['schedule', 'جدولة النشر']],
  draft: [['save', 'حفظ المسودة'], ['submit', 'إرسال للمراجعة'], ['publish', 'نشر الآن'], ['schedule', 'جدولة النشر']],
  review: [['save', 'حفظ'], ['withdraw', 'سحب إلى المسودات'], ['publish', 'نشر الآن'], ['schedule', 'جدولة النشر']],
  scheduled: [['save', 'حفظ'], ['publish', 'نشر الآن'], ['schedule', 'تغيير موعد النشر'], ['unpublish', 'إلغاء الجدولة']],
  published: [['save', 'تحديث المقالة المنشورة'], ['unpublish', 'إلغاء النشر']],
  unpublished: [['save', 'حفظ'], ['publish', 'إعادة النشر'], ['schedule', 'جدولة النشر']],
}

/** Autosave keeps drafts only: an article readers see (or will at a set time) changes on a deliberate save. */
const AUTOSAVED: ReadonlySet<ArticleStatus> = new Set(['draft', 'review', 'unpublished'])

const CorrectionBody = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Union([Type.Literal('correction'), Type.Literal('reply')]),
  body: Type.String({ maxLength: 10000 }),
  party: Type.Optional(Type.String({ maxLength: 1000 })),
})

const DONE = new Map<string, string>([
  ['created', 'أُنشئت المقالة وحُفظت مسودةً.'],
  ['save', 'حُفظت المقالة.'],
  ['unchanged', 'لا تغييرات لحفظها.'],
  ['submit', 'أُرسلت المقالة للمراجعة.'],
  ['withdraw', 'سُحبت المقالة إلى المسودات.'],
  ['publish', 'نُشرت المقالة.'],
  ['schedule', 'جُدولت المقالة للنشر.'],
  ['unpublish', 'أُلغي نشر المقالة.'],
  ['unschedule', 'أُلغيت جدولة المقالة وعادت إلى المراجعة.'],
  ['corrected', 'نُشر التصحيح أو الرد على المقالة.'],
  ['restored', 'استُعيدت النسخة المختارة؛ النص الذي سبقها باقٍ في سجل النسخ.'],
])

export function capabilitiesOf(staff: Staff, article?: EditorialArticle): EditorCapabilities {
  const publish = can(staff.role, 'articles.publish')
  if (!article) {
    const actions = BUTTONS.new.filter(([a]) => publish || (a !== 'publish' && a !== 'schedule'))
    return { edit: true, publish, autosave: false, correct: false, actions: actions.map(([action, label]) => ({ action, label })) }
  }
  const edit = canEdit(staff, article)
  const allowed = ([action]: [FormAction, string]) => {
    const to = TRANSITIONS[action]
    return to ? canMove(staff, article, to) : edit
  }
  return {
    edit,
    publish,
    autosave: edit && AUTOSAVED.has(article.status),
    correct: can(staff.role, 'articles.correct'),
    actions: BUTTONS[article.status].filter(allowed).map(([action, label]) => ({ action, label })),
  }
}

/** A refusal as the form shows it: the field's Arabic name, then the reason. */
export function refusalOf(err: AppError): { field?: string; message: string } {
  const label = err.field && Object.hasOwn(FIELD_LABELS, err.field) ? FIELD_LABELS[err.field] : undefined
  return { field: err.field, message: label ? `«${label}»: ${messageFor(err.code)}` : messageFor(err.code) }
}

/** The person's text beside the other person's saved one, title, dek and body as words. */
function conflictOf(theirs: EditorialArticle, mine: ArticleForm): ConflictView {
  const pairs: [string, string, string][] = [
    [FIELD_LABELS.title, theirs.title, mine.title],
    [FIELD_LABELS.summary, theirs.summary, mine.summary],
    [FIELD_LABELS.bodyHtml, bodyAsText(theirs.bodyHtml), bodyAsText(mine.bodyHtml)],
  ]
  return {
    theirs: {
      version: theirs.version,
      title: theirs.title,
      summary: theirs.summary,
      bodyText: bodyAsText(theirs.bodyHtml),
      updatedBy: theirs.updatedBy?.name ?? null,
      updatedAt: theirs.updatedAt,
    },
    changes: pairs.filter(([, a, b]) => a.trim() !== b.trim()).map(([label, a, b]) => ({ label, parts: wordDiff(a, b) })),
  }
}

/** /newsroom/articles: the desk's list, the editor (new and edit), saving with its workflow buttons, autosave, preview links. */
export const articleDeskRoutes: Routes<ArticleDeskOptions> = async (app, options) => {
  const { db, config } = app
  const timeZone = config.timeZone
  const format = deskPages(app, 'articles.create')

  const formOf = async (article: EditorialArticle) => {
    const { tags, authors } = await articleRelations(db, article)
    return formOfArticle(article, { tags: tags.map((t) => t.name), authors: authors.map((p) => p.name) }, timeZone)
  }

  const thumbnailOf = async (value: string) => {
    const id = plainInteger(value)
    if (id === undefined || id < 1) return undefined
    try {
      const image = await getImage(db, id)
      return { src: image.variants.find((v) => v.type === 'image/webp')?.url ?? image.src, alt: image.alt }
    } catch (err) {
      if (err instanceof NotFound) return undefined
      throw err
    }
  }

  interface EditorView {
    article?: EditorialArticle
    correctionForm?: { kind: string; body: string; party: string }
    form: ArticleForm
    notice?: string
    error?: { field?: string; message: string }
    conflict?: ConflictView
  }

  /** The editor page for this person, with everything it shows beside the form. */
  async function editor(request: FastifyRequest, view: EditorView) {
    const staff = request.staff!
    const { article } = view
    const [sections, events, thumbnail, corrections] = await Promise.all([
      listSections(db),
      article ? listWorkflowEvents(db, article.id) : [],
      thumbnailOf(view.form.featuredImage),
      article ? listCorrectionsOf(db, article.id) : [],
    ])
    return ArticleEditPage({
      ...view,
      staff,
      csrf: newsroomCsrf(request),
      format,
      timeZone,
      sections: sections.map((s) => ({ slug: s.slug, name: s.name })),
      can: capabilitiesOf(staff, article),
      events,
      thumbnail,
      corrections,
      assets: options.editorAssets?.(),
      previewUrl: article?.previewToken ? previewUrlOf(article.previewToken) : undefined,
    }) as string
  }

  const previewUrlOf = (token: string) => new URL(`/preview/${token}`, config.baseUrl).href

  /** A refused form: the person's text as typed, the reason beside the field; a stale version shows both texts. */
  async function refused(request: FastifyRequest, reply: FastifyReply, err: unknown, form: ArticleForm, id?: number) {
    if (!(err instanceof AppError) || err.code === 'article_not_found') throw err
    if (err instanceof StaleVersion) {
      const theirs = err.current
      const page = await editor(request, {
        article: theirs,
        form: { ...form, version: String(theirs.version) },
        conflict: conflictOf(theirs, form),
        error: { field: 'version', message: 'لم تُحفظ تعديلاتك: حفظ شخص آخر نسخة أحدث من هذه المقالة. راجع الفرق أدناه.' },
      })
      return replyStatusOf(reply, err).html(page)
    }
    const article = id === undefined ? undefined : await readArticle(db, request.staff!, id)
    return replyStatusOf(reply, err).html(await editor(request, { article, form, error: refusalOf(err) }))
  }

  app.get('/', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const staff = request.staff!
    const { status, page = 1 } = request.query
    const q = (request.query.q ?? '').trim()
    const mine = can(staff.role, 'articles.edit') ? undefined : staff.id
    const [{ articles, total }, counts] = await Promise.all([
      listDeskArticles(db, { status, q: q || undefined, createdBy: mine }, { page, limit: PER_PAGE }),
      countDeskArticles(db, mine),
    ])
    const notice = request.query.done ? DONE.get(request.query.done) : undefined
    return reply.html(
      ArticleListPage({ staff, csrf: newsroomCsrf(request), format, articles, counts, status, q, page, pages: pageCount(total, PER_PAGE), total, ownOnly: mine !== undefined, notice }) as string,
    )
  })

  app.get('/new', async (request, reply) => reply.html(await editor(request, { form: emptyForm() })))

  for (const [path, table] of [['/suggest/tags', 'tag'], ['/suggest/people', 'person']] as const) {
    app.get(path, { schema: { querystring: SuggestQuery } }, async (request) => {
      const q = (request.query.q ?? '').trim()
      const rows = q ? await queries.suggest(db, table, q, SUGGESTIONS) : []
      return { suggestions: rows.map((r) => ({ name: r.name, slug: r.slug })) }
    })
  }

  app.post('/', { bodyLimit: ARTICLE_FORM_BODY_LIMIT, schema: { body: ArticleFormBody } }, async (request, reply) => {
    const staff = request.staff!
    const form = formOfBody(request.body)
    const action = actionOf(request.body.action)
    try {
      const to = TRANSITIONS[action]
      const status = to === 'review' || to === 'published' || to === 'scheduled' ? to : undefined
      const publishAt = status === 'scheduled' ? parseLocalDateTime(form.publishAt, timeZone) : undefined
      const article = await createFromDesk(db, staff, inputOfForm(form, staff), { status, publishAt }, new Date())
      return reply.redirect(`/newsroom/articles/${article.id}/edit?done=${status ? action : 'created'}`, 303)
    } catch (err) {
      return refused(request, reply, err, form)
    }
  })

  app.get('/:id/edit', { schema: { params: IdParam, querystring: DoneQuery } }, async (request, reply) => {
    const article = await readArticle(db, request.staff!, request.params.id)
    const notice = request.query.done ? DONE.get(request.query.done) : undefined
    return reply.html(await editor(request, { article, form: await formOf(article), notice }))
  })

  app.post('/:id', { bodyLimit: ARTICLE_FORM_BODY_LIMIT, schema: { params: IdParam, body: ArticleFormBody } }, async (request, reply) => {
    const staff = request.staff!
    const { id } = request.params
    const current = await readArticle(db, staff, id)
    const form = formOfBody(request.body)
    const action = actionOf(request.body.action)
    let saved: EditorialArticle | undefined
    try {
      const input = inputOfForm(form, staff, await formOf(current))
      const version = versionOf(form.version)
      const to = TRANSITIONS[action]
      // A step this person may not take is refused before anything is saved.
      if (to) assertCanMove(staff, current, to)
      const publishAt = to === 'scheduled' ? parseLocalDateTime(form.publishAt, timeZone) : undefined
      const now = new Date()
      if (hasFields(input)) saved = await updateFromDesk(db, staff, id, input, { version }, now)
      let done: string = saved ? 'save' : 'unchanged'
      if (to) {
        const moved = await moveFromDesk(db, staff, id, to, { version: saved?.version ?? version, publishAt }, now)
        done = action === 'unpublish' && moved.status === 'review' ? 'unschedule' : action
      }
      return reply.redirect(`/newsroom/articles/${id}/edit?done=${done}`, 303)
    } catch (err) {
      if (saved && err instanceof AppError && !(err instanceof StaleVersion)) {
        // The text was saved; only the step after it was refused (legal review, alt text, the time).
        const { message } = refusalOf(err)
        const error = { field: err.field, message: `حُفظت تعديلاتك، لكن تعذّر إكمال الإجراء: ${message}` }
        return replyStatusOf(reply, err).html(await editor(request, { article: saved, form: { ...form, version: String(saved.version) }, error }))
      }
      return refused(request, reply, err, form, id)
    }
  })

  app.post('/:id/autosave', { bodyLimit: ARTICLE_FORM_BODY_LIMIT, schema: { params: IdParam, body: ArticleFormBody } }, async (request, reply) => {
    const staff = request.staff!
    const { id } = request.params
    const current = await readArticle(db, staff, id)
    if (!AUTOSAVED.has(current.status)) throw new Invalid('autosave_not_draft', 'status')
    const form = formOfBody(request.body)
    const input = inputOfForm(form, staff, await formOf(current))
    const latestRevision = async () => (await listRevisions(db, id))[0]?.id ?? null
    if (!hasFields(input)) return { version: current.version, savedAt: current.updatedAt.toISOString(), revisionId: await latestRevision() }
    try {
      const saved = await updateFromDesk(db, staff, id, input, { version: versionOf(form.version), autosave: true }, new Date())
      return { version: saved.version, savedAt: saved.updatedAt.toISOString(), revisionId: await latestRevision() }
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err
      const theirs = err.current
      const who = theirs.updatedBy?.name ?? 'شخص آخر'
      return reply.status(409).send({
        error: { code: 'conflict', message: `حفظ ${who} نسخة أحدث من هذه المقالة في أثناء تحريرك؛ لم يُحفظ نصك بعد.` },
        current: { version: theirs.version, title: theirs.title, bodyHtml: theirs.bodyHtml, updatedBy: theirs.updatedBy?.name ?? null, updatedAt: theirs.updatedAt.toISOString() },
      })
    }
  })

  app.post('/:id/corrections', { onRequest: staffOnly('articles.correct'), schema: { params: IdParam, body: CorrectionBody } }, async (request, reply) => {
    const article = await readArticle(db, request.staff!, request.params.id)
    const { kind, body, party } = request.body
    try {
      await addCorrection(db, article.id, { kind, body, party }, request.staff!.id, new Date())
    } catch (err) {
      if (!(err instanceof AppError) || err instanceof NotFound) throw err
      const page = await editor(request, { article, form: await formOf(article), correctionForm: { kind, body, party: party ?? '' }, error: refusalOf(err) })
      return replyStatusOf(reply, err).html(page)
    }
    return reply.redirect(`/newsroom/articles/${article.id}/edit?done=corrected`, 303)
  })

  app.post('/:id/preview', { schema: { params: IdParam, body: CsrfBody } }, async (request, reply) => {
    const article = await readArticle(db, request.staff!, request.params.id)
    const url = previewUrlOf(await previewTokenOf(db, article.id))
    return reply.html(ArticlePreviewPage({ staff: request.staff!, csrf: newsroomCsrf(request), article, url }) as string)
  })
}
