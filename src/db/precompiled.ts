import type { Compilable, CompiledQuery } from 'kysely'
import type { Db } from './index.js'

// Building and compiling a Kysely query costs more than SQLite takes to run a small one (measured
// on the article page: about a tenth of an uncached render's CPU). A query the hot paths run on
// every render is built and compiled once per database (and per length of each list it takes), and
// then only its parameter values change. The builder is the ordinary Kysely code: it is called once
// with placeholders where the values go, and the compiled SQL's parameters show where each one landed.

const PLACEHOLDER = '\u0000nashra-precompiled:'

interface Template {
  compiled: CompiledQuery
  /** For each parameter of the SQL: which argument (and which item of a list argument) fills it, or undefined for a constant of the builder. */
  slots: ([number, number] | undefined)[]
}

type Arg = string | number | readonly (string | number)[]

/**
 * A read query compiled once, run with new values: `new Precompiled((db, id) => db.selectFrom(…).where('id', '=', id))`.
 * Arguments are bound parameters only (values the builder passes on to Kysely untouched), never
 * names or shapes; a list argument compiles once per length. Only for the base `db`, not a transaction.
 */
export class Precompiled<A extends Arg[], R> {
  private readonly templates = new WeakMap<Db, Map<string, Template>>()

  constructor(private readonly build: (db: Db, ...args: A) => Compilable<R>) {}

  async execute(db: Db, ...args: A): Promise<R[]> {
    const template = this.template(db, args)
    const parameters = template.compiled.parameters.map((constant, i) => {
      const slot = template.slots[i]
      if (!slot) return constant
      const arg = args[slot[0]]!
      return Array.isArray(arg) ? arg[slot[1]] : arg
    })
    const result = await db.executeQuery<R>({ ...template.compiled, parameters })
    return result.rows
  }

  async executeTakeFirst(db: Db, ...args: A): Promise<R | undefined> {
    return (await this.execute(db, ...args))[0]
  }

  private template(db: Db, args: A): Template {
    let byShape = this.templates.get(db)
    if (!byShape) this.templates.set(db, (byShape = new Map()))
    const shape = args.map((a) => (Array.isArray(a) ? a.length : '-')).join(',')
    let template = byShape.get(shape)
    if (!template) byShape.set(shape, (template = this.compile(db, args)))
    return template
  }

  private compile(db: Db, args: A): Template {
    const placeholders = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => `${PLACEHOLDER}${i}:${j}`) : `${PLACEHOLDER}${i}:0`)) as A
    const compiled = this.build(db, ...placeholders).compile()
    const slots = compiled.parameters.map((p): [number, number] | undefined => {
      if (typeof p !== 'string' || !p.startsWith(PLACEHOLDER)) return undefined
      const [i, j] = p.slice(PLACEHOLDER.length).split(':').map(Number)
      return [i!, j!]
    })
    const bound = new Set(slots.filter((s) => s !== undefined).map((s) => s.join(':')))
    const expected = placeholders.flatMap((p, i) => (Array.isArray(p) ? p.map((_, j) => `${i}:${j}`) : [`${i}:0`]))
    // A value the builder turned into SQL text, or looked at, cannot be swapped afterwards.
    if (expected.some((e) => !bound.has(e))) throw new Error('Precompiled: every argument must be bound as a query parameter')
    return { compiled, slots }
  }
}
