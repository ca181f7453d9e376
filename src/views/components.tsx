import type { Children } from '@kitajs/html'
import { isolateLatinRunsInText } from './bidi.js'
import { assetUrl } from './assets.js'
import type { SiteChrome } from './page.js'

/** People's text where it meets other text (headlines, names, summaries): escaped, Latin runs in <bdi> (bidi.ts). */
export function BidiText({ text }: { text: string }): JSX.Element {
  return isolateLatinRunsInText(text)
}

/** A time element: relative on listings («منذ ساعتين»), with the full date as its title. */
export function TimeAgo({ chrome, date }: { chrome: SiteChrome; date: Date }) {
  return (
    <time datetime={date.toISOString()} title={chrome.format.dateTime(date)} data-relative safe>
      {chrome.format.relative(date, chrome.now)}
    </time>
  )
}

export interface Crumb {
  label: string
  href?: string
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label="مسار التصفح">
      <ol>
        {items.map((c, i) =>
          c.href && i < items.length - 1 ? (
            <li>
              <a href={c.href}>
                <bdi safe>{c.label}</bdi>
              </a>
            </li>
          ) : (
            <li aria-current="page">
              <bdi safe>{c.label}</bdi>
            </li>
          ),
        )}
      </ol>
    </nav>
  )
}

/** Numbered pagination; `hrefOf(n)` builds the URL of page n. */
export function Pagination({ chrome, page, pages, hrefOf }: { chrome: SiteChrome; page: number; pages: number; hrefOf: (n: number) => string }) {
  if (pages <= 1) return ''
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  return (
    <nav class="pagination" aria-label="الصفحات">
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefOf(page - 1)} rel="prev">
              السابق
            </a>
          </li>
        ) : (
          ''
        )}
        {shown.map((n, i) => (
          <>
            {i > 0 && n - shown[i - 1] > 1 ? <li class="gap">…</li> : ''}
            <li>
              {n === page ? (
                <span aria-current="page" safe>{chrome.format.number(n)}</span>
              ) : (
                <a href={hrefOf(n)} safe>{chrome.format.number(n)}</a>
              )}
            </li>
          </>
        ))}
        {page < pages ? (
          <li>
            <a href={hrefOf(page + 1)} rel="next">
              التالي
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  )
}

/** One story in a sidebar block: a headline link, with a date or a short note (e.g. a view count) under it. */
export interface SidebarItem {
  title: string
  path: string
  date?: Date | null
  note?: string
}

/** A titled list of stories in the article page's sidebar («آخر الأخبار», «الأكثر قراءة» …). */
export interface SidebarBlock {
  /** Also the block's class (`sidebar-<id>`) and heading id. */
  id: string
  heading: string
  items: SidebarItem[]
}

/**
 * The sidebar from 1024 px on: its blocks in order (an empty one left out), then any block a feature
 * renders itself (children), e.g. «الأكثر قراءة» with its day and week lists.
 */
export function Sidebar({ chrome, blocks, children }: { chrome: SiteChrome; blocks: SidebarBlock[]; children?: Children }) {
  const shown = blocks.filter((b) => b.items.length > 0)
  const noExtra = ([children] as unknown[]).flat(3).every((c) => c === undefined || c === null || c === '' || c === false)
  if (shown.length === 0 && noExtra) return ''
  return (
    <aside class="sidebar" aria-label="الشريط الجانبي">
      {shown.map((block) => (
        <section class={`sidebar-block sidebar-${block.id}`} aria-labelledby={`sidebar-${block.id}-heading`}>
          <h2 id={`sidebar-${block.id}-heading`} class="sidebar-heading" safe>{block.heading}</h2>
          <ol class="sidebar-list">
            {block.items.map((item) => (
              <li>
                <a href={item.path} dir="auto">
                  <BidiText text={item.title} />
                </a>
                {item.note ? <span class="sidebar-note" safe>{item.note}</span> : item.date ? <TimeAgo chrome={chrome} date={item.date} /> : ''}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {children as 'safe'}
    </aside>
  )
}

/** Small line icons drawn here (no icon font, no third-party file): 24×24, stroked in currentColor. */
const ICON_PATHS = {
  search: '<circle cx="11" cy="11" r="6.5"/><path d="m16 16 4.5 4.5"/>',
  whatsapp: '<path d="M4 20l1.3-4.2A8 8 0 1 1 8.4 19z"/><path d="M9.2 8.6c.3 2.8 2.4 5 5.2 5.6l1.1-1.2 1.8.9c-.2 1-1 1.6-2 1.6-3.8-.2-6.8-3.2-7-7 0-1 .7-1.8 1.6-2l.9 1.8z"/>',
  telegram: '<path d="M21 4 3 11.2l5.6 2L19 6.6 10.6 14.6 16.8 20z"/><path d="M10.6 14.6 10 20l2.8-3.4"/>',
  x: '<path d="M4.5 4h4.3l10.7 16h-4.3z"/><path d="M19.5 4l-6.3 7M10.8 13 4.5 20"/>',
  facebook: '<path d="M14.5 21v-7.5h2.8l.4-3.2h-3.2V8.4c0-.9.3-1.6 1.6-1.6h1.7V4a22 22 0 0 0-2.5-.1c-2.5 0-4.1 1.5-4.1 4.2v2.3H8.4v3.2h2.8V21"/>',
  email: '<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="m3.5 7 8.5 6 8.5-6"/>',
  link: '<path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1.2 1.2"/><path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2"/>',
  print: '<path d="M7 9V3.5h10V9"/><rect x="3.5" y="9" width="17" height="7.5" rx="1.5"/><path d="M7 14h10v6.5H7z"/>',
  arrowUp: '<path d="M12 19V5M6 11l6-6 6 6"/>',
} as const

export type IconName = keyof typeof ICON_PATHS

/** A decorative icon: the control it sits in carries the words (visible or visually hidden). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
      {ICON_PATHS[name] as 'safe'}
    </svg>
  )
}

/**
 * A script that enhances the page, loaded by early.js once the page has painted (docs/decisions/030):
 * a data block (text/plain is never run, so the CSP has nothing to allow) naming the hashed URL.
 */
export function AfterPaintScript({ file }: { file: string }) {
  return <script type="text/plain" data-after-paint={assetUrl(file)}></script>
}
