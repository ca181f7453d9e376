import { Invalid } from './errors.js'

// C0 and C1 controls but tab, line feed and carriage return; bidi marks stay (Arabic text uses them).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g

/**
 * Text a person typed into a back-office form: NFC, controls removed, trimmed (one line unless
 * `multiline`). Invalid naming `field` when required and empty, or longer than `max` characters.
 */
export function formText(value: unknown, field: string, options: { max: number; required?: boolean; multiline?: boolean }): string {
  const raw = typeof value === 'string' ? value.normalize('NFC').replace(CONTROL, '') : ''
  const text = (options.multiline ? raw.replace(/\r\n?/g, '\n') : raw.replace(/\s+/g, ' ')).trim()
  if (options.required && !text) throw new Invalid('field_required', field)
  if ([...text].length > options.max) throw new Invalid('field_too_long', field)
  return text
}
