// Folds JSX elements into strings in the JavaScript tsc wrote (decision 035). After tsc, an element
// is a call: _jsx("a", { class: "x", href: path, children: title }). At every render the runtime
// of @kitajs/html walks its props to write the same `<a class="x" href="…">` again, and V8 spends
// long compiling the large view functions full of such calls. Here each call whose tag is a plain
// HTML tag and whose props are written out becomes string concatenation:
//   "<a class=\"x\"" + __jsxAttr("href", path) + ">" + __jsxText(title) + "</a>"
// Literal attributes and text are written by @kitajs/html itself, now, so the bytes are the ones
// the runtime writes; computed ones go through src/views/jsx-precompiled.ts, which gives exactly
// what the runtime gives. Anything else (components, spread props, `className`, `attrs`) stays a
// call. Lines keep their numbers, so stack traces and source maps still point at the right line.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'

const require = createRequire(import.meta.url)
const ts = require('typescript')
const kita = require('@kitajs/html')

const RUNTIME_IMPORT = /^import \{([^}]*)\} from "@kitajs\/html\/jsx-runtime";/
const HELPERS = 'import { jsxAttr as __jsxAttr, jsxText as __jsxText, jsxSafe as __jsxSafe } from '
/** Props the runtime reads as a whole, not one attribute at a time. */
const WHOLE_PROPS = new Set(['className', 'attrs', 'of'])

/** Rewrites every file under `dist` that tsc wrote from a .tsx; returns how many elements became strings. */
export function precompileJsx(dist, helpersFile) {
  let folded = 0
  for (const file of jsFiles(dist)) {
    const text = readFileSync(file, 'utf8')
    const header = RUNTIME_IMPORT.exec(text)
    if (!header) continue // no JSX, or already folded (the helpers' import comes first)
    const names = localNames(header[1])
    const result = foldFile(text, names)
    if (result.folded === 0) continue
    let specifier = relative(dirname(file), helpersFile).split('\\').join('/')
    if (!specifier.startsWith('.')) specifier = './' + specifier
    // On the first line, beside the runtime's import: every other line keeps its number.
    writeFileSync(file, `${HELPERS}${JSON.stringify(specifier)}; ${result.text}`)
    folded += result.folded
  }
  return folded
}

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : jsFiles(path)
    return name.endsWith('.js') ? [path] : []
  })
}

/** `jsx as _jsx, jsxs as _jsxs` → Map { '_jsx' → 'jsx', '_jsxs' → 'jsxs' }. */
function localNames(list) {
  const names = new Map()
  for (const part of list.split(',')) {
    const [imported, local = imported] = part.trim().split(/\s+as\s+/)
    if (imported === 'jsx' || imported === 'jsxs') names.set(local, imported)
  }
  return names
}

/** The file's text with every foldable element folded; `folded` counts them. */
export function foldFile(text, names) {
  const source = ts.createSourceFile('file.js', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS)
  let folded = 0

  /** The element's pieces, literal strings and expressions, in order; undefined when it stays a call. */
  function pieces(node) {
    if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return undefined
    const kind = names.get(node.expression.text)
    const [tag, props] = node.arguments
    if (!kind || node.arguments.length !== 2 || !ts.isStringLiteral(tag) || !ts.isObjectLiteralExpression(props)) return undefined
    const name = tag.text
    if (name === 'tag' || !/^[a-z][a-z0-9-]*$/.test(name)) return undefined
    const attributes = []
    let children
    let safe = false
    for (const prop of props.properties) {
      if (!ts.isPropertyAssignment(prop) || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) return undefined
      const key = prop.name.text
      if (WHOLE_PROPS.has(key)) return undefined
      if (key === 'children') children = prop.initializer
      else if (key === 'safe') {
        if (prop.initializer.kind !== ts.SyntaxKind.TrueKeyword) return undefined
        safe = true
      } else attributes.push([key, prop.initializer])
    }
    const out = ['<' + name]
    for (const [key, value] of attributes) {
      const literal = literalValue(value)
      out.push(literal.known ? kita.attributesToString({ [key]: literal.value }) : { call: '__jsxAttr', args: [JSON.stringify(key), value] })
    }
    if (children === undefined) {
      out.push(kita.isVoidElement(name) ? '/>' : '></' + name + '>')
      return out
    }
    if (kita.isVoidElement(name)) return undefined // a void element given children: rare enough to leave to the runtime
    out.push('>')
    if (safe) {
      const literal = literalValue(children)
      out.push(literal.known && typeof literal.value === 'string' ? kita.escapeHtml(literal.value) : { call: '__jsxSafe', args: [children] })
    } else if (kind === 'jsxs') {
      if (!ts.isArrayLiteralExpression(children) || children.elements.some((e) => ts.isSpreadElement(e))) return undefined
      for (const child of children.elements) out.push(...childPieces(child))
    } else out.push(...childPieces(children))
    out.push('</' + name + '>')
    return out
  }

  /** A child's pieces: a nested element folds into its parent's string rather than into a call of its own. */
  function childPieces(child) {
    const literal = literalValue(child)
    if (literal.known && typeof literal.value === 'string') return [literal.value]
    return pieces(child) ?? [{ call: '__jsxText', args: [child] }]
  }

  /** The folded element as JavaScript, as many lines long as the call it replaces. */
  function fold(node, parts) {
    folded++
    const code = []
    let literal = ''
    for (const part of parts.flat(Infinity)) {
      if (typeof part === 'string') literal += part
      else {
        if (literal) code.push(JSON.stringify(literal))
        literal = ''
        code.push(`${part.call}(${part.args.map((a) => (typeof a === 'string' ? a : rewrite(a))).join(', ')})`)
      }
    }
    if (literal) code.push(JSON.stringify(literal))
    const joined = code.join(' + ')
    const lines = count(node.getText(source), '\n') - count(joined, '\n')
    return `(${joined}${'\n'.repeat(Math.max(0, lines))})`
  }

  /** A node's text with the elements in it folded. */
  function rewrite(node) {
    const parts = pieces(node)
    if (parts) return fold(node, parts)
    const start = node === source ? 0 : node.getStart(source)
    let out = ''
    let at = start
    for (const { from, to, code } of foldsWithin(node)) {
      out += text.slice(at, from) + code
      at = to
    }
    return out + text.slice(at, node.end)
  }

  /** The outermost foldable elements inside `node`, each with its folded code. */
  function foldsWithin(node) {
    const found = []
    const visit = (child) => {
      if (pieces(child)) found.push({ from: child.getStart(source), to: child.end, code: rewrite(child) })
      else ts.forEachChild(child, visit)
    }
    ts.forEachChild(node, visit)
    return found
  }

  return { text: rewrite(source), folded }
}

function count(text, char) {
  let n = 0
  for (const c of text) if (c === char) n++
  return n
}

/** The value of a literal prop (a string, a number, true or false); `known` is false for anything computed. */
function literalValue(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { known: true, value: node.text }
  if (ts.isNumericLiteral(node)) return { known: true, value: Number(node.text) }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { known: true, value: true }
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { known: true, value: false }
  if (ts.isParenthesizedExpression(node)) return literalValue(node.expression)
  return { known: false }
}
