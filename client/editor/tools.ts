// What the toolbar buttons do: block types, marks, links, media and embeds, direction, history.
import type { ChainedCommands, Editor } from '@tiptap/core'
import { pickMedia } from './media-picker.js'
import { t } from './messages.js'
import type { Tool, ToolGroup } from './toolbar.js'
import { askForUrl } from './url-dialog.js'
import { embedUrl, linkHref } from './urls.js'

export interface PageSettings {
  /** `data-embed-hosts`, lower-cased. */
  hosts: string[]
  /** `data-media-url`: without it there is no image button. */
  mediaUrl: string | undefined
  /** The form's `_csrf`, sent with uploads. */
  csrf: string
}

export function editorTools(editor: Editor, { hosts, mediaUrl, csrf }: PageSettings): { groups: ToolGroup[]; editLink: () => Promise<void> } {
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

  const groups: ToolGroup[] = [
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
  ]
  return { groups, editLink }
}
