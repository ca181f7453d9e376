// A copy of the unsaved text in localStorage (`nashra-draft-<article id or new>`): a crash, a closed
// tab or a lost session costs nothing. Offered back when the page opens on the same server version
// with different text; dropped once the server has a newer version or a save succeeded.
import { clock, h } from './dom.js'
import { t } from './messages.js'

export type Fields = Record<string, string>
interface Stored {
  savedAt: string
  version: string
  fields: Fields
}

// Not worth keeping: the session token, the version (kept beside), the button pressed.
const SKIPPED = new Set(['_csrf', 'version', 'action'])

/** The form's text fields as they would be posted (multi-valued names keep their last value). */
export function formFields(form: HTMLFormElement): Fields {
  const fields: Fields = {}
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && !SKIPPED.has(name)) fields[name] = value
  return fields
}

const sameFields = (a: Fields, b: Fields) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''))
}

function read(key: string): Stored | undefined {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? 'null') as Stored | null
    return parsed && typeof parsed.fields === 'object' ? parsed : undefined
  } catch {
    return undefined
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key)
  } catch {
    // Storage refused (private mode): nothing was kept either.
  }
}

export function draftCopy(options: {
  form: HTMLFormElement
  articleKey: string
  /** Synchronizes the textarea, then reads the fields. */
  collect: () => Fields
  /** Puts restored fields back (the body through the editor). */
  apply: (fields: Fields) => void
}) {
  const key = `nashra-draft-${options.articleKey}`
  const version = () => (options.form.elements.namedItem('version') as HTMLInputElement | null)?.value ?? ''
  let timer: number | undefined

  function saveNow(): void {
    window.clearTimeout(timer)
    timer = undefined
    const stored: Stored = { savedAt: new Date().toISOString(), version: version(), fields: options.collect() }
    try {
      localStorage.setItem(key, JSON.stringify(stored))
    } catch {
      // Full or refused storage: the server autosave still runs.
    }
  }

  /** Shows the restore offer in `slot` when a newer local copy exists; drops stale copies. */
  function offer(slot: HTMLElement): void {
    const current = options.collect()
    if (options.articleKey !== 'new') {
      // The first save of a new article lands here: its /new copy is now this article.
      const fromNew = read('nashra-draft-new')
      if (fromNew && fromNew.fields.bodyHtml === current.bodyHtml) remove('nashra-draft-new')
    }
    const stored = read(key)
    if (!stored) return
    if (Number(stored.version || 0) < Number(version() || 0) || sameFields(stored.fields, current)) {
      remove(key)
      return
    }
    const restore = h('button', { type: 'button' }, t.restore)
    const discard = h('button', { type: 'button', class: 'ed-secondary' }, t.discard)
    const notice = h('div', { class: 'ed-notice', role: 'status' }, h('p', {}, t.draftFound(clock(new Date(stored.savedAt)))), h('div', { class: 'ed-actions' }, restore, discard))
    restore.addEventListener('click', () => {
      notice.remove()
      options.apply(stored.fields)
    })
    discard.addEventListener('click', () => {
      notice.remove()
      remove(key)
    })
    slot.append(notice)
  }

  return {
    offer,
    /** Called on every change: writes at most once a second. */
    changed(): void {
      window.clearTimeout(timer)
      timer = window.setTimeout(saveNow, 1000)
    },
    /** Writes a pending copy now (the page is being hidden). */
    flush(): void {
      if (timer !== undefined) saveNow()
    },
    clear(): void {
      window.clearTimeout(timer)
      timer = undefined
      remove(key)
    },
  }
}
