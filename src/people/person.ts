export interface Person {
  id: number
  slug: string
  name: string
  title: string
  bio: string
  path: string
  mastheadPosition: number | null
  inMastheadLine: boolean
}
