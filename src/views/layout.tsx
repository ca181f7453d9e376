import type { Children } from '@kitajs/html'
import { AfterPaintScript, BidiText, Icon } from './components.js'
import { coreFontUrl } from './fonts.js'
import { inlineAsset, inlineIconUrl, inlineStyle } from './inline-assets.js'
import type { PageMeta, SiteChrome } from './page.js'
import { SkinSelector } from './skin-selector.js'

/** The page shell every reader page uses: lang="ar" dir="rtl", header, footer, back-to-top. */
export function Layout({ chrome, meta, children }: { chrome: SiteChrome; meta: PageMeta; children: Children }) {
  const { settings } = chrome
  // The site's one face (decision 031): every text of the first screen is set in it.
  const preloadFont = coreFontUrl('Noto Naskh Arabic')
  const fullTitle = meta.title === settings.name ? settings.name : `${meta.title} | ${settings.name}`
  return (
    <>
      {'<!doctype html>'}
      <html lang="ar" dir="rtl" data-skin={chrome.skin}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          {meta.description ? <meta name="description" content={meta.description} /> : ''}
          {meta.noindex ? <meta name="robots" content="noindex" /> : ''}
          {meta.canonical ? <link rel="canonical" href={meta.canonical} /> : ''}
          {meta.prev ? <link rel="prev" href={meta.prev} /> : ''}
          {meta.next ? <link rel="next" href={meta.next} /> : ''}
          <meta name="color-scheme" content={chrome.skin === 'auto' ? 'light dark' : chrome.skin === 'dark' ? 'dark' : 'light'} />
          <meta property="og:site_name" content={settings.name} />
          <meta property="og:locale" content="ar_AR" />
          <meta property="og:title" content={meta.title} />
          <meta property="og:type" content={meta.ogType ?? 'website'} />
          {meta.canonical ? <meta property="og:url" content={meta.canonical} /> : ''}
          {meta.description ? <meta property="og:description" content={meta.description} /> : ''}
          {meta.image ? <meta property="og:image" content={meta.image} /> : ''}
          {meta.image && meta.imageInfo ? <ImageInfo {...meta.imageInfo} /> : ''}
          <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
          {preloadFont ? <link rel="preload" href={preloadFont} as="font" type="font/woff2" crossorigin="anonymous" /> : ''}
          {/* Inline, not linked: nothing blocks the first paint but the HTML itself (CSP: by hash). Only the rules of this kind of page (decision 036). */}
          <style>{inlineStyle(meta.styles ?? 'plain').text as 'safe'}</style>
          <link rel="icon" href="/favicon.ico" sizes="32x32" />
          <link rel="icon" href={inlineIconUrl()} type="image/svg+xml" />
          {/* The web app manifest is linked by early.js with the enhancing scripts (decision 030). */}
          <link rel="alternate" type="application/rss+xml" title={settings.name} href="/feed.xml" />
          <link rel="alternate" type="application/atom+xml" title={settings.name} href="/atom.xml" />
          <link rel="alternate" type="application/feed+json" title={settings.name} href="/feed.json" />
          {meta.feed ? <ListingFeedLinks {...meta.feed} /> : ''}
          <link rel="search" type="application/opensearchdescription+xml" title={settings.name} href="/opensearch.xml" />
          <script>{inlineAsset('early.js').text as 'safe'}</script>
          <AfterPaintScript file="site.js" />
          <AfterPaintScript file="search-suggest.js" />
          {(meta.jsonLd ?? []).map((data) => (
            <script type="application/ld+json">{jsonForScript(data) as 'safe'}</script>
          ))}
        </head>
        <body>
          <span id="top" tabindex="-1"></span>
          <a class="skip-link" href="#main">
            تخطَّ إلى المحتوى
          </a>
          <SiteHeader chrome={chrome} meta={meta} />
          <main id="main" tabindex="-1">
            {children}
          </main>
          <SiteFooter chrome={chrome} />
        </body>
      </html>
    </>
  )
}

function ImageInfo({ width, height, alt }: NonNullable<PageMeta['imageInfo']>) {
  return (
    <>
      <meta property="og:image:width" content={String(width)} />
      <meta property="og:image:height" content={String(height)} />
      <meta property="og:image:alt" content={alt} />
      <meta name="twitter:image:alt" content={alt} />
    </>
  )
}

/** JSON inside <script> must not be able to close the element: escape <, > and &. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

function MastheadLine({ chrome }: { chrome: SiteChrome }) {
  if (chrome.mastheadLine.length === 0) return ''
  return (
    <ul class="masthead-line" aria-label="أسرة التحرير">
      {chrome.mastheadLine.map((p) => (
        <li>
          <span class="masthead-role" safe>{p.title}</span>
          {': '}
          <a href={p.path}>
            <bdi safe>{p.name}</bdi>
          </a>
        </li>
      ))}
    </ul>
  )
}

function SiteHeader({ chrome, meta }: { chrome: SiteChrome; meta: PageMeta }) {
  const { settings, format, now } = chrome
  return (
    <header class="site-header">
      <div class="topbar">
        <div class="wrap topbar-inner">
          <p class="today">
            {/* The day, not the instant: a page rendered again the same day keeps its bytes (and its ETag). */}
            <time datetime={format.isoDay(now)}>
              <span safe>{format.date(now)}</span>
              {settings.showHijri ? <span class="hijri" safe>{` · ${format.hijri(now)}`}</span> : ''}
            </time>
          </p>
          <MastheadLine chrome={chrome} />
          <SkinSelector current={chrome.skin} returnTo={meta.path} />
        </div>
      </div>
      <div class="wrap brand-row">
        <a class="brand" href="/" rel="home">
          <span class="brand-name" safe>{settings.name}</span>
          <span class="brand-tagline" safe>{settings.tagline}</span>
        </a>
        <form class="search-box" role="search" aria-label="البحث في الموقع" action="/search" method="get">
          <label for="site-search" class="visually-hidden">
            ابحث في الموقع
          </label>
          <input id="site-search" type="search" name="q" maxlength="200" placeholder="ابحث في الأخبار…" autocomplete="off" data-suggest="/api/v1/search/suggest" />
          <button type="submit">
            <Icon name="search" />
            <span class="search-label">بحث</span>
          </button>
        </form>
      </div>
      <nav class="sections-nav" aria-label="الأقسام">
        <ul class="wrap" data-scroll-hint>
          <li>
            <a href="/">الرئيسية</a>
          </li>
          {chrome.sections.map((s) => (
            <li>
              <a href={s.path} safe>{s.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {chrome.urgent.length > 0 ? (
        <section class="ticker" aria-label="عاجل">
          <div class="wrap ticker-inner">
            <strong class="ticker-label">عاجل</strong>
            <ul class="ticker-items">
              {chrome.urgent.map((a) => (
                <li>
                  <a href={a.path} dir="auto">
                    <BidiText text={a.name} />
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : (
        ''
      )}
    </header>
  )
}

function SiteFooter({ chrome }: { chrome: SiteChrome }) {
  const { settings } = chrome
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="footer-brand" safe>{settings.name}</p>
        <MastheadLine chrome={chrome} />
        <nav aria-label="روابط الموقع">
          <ul class="footer-links">
            <li>
              <a href="/masthead">أسرة التحرير</a>
            </li>
            <li>
              <a href="/search">البحث</a>
            </li>
            <li>
              <a href="/feed.xml">خلاصة RSS</a>
            </li>
            <li>
              <a href="/atom.xml">Atom</a>
            </li>
            <li>
              <a href="/feed.json">JSON Feed</a>
            </li>
            <li>
              <a href="/corrections">التصحيحات والردود</a>
            </li>
          </ul>
        </nav>
        <p class="copyright">
          © <span safe>{chrome.format.year(chrome.now)}</span> <span safe>{settings.name}</span>
        </p>
        {/* Fixed to the screen's corner; inside the footer (a landmark), last in the tab order. Hidden
            from the first paint when JavaScript runs (site.js shows it once the reader scrolls; it used
            to cover the story's first screen on a phone until then); always shown without JavaScript. */}
        <a class="back-to-top" href="#top" data-hidden="true" aria-label="الذهاب إلى الأعلى" title="الذهاب إلى الأعلى">
          <Icon name="arrowUp" />
          <span class="back-to-top-text">الذهاب إلى الأعلى</span>
        </a>
      </div>
    </footer>
  )
}

/** A listing's own feeds in the three formats, as `<link rel="alternate">` (feed readers discover them). */
function ListingFeedLinks({ title, basePath }: { title: string; basePath: string }) {
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={`${basePath}/feed.xml`} />
      <link rel="alternate" type="application/atom+xml" title={`${title} (Atom)`} href={`${basePath}/atom.xml`} />
      <link rel="alternate" type="application/feed+json" title={`${title} (JSON Feed)`} href={`${basePath}/feed.json`} />
    </>
  )
}
