// Latin names, numbers and URLs inside Arabic text are isolated (<bdi>) so that neighbouring
// punctuation and words keep their order («قالت CNN، إن…» must not become «، قالت CNN إن…»), and so
// a block with dir="auto" takes its direction from its Arabic, not from a Latin name it opens
// with (direction detection skips <bdi>). Done when a page is rendered, never stored: the editor
// shows the same isolation with a decoration (docs: notes/editor-contract).
import { escapeHtml } from '@kitajs/html'
import { applyEdits, type Edit, type HtmlVisitor, walkHtml } from './html-edit.js'

// Script_Extensions, not Script: the tatweel «ـ» (U+0640) is a letter of the Common script that
// Arabic uses. Taken for a Latin letter, «بـ«داعش»» became «ب<bdi>ـ</bdi>«داعش»», and the isolate
// broke the letters' joining on screen (1,289 of the corpus's 30,644 headlines have a tatweel).
const RTL_SCRIPTS = '\\p{scx=Arabic}\\p{scx=Hebrew}\\p{scx=Syriac}\\p{scx=Thaana}'
/** A right-to-left letter (Arabic-Indic digits and harakat are not letters). */
const RTL_LETTER = new RegExp(`(?=[${RTL_SCRIPTS}])\\p{L}`, 'u')
/** A left-to-right letter (Latin, but also Greek, Cyrillic…), with its combining marks. */
const LTR_LETTER = `(?![${RTL_SCRIPTS}])\\p{L}\\p{M}*`
const WORD = `(?:${LTR_LETTER}|[0-9])+`
/** What may sit between two words of one run: «New York», «10:30», «AT&T», «name@example.org». */
const JOIN = `[ \\u00A0.,:'’_/&@+\\-–]`
const URL_RUN = `(?:https?://|www\\.)[^\\s<>"«»]+`
const WORD_RUN = `[$€£#@+]?${WORD}(?:${JOIN}+${WORD})*(?:%|\\+\\+?|#)?`
const RUN = new RegExp(`${URL_RUN}|${WORD_RUN}`, 'gu')
/** Punctuation that ends a sentence rather than a URL. */
const URL_TAIL = /[.,:;!?)\]}'"،؛؟]+$/u
/**
 * A lone number, decimal or percentage is left to the bidi algorithm, which sets «78%» the Arabic
 * way («%78», as Arabic readers expect it); dates, phone numbers and times are isolated
 * («2026-04-01» would otherwise read «01-04-2026»).
 */
const PLAIN_NUMBER = /^[0-9]+(?:[.,][0-9]+)*%?$/

/** Where the Latin runs of a text are, as [start, end) pairs. */
export function latinRuns(text: string): [number, number][] {
  const runs: [number, number][] = []
  for (const match of text.matchAll(RUN)) {
    let run = match[0]
    if (run.startsWith('http') || run.startsWith('www.')) run = run.replace(URL_TAIL, '')
    if (run === '' || PLAIN_NUMBER.test(run)) continue
    runs.push([match.index!, match.index! + run.length])
  }
  return runs
}

export const hasRtlLetter = (text: string): boolean => RTL_LETTER.test(text)

/** Escaped HTML of `text` with each run wrapped in <bdi>. */
function wrapRuns(text: string, runs: [number, number][]): string {
  let out = ''
  let cursor = 0
  for (const [start, end] of runs) {
    out += escapeHtml(text.slice(cursor, start)) + '<bdi>' + escapeHtml(text.slice(start, end)) + '</bdi>'
    cursor = end
  }
  return out + escapeHtml(text.slice(cursor))
}

/** Plain text → escaped HTML, its Latin runs in <bdi> when the text is Arabic (headlines, names, summaries). */
export function isolateLatinRunsInText(text: string): string {
  if (!hasRtlLetter(text)) return escapeHtml(text)
  return wrapRuns(text, latinRuns(text))
}

/** Elements whose text is one paragraph as far as direction goes. */
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'li', 'figcaption', 'td', 'th', 'caption', 'dt', 'dd', 'div', 'figure'])
/** Text inside these is left alone: already isolated, or not prose. */
const LEAVE_ALONE = new Set(['bdi', 'code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea', 'svg', 'math', 'title'])

/**
 * HTML → the same HTML with the Latin runs (words, numbers with separators, URLs) of every block
 * holding Arabic text wrapped in <bdi>. Only text changes: tags, attributes, links and entities
 * elsewhere are copied as they are; a run never crosses a tag. Blocks with no Arabic (a paragraph
 * in English) are left as they are, so dir="auto" still finds their Latin direction.
 */
export function isolateLatinRuns(html: string): string {
  const isolation = latinRunIsolation()
  walkHtml(html, isolation.visitor)
  return applyEdits(html, isolation.edits())
}

/** `isolateLatinRuns` as a visitor, for a caller that walks the HTML once for more than this; `edits()` after the walk. */
export function latinRunIsolation(): { visitor: HtmlVisitor; edits(): Edit[] } {
  const texts: { run: { text: string; start: number; end: number }; block: number }[] = []
  const blockIsRtl: boolean[] = [false]
  const blocks: number[] = [0]
  const open: string[] = []
  let leaveAlone = 0
  const visitor: HtmlVisitor = {
    open(tag) {
      open.push(tag.name)
      if (LEAVE_ALONE.has(tag.name)) leaveAlone++
      if (BLOCKS.has(tag.name)) {
        blocks.push(blockIsRtl.length)
        blockIsRtl.push(false)
      }
    },
    text(run) {
      const block = blocks[blocks.length - 1]
      if (hasRtlLetter(run.text)) blockIsRtl[block] = true
      if (leaveAlone === 0) texts.push({ run, block })
    },
    close(name) {
      const at = open.lastIndexOf(name)
      if (at === -1) return
      for (const closed of open.splice(at)) {
        if (LEAVE_ALONE.has(closed)) leaveAlone--
        if (BLOCKS.has(closed) && blocks.length > 1) blocks.pop()
      }
    },
  }
  function edits(): Edit[] {
    const out: Edit[] = []
    for (const { run, block } of texts) {
      if (!blockIsRtl[block]) continue
      const runs = latinRuns(run.text)
      if (runs.length > 0) out.push({ start: run.start, end: run.end, text: wrapRuns(run.text, runs) })
    }
    return out
  }
  return { visitor, edits }
}
