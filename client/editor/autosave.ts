// Autosave (editor contract): 8 s after the last change, and when the page is hidden, the whole form
// goes to `data-autosave-url` with action=autosave. A 409 stops autosaving and shows both versions;
// nobody's text is lost whichever is chosen.
import { clock, h, uid } from './dom.js'
import { t } from './messages.js'

const QUIET_MS = 8000
const RETRY_MS = 15000

export interface ServerVersion {
  version: number
  title: string
  bodyHtml: string
  updatedBy: string
  updatedAt: string
}

interface SaveAnswer {
  version?: number
  savedAt?: string
  error?: { code?: string; message?: string }
  current?: ServerVersion
}

export interface AutosaveOptions {
  form: HTMLFormElement
  url: string
  /** The form as it would be posted, textarea synchronized. */
  body: () => URLSearchParams
  status: HTMLElement
  /** Where the conflict panel goes. */
  panelSlot: HTMLElement
  /** Article HTML as read-only DOM, through the editor's schema (never innerHTML). */
  render: (html: string) => Node
  /** The headline and body in the form right now. */
  yours: () => { title: string; bodyHtml: string }
  /** Loads the server's version into the form and editor, without counting it as a change. */
  loadTheirs: (theirs: ServerVersion) => void
  /** After a save that included every change (clears the local copy). */
  onSaved: () => void
}

export function startAutosave(options: AutosaveOptions) {
  const versionInput = () => options.form.elements.namedItem('version') as HTMLInputElement | null
  let edits = 0
  let savedEdits = 0
  let timer: number | undefined
  let inFlight = false
  let again = false
  let stopped = false
  let panel: HTMLElement | undefined

  const say = (text: string, isError = false) => {
    options.status.textContent = text
    options.status.classList.toggle('ed-status-error', isError)
  }

  function schedule(ms: number): void {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => void save(), ms)
  }

  async function save(keepalive = false): Promise<void> {
    window.clearTimeout(timer)
    timer = undefined
    if (stopped || edits === savedEdits) return
    if (inFlight) {
      again = true
      return
    }
    inFlight = true
    const includes = edits
    const body = options.body()
    body.set('action', 'autosave')
    say(t.saving)
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        // A page being hidden may be closed next; keepalive lets the request finish (bodies up to 64 KB).
        keepalive: keepalive && body.toString().length < 60_000,
      })
      const answer = (await res.json().catch(() => ({}))) as SaveAnswer
      if (res.ok && typeof answer.version === 'number') {
        const input = versionInput()
        if (input) input.value = String(answer.version)
        savedEdits = includes
        say(t.saved(clock(answer.savedAt ? new Date(answer.savedAt) : new Date())))
        panel?.remove()
        panel = undefined
        if (edits === savedEdits) options.onSaved()
        else schedule(QUIET_MS)
      } else if (res.status === 409 && answer.current) {
        stopped = true
        say(answer.error?.message ?? t.conflictTitle, true)
        showConflict(answer.current)
      } else if (res.status >= 400 && res.status < 500) {
        // Refused (a field, the session): say why and keep the text; the next change tries again.
        say(answer.error?.message ?? t.saveRefused, true)
      } else {
        throw new Error(`status ${res.status}`)
      }
    } catch {
      say(t.saveRetry, true)
      schedule(RETRY_MS)
    } finally {
      inFlight = false
      if (again) {
        again = false
        void save()
      }
    }
  }

  function versionColumn(heading: string, meta: string | undefined, title: string, bodyHtml: string): HTMLElement {
    const body = h('div', { class: 'ed-version-body ed-prose', tabindex: '0', role: 'region', 'aria-label': heading })
    body.append(options.render(bodyHtml))
    return h(
      'div',
      { class: 'ed-version' },
      h('h3', {}, heading),
      meta ? h('p', { class: 'ed-version-meta' }, meta) : undefined,
      h('p', { class: 'ed-version-title' }, h('span', {}, `${t.headline}: `), h('bdi', {}, title)),
      body,
    )
  }

  function showConflict(theirs: ServerVersion): void {
    panel?.remove()
    const titleId = uid('ed-conflict')
    const mine = options.yours()
    const keepMine = h('button', { type: 'button' }, t.keepMine)
    const takeTheirs = h('button', { type: 'button', class: 'ed-secondary' }, t.takeTheirs)
    const theirColumn = versionColumn(t.conflictTheirs, t.conflictBy(theirs.updatedBy, clock(new Date(theirs.updatedAt))), theirs.title, theirs.bodyHtml)
    const myColumn = versionColumn(t.conflictYours, undefined, mine.title, mine.bodyHtml)
    const help = h('p', {}, t.conflictHelp)
    const actions = h('div', { class: 'ed-actions' }, keepMine, takeTheirs)
    const current = h(
      'section',
      { class: 'ed-conflict', role: 'alert', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, t.conflictTitle),
      help,
      h('div', { class: 'ed-versions' }, theirColumn, myColumn),
      actions,
    )
    panel = current
    options.panelSlot.append(current)

    keepMine.addEventListener('click', () => {
      // Mine wins: saved on top of theirs, which stays in the revisions.
      const input = versionInput()
      if (input) input.value = String(theirs.version)
      stopped = false
      keepMine.disabled = true
      takeTheirs.disabled = true
      if (edits === savedEdits) edits += 1
      void save().finally(() => {
        keepMine.disabled = false
        takeTheirs.disabled = false
      })
    })
    takeTheirs.addEventListener('click', () => {
      options.loadTheirs(theirs)
      // What is in the form is now the server's: nothing to save until the next change.
      savedEdits = edits
      stopped = false
      // This panel now only keeps my text: later saves leave it until it is closed.
      panel = undefined
      theirColumn.remove()
      help.textContent = t.theirsLoaded
      const close = h('button', { type: 'button', class: 'ed-secondary' }, t.close)
      close.addEventListener('click', () => current.remove())
      actions.replaceChildren(close)
      current.setAttribute('role', 'region')
      close.focus()
    })
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void save(true)
  })

  return {
    /** Any change of the text or a field. */
    changed(): void {
      edits += 1
      if (!stopped) schedule(QUIET_MS)
    },
  }
}
