import type { Children } from '@kitajs/html'
import { can, roleNames } from './roles.js'
import { type Staff } from './account.js'
import { assetUrl } from '../views/index.js'
import { NEWSROOM_NAV } from './newsroom-nav.js'

export interface NewsroomLayoutProps {
  /** The signed-in staff member; absent on the login page. */
  staff?: Staff
  title: string
  /** The session's CSRF token (newsroomCsrf(request)), for the sign-out form. */
  csrf?: string
  /** The path of the current page, to mark its navigation link. */
  current?: string
  children: Children
}

/** The back-office shell: RTL Arabic, navigation by permission, sign-out. Never cached (see noStore). */
export function NewsroomLayout({ staff, title, csrf, current, children }: NewsroomLayoutProps) {
  const nav = staff ? NEWSROOM_NAV.filter((item) => can(staff.role, item.permission)) : []
  return (
    <>
      {'<!doctype html>'}
      <html lang="ar" dir="rtl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <meta name="color-scheme" content="light dark" />
          <title safe>{`${title} | غرفة الأخبار`}</title>
          <link rel="stylesheet" href={assetUrl('newsroom.css')} />
          <link rel="icon" href={assetUrl('icon.svg')} type="image/svg+xml" />
        </head>
        <body class="newsroom">
          <a class="skip-link" href="#main">
            تخطَّ إلى المحتوى
          </a>
          <header class="nr-header">
            <div class="nr-bar">
              <a class="nr-brand" href={staff ? '/newsroom' : '/'}>
                غرفة الأخبار
              </a>
              {staff ? (
                <div class="nr-user">
                  <span class="nr-user-name" safe>{staff.name}</span>
                  <span class="nr-role" safe>{roleNames[staff.role]}</span>
                  <form method="post" action="/newsroom/logout" class="nr-logout">
                    <input type="hidden" name="_csrf" value={csrf ?? ''} />
                    <button type="submit">تسجيل الخروج</button>
                  </form>
                </div>
              ) : (
                ''
              )}
            </div>
            {nav.length > 0 ? (
              <nav class="nr-nav" aria-label="أقسام غرفة الأخبار">
                <ul>
                  {nav.map((item) => (
                    <li>
                      <a href={item.href} aria-current={item.href === current ? 'page' : undefined} safe>
                        {item.label}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href="/">الموقع</a>
                  </li>
                </ul>
              </nav>
            ) : (
              ''
            )}
          </header>
          <main id="main" class="nr-main" tabindex="-1">
            {children}
          </main>
        </body>
      </html>
    </>
  )
}
