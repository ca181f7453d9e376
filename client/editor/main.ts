// The newsroom article editor (docs: /work/notes/editor-contract.md, issue #11 «Writing»). Finds the
// article form's #body-html textarea, hides it and mounts TipTap before it; the textarea keeps the
// editor's HTML at every change, so the form posts as it does without JavaScript.
import { Editor, Extension } from '@tiptap/core'
import { DOMParser as SchemaParser, DOMSerializer } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { startAutosave, type ServerVersion } from './autosave.js'
import { h } from './dom.js'
import { draftCopy, formFields, type Fields } from './draft-copy.js'
import { LatinRuns } from './latin-runs.js'
import { t } from './messages.js'
import { Embed, FigureImage } from './nodes.js'
import { cleanPastedHtml } from './paste.js'
import { buildToolbar } from './toolbar.js'
import { editorTools } from './tools.js'
import { isSafeHref } from './urls.js'

const RESTORABLE_INPUTS = new Set(['text', 'search', 'url', 'email', 'number', 'date', 'datetime-local', 'time', 'hidden'])

function mount(form: HTMLFormElement, textarea: HTMLTextAreaElement): void {
  const hosts = (form.dataset.embedHosts ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const mediaUrl = form.dataset.mediaUrl
  const autosaveUrl = form.dataset.autosaveUrl
  const csrf = (form.elements.namedItem('_csrf') as HTMLInputElement | null)?.value ?? ''
  const articleKey = /\/articles\/(\d+)/.exec(autosaveUrl ?? form.getAttribute('action') ?? '')?.[1] ?? 'new'

  const label = form.querySelector<HTMLLabelElement>(`label[for="${textarea.id}"]`)
  const labelId = label ? (label.id ||= `${textarea.id}-label`) : undefined
  const hint = h('p', { class: 'visually-hidden', id: `${textarea.id}-hint` }, t.editorHint)
  const surface = h('div', { class: 'ed-frame' })
  const notices = h('div', { class: 'ed-notices' })
  const status = h('p', { class: 'ed-status', role: 'status' })
  const shell = h('div', { class: 'ed' }, notices, surface, status, hint)
  textarea.before(shell)
  textarea.hidden = true

  let toolbar: ReturnType<typeof buildToolbar> | undefined
  let editLink: (() => Promise<void>) | undefined
  const editor = new Editor({
    element: surface,
    content: textarea.value,
    // The page's CSP (style-src 'self') refuses injected <style>: editor.css carries ProseMirror's rules.
    injectCSS: false,
    // Every block gets dir="auto" (direction from its first strong character) unless overridden.
    textDirection: 'auto',
    extensions: [
      StarterKit.configure({
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        heading: { levels: [2, 3] },
        link: {
          openOnClick: false,
          defaultProtocol: 'https',
          HTMLAttributes: { target: null, rel: null, class: null },
          isAllowedUri: (url) => isSafeHref(url),
        },
      }),
      FigureImage,
      Embed.configure({ hosts }),
      LatinRuns,
      Extension.create({
        name: 'nashraKeys',
        addKeyboardShortcuts: () => ({
          'Alt-F10': () => {
            toolbar?.focus()
            return true
          },
          'Mod-k': () => {
            void editLink?.()
            return true
          },
        }),
      }),
    ],
    editorProps: {
      attributes: {
        id: `${textarea.id}-editor`,
        class: 'ed-surface ed-prose',
        dir: 'rtl',
        lang: 'ar',
        role: 'textbox',
        'aria-multiline': 'true',
        ...(labelId ? { 'aria-labelledby': labelId } : {}),
        'aria-describedby': hint.id,
      },
      transformPastedHTML: cleanPastedHtml,
      // Links and embeds in the text are edited, not followed.
      handleDOMEvents: {
        click: (_view, event) => {
          if (event.target instanceof Element && event.target.closest('a')) event.preventDefault()
          return false
        },
      },
    },
  })

  // The empty paragraph kept after a final figure (so there is somewhere to type) is not content.
  const sync = () => {
    textarea.value = editor.isEmpty ? '' : editor.getHTML().replace(/(<p dir="[a-z]+"><\/p>)+$/, '')
  }
  const collect = (): Fields => {
    sync()
    return formFields(form)
  }
  const draft = draftCopy({
    form,
    articleKey,
    collect,
    apply: (fields) => {
      for (const [name, value] of Object.entries(fields)) {
        if (name === 'bodyHtml') {
          editor.commands.setContent(value)
          continue
        }
        const el = form.elements.namedItem(name)
        if ((el instanceof HTMLInputElement && RESTORABLE_INPUTS.has(el.type)) || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
          el.value = value
        }
      }
      changed()
    },
  })
  const renderer = {
    parser: SchemaParser.fromSchema(editor.schema),
    serializer: DOMSerializer.fromSchema(editor.schema),
  }
  const autosave = autosaveUrl
    ? startAutosave({
        form,
        url: autosaveUrl,
        status,
        panelSlot: notices,
        body: () => {
          sync()
          // Every value of every field: tags and bylines may repeat a name.
          const params = new URLSearchParams()
          for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value)
          return params
        },
        // Parsed inertly, kept to what the schema allows (safe links only), built as DOM.
        render: (html) => {
          const parsed = new DOMParser().parseFromString(html, 'text/html')
          return renderer.serializer.serializeFragment(renderer.parser.parse(parsed.body).content)
        },
        yours: () => ({ title: titleInput()?.value ?? '', bodyHtml: collect().bodyHtml ?? '' }),
        loadTheirs: (theirs: ServerVersion) => {
          editor.commands.setContent(theirs.bodyHtml, { emitUpdate: false })
          sync()
          const title = titleInput()
          if (title) title.value = theirs.title
          const version = form.elements.namedItem('version') as HTMLInputElement | null
          if (version) version.value = String(theirs.version)
        },
        onSaved: () => draft.clear(),
      })
    : undefined

  function titleInput(): HTMLInputElement | undefined {
    const el = form.elements.namedItem('title')
    return el instanceof HTMLInputElement ? el : undefined
  }
  function changed(): void {
    autosave?.changed()
    draft.changed()
  }

  const tools = editorTools(editor, { hosts, mediaUrl, csrf })
  editLink = tools.editLink
  toolbar = buildToolbar(editor, tools.groups)
  toolbar.element.setAttribute('aria-controls', editor.view.dom.id)
  surface.before(toolbar.element)

  if (label) {
    // The label now names the editor (aria-labelledby); a click puts the caret in it.
    label.removeAttribute('for')
    label.addEventListener('click', () => editor.commands.focus())
  }
  editor.on('update', () => {
    sync()
    changed()
  })
  const fieldChanged = (event: Event) => {
    if (!(event.target instanceof Node) || !shell.contains(event.target)) changed()
  }
  form.addEventListener('input', fieldChanged)
  form.addEventListener('change', fieldChanged)
  form.addEventListener('submit', sync)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') draft.flush()
  })
  draft.offer(notices)
  // Milliseconds from navigation to a usable editor (measured by the browser tests).
  form.setAttribute('data-editor-ready', String(Math.round(performance.now())))
}

const form = document.getElementById('article-form')
const textarea = document.getElementById('body-html')
if (form instanceof HTMLFormElement && textarea instanceof HTMLTextAreaElement) mount(form, textarea)
