import type { ErrorCode } from './errors.js'
import { Layout, type SiteChrome } from '../views/index.js'
import { messageFor } from './messages.js'

const HEADINGS: Record<number, string> = {
  400: 'طلب غير صالح',
  401: 'يلزم تسجيل الدخول',
  403: 'غير مسموح',
  404: 'الصفحة غير موجودة',
  408: 'انتهت مهلة الطلب',
  413: 'الطلب كبير جداً',
  414: 'العنوان طويل جداً',
  429: 'طلبات كثيرة',
  431: 'الطلب كبير جداً',
  500: 'خطأ في الخادم',
}

export function ErrorPage({ chrome, status, code, field }: { chrome: SiteChrome; status: number; code: ErrorCode; field?: string }) {
  const heading = HEADINGS[status] ?? (status >= 500 ? HEADINGS[500] : HEADINGS[400])
  return (
    <Layout chrome={chrome} meta={{ title: heading, path: '/', noindex: true }}>
      <section class="wrap error-page">
        <p class="error-status" aria-hidden="true" safe>{chrome.format.number(status)}</p>
        <h1 safe>{heading}</h1>
        <p safe>{messageFor(code, field)}</p>
        <p>
          <a href="/">العودة إلى الصفحة الرئيسية</a> أو <a href="/search">ابحث في الموقع</a>
        </p>
      </section>
    </Layout>
  )
}

/** When even the layout cannot be built (the database is down): a bare Arabic page. */
export function BareErrorPage({ status, code }: { status: number; code: ErrorCode }) {
  return (
    <>
      {'<!doctype html>'}
      <html lang="ar" dir="rtl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{HEADINGS[status] ?? HEADINGS[500]}</title>
        </head>
        <body>
          <h1 safe>{HEADINGS[status] ?? HEADINGS[500]}</h1>
          <p safe>{messageFor(code)}</p>
          <p>
            <a href="/">العودة إلى الصفحة الرئيسية</a>
          </p>
        </body>
      </html>
    </>
  )
}
