import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifySchemaCompiler } from 'fastify'

// Fastify's default Ajv coerces every part of a request, bodies included, and reads numbers as
// JavaScript does: "0x10" is 16, "1e3" is 1000, " 1" is 1 and "Infinity" passes `maximum`.
// Here a body keeps the JSON types as sent, and a number in the address is plain decimal digits.
const buildCompiler = AjvCompiler()
const compileBody = buildCompiler({}, { customOptions: { coerceTypes: false } })
const compileAddress = buildCompiler({}, { customOptions: { coerceTypes: 'array', strictNumbers: true } })

const PLAIN = {
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?$/,
}
type NumericKind = keyof typeof PLAIN

interface ValidationIssue {
  instancePath: string
  schemaPath: string
  keyword: string
  params: Record<string, unknown>
  message: string
}

type Validate = ((data: unknown, context?: unknown) => boolean) & { errors?: ValidationIssue[] | null; schemaEnv?: unknown }

/** The numeric properties of an object schema (`page` → integer), including one level of unions. */
export function numericProperties(schema: unknown): Map<string, NumericKind> {
  const found = new Map<string, NumericKind>()
  const properties = (schema as { properties?: Record<string, unknown> })?.properties ?? {}
  for (const [name, property] of Object.entries(properties)) {
    const kind = numericKindOf(property)
    if (kind) found.set(name, kind)
  }
  return found
}

function numericKindOf(schema: unknown): NumericKind | undefined {
  const s = schema as { type?: unknown; anyOf?: unknown[]; oneOf?: unknown[] } | undefined
  if (!s) return undefined
  const types = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('number')) return 'number'
  if (types.includes('integer')) return 'integer'
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const kind = numericKindOf(branch)
    if (kind) return kind
  }
  return undefined
}

/** Whether a raw string from the address is a number as a person writes it (and, for integers, an exact one). */
export function isPlainNumber(value: string, kind: NumericKind): boolean {
  if (!PLAIN[kind].test(value)) return false
  return kind === 'number' || Number.isSafeInteger(Number(value))
}

/**
 * A safe integer written as plain decimal digits, or undefined. For numbers read by hand
 * (newsroom forms), where `Number()` would take "0x10", " 5 " or "1e3".
 */
export function plainInteger(value: unknown): number | undefined {
  return typeof value === 'string' && isPlainNumber(value, 'integer') ? Number(value) : undefined
}

/** Checks the raw strings of numeric properties before Ajv coerces them; the first bad one is the error. */
function strictNumbersFirst(schema: unknown, validate: Validate): Validate {
  const numeric = numericProperties(schema)
  if (numeric.size === 0) return validate
  const checked: Validate = (data, context) => {
    const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {}
    for (const [name, kind] of numeric) {
      const raw = record[name]
      const values = Array.isArray(raw) ? raw : [raw]
      if (values.some((v) => typeof v === 'string' && !isPlainNumber(v, kind))) {
        checked.errors = [{ instancePath: `/${name}`, schemaPath: `#/properties/${name}/type`, keyword: 'type', params: { type: kind }, message: `must be a plain decimal ${kind}` }]
        return false
      }
    }
    const valid = validate(data, context)
    checked.errors = validate.errors
    return valid
  }
  // Fastify passes the parent object only to Ajv functions (marked by schemaEnv), which need it to coerce.
  checked.schemaEnv = validate.schemaEnv
  return checked
}

/** The validator compiler of the whole app (set in buildApp): no coercion of bodies, strict numbers elsewhere. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const definition = route as Parameters<typeof compileBody>[0]
  if (route.httpPart === 'body') return compileBody(definition)
  return strictNumbersFirst(route.schema, compileAddress(definition) as Validate)
}
