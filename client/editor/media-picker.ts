// The media library in a modal: search earlier uploads and pick one (alt, caption and credit can be
// adjusted for this article), or upload a new image with its alt text. Resolves to the figure's
// attributes, or undefined when closed.
import { field, h, uid, type Field } from './dom.js'
import { t } from './messages.js'
import type { FigureImageAttrs } from './nodes.js'

interface MediaItem {
  id: number
  url: string
  srcset?: string
  alt: string
  caption?: string | null
  credit?: string | null
  width?: number | null
  height?: number | null
}

interface ApiError {
  error?: { code?: string; message?: string; field?: string }
}

const toFigure = (m: MediaItem, text: { alt: string; caption: string; credit: string }): FigureImageAttrs => ({
  mediaId: m.id,
  src: m.url,
  alt: text.alt,
  width: m.width ?? null,
  height: m.height ?? null,
  caption: text.caption,
  credit: text.credit,
})

/** The three describing fields, as used both for a chosen image and for an upload. */
function describingFields() {
  const alt = field(t.altLabel, h('input', { type: 'text', name: 'alt', required: true, 'aria-required': 'true', autocomplete: 'off' }))
  const caption = field(t.captionLabel, h('input', { type: 'text', name: 'caption', autocomplete: 'off' }))
  const credit = field(t.creditLabel, h('input', { type: 'text', name: 'credit', autocomplete: 'off' }))
  return { alt, caption, credit }
}

function requireAlt(alt: Field): boolean {
  const ok = alt.control.value.trim() !== ''
  alt.setError(ok ? undefined : t.altRequired)
  if (!ok) alt.control.focus()
  return ok
}

export function pickMedia(mediaUrl: string, csrfToken: string): Promise<FigureImageAttrs | undefined> {
  const titleId = uid('ed-media-title')
  const closeButton = h('button', { type: 'button', class: 'ed-secondary ed-close' }, t.close)

  // Search and results
  const query = field(t.mediaSearch, h('input', { type: 'search', name: 'q', autocomplete: 'off' }))
  const searchForm = h('form', { class: 'ed-media-search', role: 'search', novalidate: true }, query.wrapper, h('button', { type: 'submit' }, t.search))
  const status = h('p', { class: 'ed-media-status', role: 'status' })
  const grid = h('ul', { class: 'ed-media-grid', 'aria-labelledby': titleId })
  const more = h('button', { type: 'button', class: 'ed-secondary', hidden: true }, t.mediaMore)

  // The chosen image
  const chosenTitle = uid('ed-chosen')
  const preview = h('img', { alt: '', class: 'ed-chosen-preview' })
  const chosenFields = describingFields()
  const insertButton = h('button', { type: 'submit' }, t.insertImage)
  const chosenForm = h(
    'form',
    { class: 'ed-media-chosen', novalidate: true, hidden: true, 'aria-labelledby': chosenTitle },
    h('h3', { id: chosenTitle }, t.mediaChosen),
    preview,
    chosenFields.alt.wrapper,
    chosenFields.caption.wrapper,
    chosenFields.credit.wrapper,
    h('div', { class: 'ed-actions' }, insertButton),
  )

  // Upload
  const file = field(t.fileLabel, h('input', { type: 'file', name: 'file', accept: 'image/*', required: true, 'aria-required': 'true' }))
  const uploadFields = describingFields()
  const uploadStatus = h('p', { class: 'ed-media-status', role: 'alert' })
  const uploadForm = h(
    'form',
    { class: 'ed-upload-form', novalidate: true },
    file.wrapper,
    uploadFields.alt.wrapper,
    uploadFields.caption.wrapper,
    uploadFields.credit.wrapper,
    uploadStatus,
    h('div', { class: 'ed-actions' }, h('button', { type: 'submit' }, t.upload)),
  )
  const upload = h('details', { class: 'ed-upload' }, h('summary', {}, t.uploadTitle), uploadForm)

  const dialog = h(
    'dialog',
    { class: 'ed-dialog ed-media', 'aria-labelledby': titleId },
    h('div', { class: 'ed-dialog-body' }, h('div', { class: 'ed-dialog-head' }, h('h2', { id: titleId }, t.mediaTitle), closeButton), searchForm, status, grid, more, chosenForm, upload),
  )
  document.body.append(dialog)

  let result: FigureImageAttrs | undefined
  let chosen: MediaItem | undefined
  let shown: MediaItem[] = []
  let page = 1
  let request = 0
  let searchTimer: number | undefined

  async function load(nextPage: number): Promise<void> {
    const mine = ++request
    const url = new URL(mediaUrl, location.href)
    url.searchParams.set('q', query.control.value.trim())
    url.searchParams.set('page', String(nextPage))
    status.textContent = t.mediaLoading
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!res.ok) throw new Error(String(res.status))
      const body = (await res.json()) as { media: MediaItem[]; page: number; total: number }
      if (mine !== request) return
      page = nextPage
      if (nextPage === 1) {
        shown = []
        grid.replaceChildren()
      }
      shown = shown.concat(body.media)
      for (const item of body.media) grid.append(h('li', {}, itemButton(item)))
      status.textContent = shown.length ? t.mediaCount(shown.length, body.total) : t.mediaNone
      more.hidden = shown.length >= body.total || body.media.length === 0
      if (!shown.length) upload.open = true
    } catch {
      if (mine === request) status.textContent = t.mediaFailed
    }
  }

  function itemButton(item: MediaItem): HTMLButtonElement {
    const img = h('img', { src: item.url, alt: '', loading: 'lazy', sizes: '10rem', srcset: item.srcset || undefined })
    if (item.width && item.height) {
      img.width = item.width
      img.height = item.height
    }
    const button = h('button', { type: 'button', class: 'ed-media-item', 'aria-pressed': 'false' }, img, h('span', {}, item.alt || `#${item.id}`))
    button.addEventListener('click', () => choose(item, button))
    return button
  }

  function choose(item: MediaItem, button: HTMLButtonElement): void {
    chosen = item
    grid.querySelectorAll('[aria-pressed]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)))
    preview.src = item.url
    chosenFields.alt.control.value = item.alt ?? ''
    chosenFields.caption.control.value = item.caption ?? ''
    chosenFields.credit.control.value = item.credit ?? ''
    chosenFields.alt.setError(undefined)
    chosenForm.hidden = false
    chosenFields.alt.control.focus()
  }

  async function send(): Promise<void> {
    for (const f of [file, uploadFields.alt, uploadFields.caption, uploadFields.credit]) f.setError(undefined)
    uploadStatus.textContent = ''
    const picked = (file.control as HTMLInputElement).files?.length
    file.setError(picked ? undefined : t.fileRequired)
    const altOk = requireAlt(uploadFields.alt)
    if (!picked) (file.control as HTMLInputElement).focus()
    if (!picked || !altOk) return
    uploadStatus.textContent = t.uploading
    let res: Response
    try {
      res = await fetch(mediaUrl, {
        method: 'POST',
        body: new FormData(uploadForm),
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
        credentials: 'same-origin',
      })
    } catch {
      uploadStatus.textContent = t.uploadFailed
      return
    }
    const body = (await res.json().catch(() => ({}))) as MediaItem & ApiError
    if (res.status === 201 || res.ok) {
      result = toFigure(body, { alt: body.alt, caption: body.caption ?? '', credit: body.credit ?? '' })
      dialog.close()
      return
    }
    const message = body.error?.message ?? t.uploadFailed
    const byName: Record<string, Field> = { file, alt: uploadFields.alt, caption: uploadFields.caption, credit: uploadFields.credit }
    const target = body.error?.field ? byName[body.error.field] : undefined
    uploadStatus.textContent = target ? '' : message
    if (target) {
      target.setError(message)
      target.control.focus()
    }
  }

  searchForm.addEventListener('submit', (event) => {
    event.preventDefault()
    window.clearTimeout(searchTimer)
    void load(1)
  })
  query.control.addEventListener('input', () => {
    window.clearTimeout(searchTimer)
    searchTimer = window.setTimeout(() => void load(1), 300)
  })
  more.addEventListener('click', () => void load(page + 1))
  chosenForm.addEventListener('submit', (event) => {
    event.preventDefault()
    if (!chosen || !requireAlt(chosenFields.alt)) return
    result = toFigure(chosen, {
      alt: chosenFields.alt.control.value.trim(),
      caption: chosenFields.caption.control.value.trim(),
      credit: chosenFields.credit.control.value.trim(),
    })
    dialog.close()
  })
  uploadForm.addEventListener('submit', (event) => {
    event.preventDefault()
    void send()
  })
  closeButton.addEventListener('click', () => dialog.close())

  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      window.clearTimeout(searchTimer)
      dialog.remove()
      resolve(result)
    })
    dialog.showModal()
    query.control.focus()
    void load(1)
  })
}
