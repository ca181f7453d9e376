// What a Nashra backup holds, and the rules for the names inside it (docs/decisions/020).
//
//   manifest.json      first: format, schema, counts, time, the parts' sizes and the database's checksum
//   nashra.db          the database, copied with SQLite's online backup API (rollback-journal mode)
//   secret             the data folder's generated cookie secret, when it has one
//   media/…            uploads' public renditions
//   originals/…        uploads as they came (docs/decisions/016)
//   checksums.sha256   last: `sha256sum -c` lines for every file above but the manifest

export const BACKUP_FORMAT = 'nashra-backup'
export const BACKUP_FORMAT_VERSION = 1

export const MANIFEST = 'manifest.json'
export const DATABASE = 'nashra.db'
export const SECRET = 'secret'
export const CHECKSUMS = 'checksums.sha256'

/** How many rows of what the newsroom cares about the backup holds. */
export interface BackupCounts {
  articles: number
  comments: number
  media: number
  people: number
  accounts: number
}

export interface FolderPart {
  /** Files and their bytes as listed when the backup began (each file's checksum is in checksums.sha256). */
  files: number
  bytes: number
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  formatVersion: typeof BACKUP_FORMAT_VERSION
  createdAt: string
  /** The latest migration applied to the database: its schema version. */
  schemaVersion: string
  /** Every migration applied to it, in order. */
  migrations: string[]
  counts: BackupCounts
  parts: {
    database: { path: typeof DATABASE; bytes: number; sha256: string }
    secret: boolean
    folders: Record<string, FolderPart>
  }
}

export class BackupRefused extends Error {}

/** The manifest's JSON, checked: a Nashra backup of a format version this code reads. */
export function parseManifest(text: string, folders: readonly string[]): BackupManifest {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BackupRefused('not a Nashra backup: its manifest.json is not JSON')
  }
  const m = value as Partial<BackupManifest>
  if (!m || m.format !== BACKUP_FORMAT) throw new BackupRefused('not a Nashra backup: its manifest.json does not say "format": "nashra-backup"')
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupRefused(`backup format version ${JSON.stringify(m.formatVersion)} is not one this Nashra reads (it reads ${BACKUP_FORMAT_VERSION}); restore it with the Nashra that made it, or a newer one`)
  }
  const database = m.parts?.database
  const listed = m.parts?.folders ?? {}
  const wellFormed =
    typeof m.createdAt === 'string' &&
    typeof m.schemaVersion === 'string' &&
    Array.isArray(m.migrations) &&
    m.migrations.every((n) => typeof n === 'string') &&
    m.counts !== undefined &&
    database?.path === DATABASE &&
    Number.isInteger(database.bytes) &&
    /^[0-9a-f]{64}$/.test(database.sha256 ?? '') &&
    Object.keys(listed).every((f) => folders.includes(f))
  if (!wellFormed) throw new BackupRefused('not a Nashra backup: its manifest.json lacks the database part, the schema version or the counts')
  return m as BackupManifest
}

/** Migrations the backup's database has that this code does not know: a newer Nashra made it. */
export function unknownMigrations(applied: readonly string[], known: readonly string[]): string[] {
  const mine = new Set(known)
  return applied.filter((name) => !mine.has(name))
}

/**
 * Where an entry of the archive may go, or undefined when its name is not one a backup holds.
 * Folder entries must stay inside their folder: no absolute paths, no `..`, no empty or `.` parts.
 */
export function entryKind(name: string, folders: readonly string[]): 'manifest' | 'database' | 'secret' | 'checksums' | 'folder-file' | undefined {
  if (name === MANIFEST) return 'manifest'
  if (name === DATABASE) return 'database'
  if (name === SECRET) return 'secret'
  if (name === CHECKSUMS) return 'checksums'
  const parts = name.split('/')
  if (parts.length < 2 || !folders.includes(parts[0])) return undefined
  const safe = parts.every((p) => p !== '' && p !== '.' && p !== '..' && !/[\\\0\n]/.test(p))
  return safe ? 'folder-file' : undefined
}

/** `sha256sum` output: `<64 hex>  <path>` a line. */
export function formatChecksums(sums: Map<string, string>): string {
  return [...sums].map(([path, sha]) => `${sha}  ${path}\n`).join('')
}

export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of text.split('\n')) {
    if (!line) continue
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
    if (!match) throw new BackupRefused(`the backup is damaged: a line of ${CHECKSUMS} is not a checksum`)
    sums.set(match[2], match[1])
  }
  return sums
}
