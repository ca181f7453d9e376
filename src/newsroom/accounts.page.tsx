import { type Account, type ApiTokenInfo, CsrfInput, FormMessages, isRole, MIN_PASSWORD_LENGTH, NewsroomLayout, ROLES, roleNames, SelectField, TextField, type FormProblem, type Staff } from '../staff/index.js'
import type { Formatter } from '../views/index.js'

export const ACCOUNT_NOTICES = {
  created: 'أُنشئ الحساب. أبلغ صاحبه بكلمة المرور الأولى ليغيّرها.',
  role: 'تغيّر الدور، ويسري من طلبه التالي.',
  disabled: 'عُطّل الحساب وأُنهيت جلساته.',
  enabled: 'فُعّل الحساب.',
  password: 'تغيّرت كلمة المرور وأُنهيت جلسات الحساب كلها.',
  revoked: 'أُلغيت المفاتيح.',
}

const ROLE_OPTIONS = ROLES.map((role) => [role, roleNames[role]] as const)
const roleName = (role: string) => (isRole(role) ? roleNames[role] : `دور غير معروف (${role})`)
const PASSWORD_HINT = `${MIN_PASSWORD_LENGTH} أحرف على الأقل. جملة طويلة يسهل تذكّرها أفضل من كلمة معقدة.`

interface Desk {
  staff: Staff
  csrf: string
  notice?: string
  values?: Record<string, string>
  problem?: FormProblem
}

/** /newsroom/accounts: everyone who signs in, and a form for a new account. */
export function AccountsPage({ staff, csrf, accounts, notice, values, problem }: Desk & { accounts: Account[] }) {
  const shown = values ?? { role: 'writer' }
  return (
    <NewsroomLayout staff={staff} title="الحسابات" csrf={csrf} current="/newsroom/accounts">
      <section class="nr-panel" aria-labelledby="accounts-heading">
        <h1 id="accounts-heading">الحسابات</h1>
        <FormMessages notice={notice} />
        <div class="nr-table-wrap">
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">الاسم</th>
                <th scope="col">البريد الإلكتروني</th>
                <th scope="col">الدور</th>
                <th scope="col">الحالة</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr class={a.disabled ? 'nr-muted' : undefined}>
                  <td>
                    <a href={`/newsroom/accounts/${a.id}`} safe>
                      {a.name}
                    </a>
                    {a.id === staff.id ? <span class="nr-badge"> (أنت)</span> : ''}
                  </td>
                  <td>
                    <bdi safe>{a.email}</bdi>
                  </td>
                  <td safe>{roleName(a.role)}</td>
                  <td>{a.disabled ? 'معطّل' : 'نشط'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="nr-panel" aria-labelledby="new-account-heading">
        <h2 id="new-account-heading">حساب جديد</h2>
        <form method="post" action="/newsroom/accounts" class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problem} />
          <TextField id="new-account-email" name="email" type="email" label="البريد الإلكتروني" value={shown.email} problem={problem} required maxlength={254} dir="ltr" autocomplete="off" />
          <TextField id="new-account-name" name="name" label="الاسم" value={shown.name} problem={problem} required maxlength={100} />
          <SelectField id="new-account-role" name="role" label="الدور" value={shown.role ?? ''} options={ROLE_OPTIONS} problem={problem} />
          {/* A refused form never sends a password back to the browser: it is typed again. */}
          <TextField id="new-account-password" name="password" type="password" label="كلمة المرور الأولى" problem={problem} required dir="ltr" autocomplete="new-password" hint={PASSWORD_HINT} />
          <p>
            <button type="submit">أنشئ الحساب</button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  )
}

/** Which of the account page's forms was refused. */
export type AccountForm = 'role' | 'disabled' | 'password' | 'token'

interface AccountProps extends Desk {
  account: Account
  tokens: ApiTokenInfo[]
  format: Formatter
  form?: AccountForm
  /** A token just made: shown this once, never stored in the clear. */
  newToken?: string
}

/** /newsroom/accounts/:id: role, disabled or not, a new password, API tokens. */
export function AccountPage({ staff, csrf, account, tokens, format, notice, form, values, problem, newToken }: AccountProps) {
  const own = account.id === staff.id
  const problemOf = (name: AccountForm) => (form === name ? problem : undefined)
  const base = `/newsroom/accounts/${account.id}`
  return (
    <NewsroomLayout staff={staff} title={account.name} csrf={csrf} current="/newsroom/accounts">
      <section class="nr-panel" aria-labelledby="account-heading">
        <p class="nr-back">
          <a href="/newsroom/accounts">كل الحسابات</a>
        </p>
        <h1 id="account-heading" safe>
          {account.name}
        </h1>
        <p>
          <span dir="ltr" safe>
            {account.email}
          </span>
          {' · '}
          <span safe>{roleName(account.role)}</span>
          {' · '}
          {account.disabled ? 'معطّل' : 'نشط'}
          {own ? ' · حسابك أنت' : ''}
        </p>
        <FormMessages notice={notice} />
        <form method="post" action={`${base}/role`} class="nr-form" aria-labelledby="role-heading">
          <h2 id="role-heading">الدور</h2>
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problemOf('role')} />
          {own ? <p class="nr-hint">لا يغيّر أحد دوره بنفسه؛ يغيّره له مدير آخر.</p> : ''}
          <SelectField id="account-role" name="role" label="الدور" value={form === 'role' && values?.role ? values.role : account.role} options={ROLE_OPTIONS} problem={problemOf('role')} />
          <p>
            <button type="submit">غيّر الدور</button>
          </p>
        </form>
        <form method="post" action={`${base}/disabled`} class="nr-form" aria-labelledby="status-heading">
          <h2 id="status-heading">حالة الحساب</h2>
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problemOf('disabled')} />
          {own ? (
            <p>لا يعطّل أحد حسابه بنفسه؛ يعطّله له مدير آخر.</p>
          ) : account.disabled ? (
            <>
              <p>الحساب معطّل: لا يدخل صاحبه ولا تعمل مفاتيحه.</p>
              <input type="hidden" name="disabled" value="0" />
              <p>
                <button type="submit">فعّل الحساب</button>
              </p>
            </>
          ) : (
            <>
              <p>تعطيل الحساب يُنهي جلساته فوراً ويوقف مفاتيحه، ويبقى اسمه على ما كتب.</p>
              <input type="hidden" name="disabled" value="1" />
              <p>
                <button type="submit" class="nr-danger">
                  عطّل الحساب
                </button>
              </p>
            </>
          )}
        </form>
        <form method="post" action={`${base}/password`} class="nr-form" aria-labelledby="password-heading">
          <h2 id="password-heading">كلمة مرور جديدة</h2>
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problemOf('password')} />
          <TextField id="account-password" name="password" type="password" label="كلمة المرور الجديدة" problem={problemOf('password')} required dir="ltr" autocomplete="new-password" hint={`${PASSWORD_HINT} تُنهى جلسات الحساب كلها.`} />
          <p>
            <button type="submit">غيّر كلمة المرور</button>
          </p>
        </form>
      </section>
      <section class="nr-panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">مفاتيح الواجهة البرمجية</h2>
        <p>
          للبرامج التي تنشر عبر <code dir="ltr">/api/v1/admin</code> بالترويسة <code dir="ltr">Authorization: Bearer …</code>، وبصلاحيات دور الحساب نفسها.
        </p>
        {newToken ? (
          <div class="nr-notice nr-token" role="status">
            <p>المفتاح الجديد، يظهر هذه المرة فقط: انسخه الآن واحفظه في مكان آمن.</p>
            <p>
              <code dir="ltr" class="nr-token-value" safe>
                {newToken}
              </code>
            </p>
          </div>
        ) : (
          ''
        )}
        {tokens.length === 0 ? (
          <p>لا مفاتيح لهذا الحساب.</p>
        ) : (
          <div class="nr-table-wrap">
            <table class="nr-table">
              <thead>
                <tr>
                  <th scope="col">الوصف</th>
                  <th scope="col">أُنشئ</th>
                  <th scope="col">آخر استعمال</th>
                  <th scope="col">
                    <span class="visually-hidden">إلغاء</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr>
                    <td safe>{token.label || 'بلا وصف'}</td>
                    <td safe>{format.dateTime(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : 'لم يُستعمل'}</td>
                    <td>
                      <form method="post" action={`${base}/tokens/${token.id}/revoke`}>
                        <CsrfInput csrf={csrf} />
                        <button type="submit" class="nr-secondary">
                          ألغِ
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action={`${base}/tokens`} class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages problem={problemOf('token')} />
          <TextField id="token-label" name="label" label="وصف المفتاح الجديد" value={form === 'token' ? values?.label : ''} problem={problemOf('token')} maxlength={100} hint="مثل: سكربت النشر الآلي." />
          <p>
            <button type="submit">أنشئ مفتاحاً</button>
          </p>
        </form>
        {tokens.length > 1 ? (
          <form method="post" action={`${base}/tokens/revoke`} class="nr-form">
            <CsrfInput csrf={csrf} />
            <p>
              <button type="submit" class="nr-danger">
                ألغِ كل المفاتيح
              </button>
            </p>
          </form>
        ) : (
          ''
        )}
      </section>
    </NewsroomLayout>
  )
}
