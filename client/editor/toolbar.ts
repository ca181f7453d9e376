// The toolbar: one tab stop (arrow keys move between buttons, as in the WAI-ARIA toolbar pattern),
// `aria-pressed` on every button that is a state, Alt+F10 from the text to reach it, Escape back.
import type { Editor } from '@tiptap/core'
import { h } from './dom.js'
import { t } from './messages.js'

export interface Tool {
  label: string
  /** Keyboard shortcut shown in the tooltip. */
  keys?: string
  className?: string
  run: () => void
  /** Present on buttons that show a state (they get aria-pressed). */
  active?: () => boolean
  enabled?: () => boolean
}

/** Tools in groups; a group may carry a visible name (the direction group does). */
export type ToolGroup = { name?: string; tools: Tool[] }

export function buildToolbar(editor: Editor, groups: ToolGroup[]) {
  const buttons: Array<{ el: HTMLButtonElement; tool: Tool }> = []
  const toolbar = h('div', { class: 'ed-toolbar', role: 'toolbar', 'aria-label': t.toolbar })
  for (const group of groups) {
    const box = h('div', { class: 'ed-group', role: 'group', 'aria-label': group.name })
    if (group.name) box.append(h('span', { class: 'ed-group-name', 'aria-hidden': 'true' }, `${group.name}:`))
    for (const tool of group.tools) {
      const el = h('button', { type: 'button', class: tool.className, tabindex: '-1', title: tool.keys ? `${tool.label} (${tool.keys})` : undefined }, tool.label)
      if (tool.active) el.setAttribute('aria-pressed', 'false')
      // Keep the selection in the text while clicking.
      el.addEventListener('mousedown', (event) => event.preventDefault())
      el.addEventListener('click', () => tool.run())
      buttons.push({ el, tool })
      box.append(el)
    }
    toolbar.append(box)
  }
  let current = buttons[0]
  const makeCurrent = (target: (typeof buttons)[number]) => {
    buttons.forEach((b) => (b.el.tabIndex = b === target ? 0 : -1))
    current = target
  }
  const focusOn = (target: (typeof buttons)[number]) => {
    makeCurrent(target)
    target.el.focus()
  }
  current.el.tabIndex = 0

  toolbar.addEventListener('keydown', (event) => {
    const enabled = buttons.filter((b) => !b.el.disabled)
    const at = enabled.findIndex((b) => b.el === document.activeElement)
    // In a right-to-left toolbar the next button is to the left.
    const rtl = getComputedStyle(toolbar).direction === 'rtl'
    const step = { ArrowLeft: rtl ? 1 : -1, ArrowRight: rtl ? -1 : 1 }[event.key as 'ArrowLeft' | 'ArrowRight']
    let next: number | undefined
    if (step) next = at + step
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = enabled.length - 1
    else if (event.key === 'Escape') {
      event.preventDefault()
      // Straight back to the caret (the focus command waits for the next frame).
      editor.view.focus()
      return
    }
    if (next === undefined) return
    event.preventDefault()
    focusOn(enabled[(next + enabled.length) % enabled.length])
  })
  toolbar.addEventListener('focusin', (event) => {
    const focused = buttons.find((b) => b.el === event.target)
    if (focused) makeCurrent(focused)
  })

  function refresh(): void {
    for (const { el, tool } of buttons) {
      if (tool.active) el.setAttribute('aria-pressed', String(tool.active()))
      el.disabled = tool.enabled ? !tool.enabled() : false
    }
    // The tab stop must stay on a button that can take focus.
    if (current.el.disabled) {
      makeCurrent(buttons.find((b) => !b.el.disabled) ?? buttons[0])
    }
  }
  editor.on('transaction', refresh)
  editor.on('focus', refresh)
  refresh()

  return {
    element: toolbar,
    /** Moves focus into the toolbar, on the last used button. */
    focus: () => focusOn(current),
  }
}
