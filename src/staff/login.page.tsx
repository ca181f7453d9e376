import { NewsroomLayout } from './newsroom-layout.js'

export interface LoginPageProps {
  csrf: string
  next: string
  email?: string
  /** An Arabic message shown above the form (failure, throttling, expired form). */
  error?: string
}

export function LoginPage({ csrf, next, email, error }: LoginPageProps) {
  return (
    <NewsroomLayout title="تسجيل الدخول">
      <section class="nr-panel nr-login" aria-labelledby="login-heading">
        <h1 id="login-heading">تسجيل الدخول إلى غرفة الأخبار</h1>
        {error ? (
          <p class="nr-error" role="alert" id="login-error" safe>
            {error}
          </p>
        ) : (
          ''
        )}
        <form method="post" action="/newsroom/login" class="nr-form" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <p class="nr-field">
            <label for="login-email">البريد الإلكتروني</label>
            <input
              id="login-email"
              name="email"
              type="email"
              dir="ltr"
              required
              maxlength="254"
              autocomplete="username"
              value={email ?? ''}
              aria-describedby={error ? 'login-error' : undefined}
              autofocus
            />
          </p>
          <p class="nr-field">
            <label for="login-password">كلمة المرور</label>
            <input id="login-password" name="password" type="password" dir="ltr" required maxlength="1024" autocomplete="current-password" />
          </p>
          <p>
            <button type="submit" class="nr-button">
              دخول
            </button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}
