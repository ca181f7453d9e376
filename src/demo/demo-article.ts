import { escapeHtml } from '@kitajs/html'
import type { Source } from '../articles/index.js'
import type { DemoImageKey } from './demo-images.js'
import type { DemoPerson, DemoSection, DemoTag } from './demo-people.js'

export interface DemoArticle {
  section: DemoSection
  title: string
  summary: string
  dateline: string
  /** Published this long before the seed's `now`; negative: scheduled that far ahead. */
  hoursAgo: number
  authors: DemoPerson[]
  tags: DemoTag[]
  sources: Source[]
  image: DemoImageKey
  urgent?: boolean
  status?: 'published' | 'scheduled' | 'draft'
  /** Paragraphs; a block starting with "## " is a subhead, "> " a quotation ("> quote — who"). */
  body: string[]
}

/** The article HTML of a demo body. */
export function demoBodyHtml(blocks: string[]): string {
  return blocks
    .map((block) => {
      if (block.startsWith('## ')) return `<h2>${escapeHtml(block.slice(3))}</h2>`
      if (block.startsWith('> ')) {
        const [quote, who] = block.slice(2).split(' — ')
        // The attribution as a paragraph of its own: the editor (and so the sanitiser) knows no <cite>.
        return `<blockquote><p>${escapeHtml(quote)}</p>${who ? `<p>— ${escapeHtml(who)}</p>` : ''}</blockquote>`
      }
      return `<p>${escapeHtml(block)}</p>`
    })
    .join('\n')
}

export const source = (name: string, url: string | null = null): Source => ({ name, url })
