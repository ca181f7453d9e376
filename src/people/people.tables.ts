import type { Generated } from 'kysely'

export interface PersonTable {
  id: Generated<number>
  slug: string
  name: string
  title: Generated<string>
  bio: Generated<string>
  masthead_position: number | null
  in_masthead_line: Generated<number>
  created_at: string
}
