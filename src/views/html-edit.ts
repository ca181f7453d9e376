import { Parser } from 'htmlparser2'

/** An opening tag as written: `start` is its `<`, `end` the index after its `>`. */
export interface OpenTag {
  name: string
  attribs: Record<string, string>
  start: number
  end: number
  /** Made up by the parser (a stray `</p>`): nothing of it is in the source. */
  implied: boolean
}

/** A run of text between tags, entities decoded; `start`/`end` delimit its source (entities included). */
export interface TextRun {
  text: string
  start: number
  end: number
}

export interface HtmlVisitor {
  open?(tag: OpenTag): void
  text?(run: TextRun): void
  /** `start`/`end` delimit the closing tag as written (empty for one the parser implied). */
  close?(name: string, start: number, end: number): void
}

/**
 * Walks HTML with htmlparser2's tokenizer (the parser sanitize-html uses), calling the visitor in
 * document order with the source positions of every tag and text run, so a caller can rewrite
 * parts of the source and copy the rest byte for byte (`applyEdits`). Several visitors share one
 * walk, each called in turn.
 */
export function walkHtml(html: string, ...visitors: HtmlVisitor[]): void {
  const visitor = visitors.length === 1 ? visitors[0] : allOf(visitors)
  let pending: TextRun | undefined
  const flush = () => {
    if (pending) visitor.text?.(pending)
    pending = undefined
  }
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs, implied) {
        flush()
        visitor.open?.({ name, attribs, start: parser.startIndex, end: implied ? parser.startIndex : parser.endIndex + 1, implied })
      },
      ontext(text) {
        // The tokenizer hands text over in pieces (each entity apart): glue the pieces of one run.
        const start = parser.startIndex
        const end = parser.endIndex + 1
        if (pending && pending.end === start) {
          pending.text += text
          pending.end = end
        } else {
          flush()
          pending = { text, start, end }
        }
      },
      onclosetag(name, implied) {
        flush()
        const start = implied ? Math.min(parser.startIndex, html.length) : parser.startIndex
        visitor.close?.(name, start, implied ? start : parser.endIndex + 1)
      },
      oncomment() {
        flush()
      },
      onprocessinginstruction() {
        flush()
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  )
  parser.write(html)
  parser.end()
  flush()
}

/** One visitor that calls each of `visitors` in turn. */
function allOf(visitors: HtmlVisitor[]): HtmlVisitor {
  return {
    open: (tag) => visitors.forEach((v) => v.open?.(tag)),
    text: (run) => visitors.forEach((v) => v.text?.(run)),
    close: (name, start, end) => visitors.forEach((v) => v.close?.(name, start, end)),
  }
}

/** A replacement of `source.slice(start, end)`. */
export interface Edit {
  start: number
  end: number
  text: string
}

/** The source with each edit applied; an edit overlapping an earlier one (by start) is ignored. */
export function applyEdits(source: string, edits: Edit[]): string {
  if (edits.length === 0) return source
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let cursor = 0
  for (const edit of sorted) {
    if (edit.start < cursor) continue
    out += source.slice(cursor, edit.start) + edit.text
    cursor = edit.end
  }
  return out + source.slice(cursor)
}
