// The newsroom article editor (docs: /work/notes/editor-contract.md, issue #11 «Writing»). Finds the
// article form's #body-html textarea, hides it and mounts TipTap before it; the textarea keeps the
// editor's HTML at every change, so the form posts as it does without JavaScript.
import { Editor, Extension, type ChainedCommands } from '@tiptap/core'
import { DOMParser as SchemaParser, DOMSerializer } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { startAutosave, type ServerVersion } from './autosave.js'
import { h } from './dom.js'
import { draftCopy, formFields, type Fields } from './draft-copy.js'
import { LatinRuns } from './latin-runs.js'
import { pickMedia } from './media-picker.js'
import { t } from './messages.js'
import { Embed, FigureImage } from './nodes.js'
import { cleanPastedHtml } from './paste.js'
import { buildToolbar, type Tool } from './toolbar.js'
import { askForUrl } from './url-dialog.js'
import { embedUrl, isSafeHref, linkHref } from './urls.js'

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
            void editLink()
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
          const params = new URLSearchParams()
          for (const [name, value] of Object.entries(collectAll())) for (const v of value) params.append(name, v)
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

  /** Every string field with all its values (tags and bylines may repeat a name). */
  function collectAll(): Record<string, string[]> {
    sync()
    const all: Record<string, string[]> = {}
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') (all[name] ??= []).push(value)
    return all
  }
  function titleInput(): HTMLInputElement | undefined {
    const el = form.elements.namedItem('title')
    return el instanceof HTMLInputElement ? el : undefined
  }
  function changed(): void {
    autosave?.changed()
    draft.changed()
  }

  async function editLink(): Promise<void> {
    const previous = editor.getAttributes('link').href as string | undefined
    const url = await askForUrl({
      title: t.linkTitle,
      label: t.linkLabel,
      help: t.linkHelp,
      initial: previous,
      submitLabel: t.apply,
      check: (typed) => {
        const href = linkHref(typed)
        return href ? { url: href } : { error: t.linkRefused }
      },
      onRemove: previous ? () => editor.chain().focus().extendMarkRange('link').unsetLink().run() : undefined,
    })
    const chain = editor.chain().focus()
    if (!url) return void chain.run()
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).unsetMark('link').run()
    } else {
      chain.extendMarkRange('link').setLink({ href: url }).run()
    }
  }

  async function insertEmbed(): Promise<void> {
    const url = await askForUrl({
      title: t.embedTitle,
      label: t.embedLabel,
      help: t.embedHelp(hosts.join('، ')),
      submitLabel: t.insert,
      check: (typed) => {
        const accepted = embedUrl(typed, hosts)
        if (accepted) return { url: accepted }
        return { error: /^https?:\/\/[^/\s]+\.[^/\s]+/i.test(typed.trim()) ? t.embedRefused : t.embedInvalid }
      },
    })
    const chain = editor.chain().focus()
    if (url) chain.insertContent({ type: 'embed', attrs: { url } })
    chain.run()
  }

  async function insertImage(url: string): Promise<void> {
    const attrs = await pickMedia(url, csrf)
    const chain = editor.chain().focus()
    if (attrs) chain.insertContent({ type: 'figureImage', attrs })
    chain.run()
  }

  const command = (fn: (chain: ChainedCommands) => ChainedCommands) => () => void fn(editor.chain().focus()).run()
  const parent = () => editor.state.selection.$from.parent
  const inWrapper = () => editor.isActive('bulletList') || editor.isActive('orderedList') || editor.isActive('blockquote')
  const direction = (dir: 'auto' | 'rtl' | 'ltr', label: string): Tool => ({
    label,
    run: command((c) => c.setTextDirection(dir)),
    active: () => parent().isTextblock && (parent().attrs.dir ?? 'auto') === dir,
    enabled: () => parent().isTextblock,
  })
  const insertTools: Tool[] = []
  if (mediaUrl) insertTools.push({ label: t.image, run: () => void insertImage(mediaUrl) })
  insertTools.push({ label: t.embed, run: () => void insertEmbed() })

  toolbar = buildToolbar(editor, [
    {
      tools: [
        { label: t.paragraph, keys: 'Ctrl+Alt+0', run: command((c) => c.clearNodes().setParagraph()), active: () => parent().type.name === 'paragraph' && !inWrapper() },
        { label: t.heading2, keys: 'Ctrl+Alt+2', run: command((c) => c.toggleHeading({ level: 2 })), active: () => editor.isActive('heading', { level: 2 }) },
        { label: t.heading3, keys: 'Ctrl+Alt+3', run: command((c) => c.toggleHeading({ level: 3 })), active: () => editor.isActive('heading', { level: 3 }) },
        { label: t.quote, keys: 'Ctrl+Shift+B', run: command((c) => c.toggleBlockquote()), active: () => editor.isActive('blockquote') },
        { label: t.bulletList, keys: 'Ctrl+Shift+8', run: command((c) => c.toggleBulletList()), active: () => editor.isActive('bulletList') },
        { label: t.orderedList, keys: 'Ctrl+Shift+7', run: command((c) => c.toggleOrderedList()), active: () => editor.isActive('orderedList') },
      ],
    },
    {
      tools: [
        { label: t.bold, keys: 'Ctrl+B', className: 'ed-bold', run: command((c) => c.toggleBold()), active: () => editor.isActive('bold') },
        { label: t.italic, keys: 'Ctrl+I', className: 'ed-italic', run: command((c) => c.toggleItalic()), active: () => editor.isActive('italic') },
        { label: t.link, keys: 'Ctrl+K', run: () => void editLink(), active: () => editor.isActive('link') },
      ],
    },
    { tools: insertTools },
    { name: t.direction, tools: [direction('auto', t.dirAuto), direction('rtl', t.dirRtl), direction('ltr', t.dirLtr)] },
    {
      tools: [
        { label: t.undo, keys: 'Ctrl+Z', run: command((c) => c.undo()), enabled: () => editor.can().undo() },
        { label: t.redo, keys: 'Ctrl+Shift+Z', run: command((c) => c.redo()), enabled: () => editor.can().redo() },
      ],
    },
  ])
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
