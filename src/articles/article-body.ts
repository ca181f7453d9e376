import { escapeHtml } from '@kitajs/html'
import { applyEdits, type Edit, type HtmlVisitor, isolateLatinRuns, latinRunIsolation, walkHtml } from '../views/index.js'
import { embedCardHtml } from './embeds.js'

// The stored body as readers see it, worked out at render time (pages are cached whole, so once
// per page and content version): directions, Latin runs isolated, embeds as cards.

/** The blocks that carry a direction (notes/editor-contract.md), and lists, which may carry one. */
const DIRECTED = new Set(['p', 'h2', 'h3', 'h4', 'blockquote', 'li', 'ul', 'ol'])

interface Block {
  name: string
  attribs: Record<string, string>
  start: number
  end: number
  /** Text of its own, not inside a nested block. */
  hasText: boolean
}

function openTag(name: string, attribs: Record<string, string>): string {
  return `<${name}${Object.entries(attribs).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('')}>`
}

/**
 * Every block takes its direction from the editor, `dir="auto"` by default (its first strong
 * letter; the Latin runs isolated below are skipped by that detection, so an Arabic paragraph opening
 * with a Latin name stays right-to-left). A list, or a quote or list item holding only paragraphs, drops `auto`:
 * the browser's detection skips children that have their own `dir`, would find nothing and make it
 * left-to-right; it inherits the page's direction instead and its paragraphs decide for themselves.
 */
function directionEdits(edits: Edit[]): HtmlVisitor {
  const stack: Block[] = []
  let embed: { start: number; url: string } | undefined
  return {
    open(tag) {
      if (tag.name === 'figure' && !embed && tag.attribs.class?.split(' ').includes('embed')) embed = { start: tag.start, url: tag.attribs['data-embed-url'] ?? '' }
      if (DIRECTED.has(tag.name) && !tag.implied) stack.push({ name: tag.name, attribs: tag.attribs, start: tag.start, end: tag.end, hasText: false })
    },
    text(run) {
      if (stack.length > 0 && run.text.trim()) stack[stack.length - 1].hasText = true
    },
    close(name, _start, end) {
      if (name === 'figure' && embed) {
        // The card replaces the figure whole (the text edits inside it fall away): its own Latin runs are isolated here.
        edits.push({ start: embed.start, end, text: isolateLatinRuns(embedCardHtml(embed.url)) })
        embed = undefined
        return
      }
      if (!DIRECTED.has(name) || stack.at(-1)?.name !== name) return
      const block = stack.pop()!
      const dir = block.attribs.dir ?? 'auto'
      const wanted = dir === 'auto' && !block.hasText ? undefined : dir
      if (wanted === block.attribs.dir) return
      const attribs = { ...block.attribs }
      if (wanted) attribs.dir = wanted
      else delete attribs.dir
      edits.push({ start: block.start, end: block.end, text: openTag(block.name, attribs) })
    },
  }
}

/**
 * The stored (sanitised) body → the HTML readers get: directions, isolated Latin runs, embed cards,
 * in one walk of the body. Direction edits change opening tags and Latin runs change text, so they
 * never overlap.
 */
export function renderArticleBody(html: string): string {
  const edits: Edit[] = []
  const latin = latinRunIsolation()
  walkHtml(html, directionEdits(edits), latin.visitor)
  return applyEdits(html, [...edits, ...latin.edits()])
}
