import type { Generated } from 'kysely'

export interface MediaTable {
  id: Generated<number>
  path: string
  mime: string
  width: number
  height: number
  widths: Generated<string>
  alt: Generated<string>
  caption: Generated<string>
  credit: Generated<string>
  created_at: string
  /** JSON: [{width, type, path}], ascending by width (010-media-renditions). */
  renditions: Generated<string>
  original_path: Generated<string>
  bytes: Generated<number>
  uploaded_by: number | null
}
