// Latin names, numbers and URLs inside Arabic text are shown as isolated left-to-right runs, so
// «قال John Smith إن 25 شخصاً» keeps its word order while typing. Only a view decoration: nothing
// is stored (the server isolates the same runs on the published page).
import { Extension } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

const ARABIC = /\p{Script=Arabic}/u
// A URL (ending on a letter, digit or slash, not on the sentence's punctuation), or Latin letters and
// digits joined by spaces or inner punctuation («John Smith», «COVID-19», «3.5», «iPhone 15»).
const RUN =
  /(?:https?:\/\/|www\.)[^\s\p{Script=Arabic}«»]*[^\s\p{Script=Arabic}«».,;:!?'"()[\]]|[\p{Script=Latin}0-9](?:[\p{Script=Latin}0-9\p{M}]|[.,:'’&@%+\-_/#=~]+(?=[\p{Script=Latin}0-9])|\s+(?=[\p{Script=Latin}0-9]))*/gu

/** [start, end) offsets of the Latin runs in a piece of text, when the text has Arabic in it. */
export function latinRuns(text: string): Array<[number, number]> {
  if (!ARABIC.test(text)) return []
  const runs: Array<[number, number]> = []
  for (const match of text.matchAll(RUN)) {
    const start = match.index ?? 0
    runs.push([start, start + match[0].length])
  }
  return runs
}

function decorate(doc: PmNode): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    // One character per inline leaf, so an offset in this text is an offset in the block.
    const text = node.textBetween(0, node.content.size, undefined, '\ufffc')
    for (const [from, to] of latinRuns(text)) {
      decorations.push(Decoration.inline(pos + 1 + from, pos + 1 + to, { nodeName: 'span', class: 'latin-run', dir: 'ltr' }))
    }
    return false
  })
  return DecorationSet.create(doc, decorations)
}

const key = new PluginKey<DecorationSet>('latinRuns')

export const LatinRuns = Extension.create({
  name: 'latinRuns',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorate(state.doc),
          apply: (tr, previous) => (tr.docChanged ? decorate(tr.doc) : previous),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ]
  },
})
