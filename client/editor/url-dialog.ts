// A modal asking for one address (a link, an embed), checked before it reaches the editor.
import { field, h, uid } from './dom.js'
import { t } from './messages.js'

export interface UrlDialogOptions {
  title: string
  label: string
  help: string
  initial?: string
  submitLabel: string
  /** The accepted URL, or the Arabic reason it is refused. */
  check: (typed: string) => { url: string } | { error: string }
  /** When given, a «إزالة الرابط» button calls it and closes. */
  onRemove?: () => void
}

/** Resolves to the accepted URL, or undefined when the person cancels (or removes). */
export function askForUrl(options: UrlDialogOptions): Promise<string | undefined> {
  const titleId = uid('ed-dialog-title')
  const input = h('input', { type: 'text', inputmode: 'url', dir: 'ltr', autocomplete: 'off', spellcheck: 'false', required: true })
  input.value = options.initial ?? ''
  const url = field(options.label, input, options.help)
  const cancel = h('button', { type: 'button', class: 'ed-secondary' }, t.cancel)
  const remove = options.onRemove ? h('button', { type: 'button', class: 'ed-secondary' }, t.linkRemove) : undefined
  const form = h(
    'form',
    { class: 'ed-dialog-body', novalidate: true },
    h('h2', { id: titleId }, options.title),
    url.wrapper,
    h('div', { class: 'ed-actions' }, h('button', { type: 'submit' }, options.submitLabel), remove, cancel),
  )
  const dialog = h('dialog', { class: 'ed-dialog', 'aria-labelledby': titleId }, form)
  document.body.append(dialog)

  return new Promise((resolve) => {
    let result: string | undefined
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const checked = options.check(input.value)
      if ('error' in checked) {
        url.setError(checked.error)
        input.focus()
        return
      }
      result = checked.url
      dialog.close()
    })
    input.addEventListener('input', () => url.setError(undefined))
    cancel.addEventListener('click', () => dialog.close())
    remove?.addEventListener('click', () => {
      options.onRemove?.()
      dialog.close()
    })
    dialog.addEventListener('close', () => {
      dialog.remove()
      resolve(result)
    })
    dialog.showModal()
    input.select()
  })
}
