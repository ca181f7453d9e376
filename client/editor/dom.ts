// A small element builder: text always goes in as text (never as HTML).

type Attrs = Record<string, string | boolean | undefined>
type Child = Node | string | false | null | undefined

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, '')
    else if (typeof value === 'string') el.setAttribute(name, value)
  }
  for (const child of children) if (child) el.append(child)
  return el
}

let counter = 0
/** A page-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  counter += 1
  return `${prefix}-${counter}`
}

/** A labelled field: label, control, an error line tied to it by aria-describedby. */
export function field(label: string, control: HTMLInputElement | HTMLTextAreaElement, help?: string) {
  control.id ||= uid('ed-field')
  const error = h('p', { class: 'ed-field-error', id: `${control.id}-error`, hidden: true })
  const helpLine = help ? h('p', { class: 'ed-help', id: `${control.id}-help` }, help) : undefined
  control.setAttribute('aria-describedby', [helpLine?.id, error.id].filter(Boolean).join(' '))
  const wrapper = h('div', { class: 'ed-field' }, h('label', { for: control.id }, label), control, helpLine, error)
  return {
    wrapper,
    control,
    /** Shows (or with undefined, clears) the field's error and marks the control invalid. */
    setError(message: string | undefined) {
      error.textContent = message ?? ''
      error.hidden = !message
      if (message) control.setAttribute('aria-invalid', 'true')
      else control.removeAttribute('aria-invalid')
    },
  }
}

export type Field = ReturnType<typeof field>

/** HH:MM in the reader's clock, Latin digits as elsewhere in the newsroom. */
export function clock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}
