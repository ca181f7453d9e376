import type { EditableSiteSettings } from '../site/index.js'
import { CheckField, CsrfInput, FormMessages, NewsroomLayout, SelectField, TextField, type FormProblem, type Staff } from '../staff/index.js'
import { SKIN_CHOICES, type SkinChoice } from '../views/index.js'

export const SETTINGS_NOTICES = { saved: 'حُفظت الإعدادات، وتظهر على صفحات الموقع الآن.' }

const SKIN_LABELS: Record<SkinChoice, string> = { auto: 'تلقائي: يتبع إعداد جهاز القارئ', default: 'الافتراضي (فاتح)', dark: 'داكن' }
const SKIN_OPTIONS = SKIN_CHOICES.map((skin) => [skin, SKIN_LABELS[skin]] as const)
const DIGIT_OPTIONS = [
  ['latn', 'أرقام عربية غربية (0123456789)'],
  ['arab', 'أرقام هندية (٠١٢٣٤٥٦٧٨٩)'],
] as const

interface Props {
  staff: Staff
  csrf: string
  settings: EditableSiteSettings
  notice?: string
  /** A refused form's typed values and problem. */
  values?: Record<string, string>
  problem?: FormProblem
}

/** /newsroom/settings: the site's name, tagline, default skin, digits and Hijri date. */
export function SiteSettingsPage({ staff, csrf, settings, notice, values, problem }: Props) {
  const shown = values ?? { name: settings.name, tagline: settings.tagline, defaultSkin: settings.defaultSkin, digits: settings.digits, showHijri: settings.showHijri ? '1' : '' }
  return (
    <NewsroomLayout staff={staff} title="إعدادات الموقع" csrf={csrf} current="/newsroom/settings">
      <section class="nr-panel" aria-labelledby="settings-heading">
        <h1 id="settings-heading">إعدادات الموقع</h1>
        <form method="post" action="/newsroom/settings" class="nr-form">
          <CsrfInput csrf={csrf} />
          <FormMessages notice={notice} problem={problem} />
          <TextField id="settings-name" name="name" label="اسم الموقع" value={shown.name} problem={problem} required maxlength={60} hint="يظهر في الترويسة وعنوان كل صفحة والخلاصات." />
          <TextField id="settings-tagline" name="tagline" label="الشعار" value={shown.tagline} problem={problem} maxlength={200} hint="سطر قصير تحت اسم الموقع." />
          <SelectField id="settings-defaultSkin" name="defaultSkin" label="المظهر الافتراضي" value={shown.defaultSkin ?? ''} options={SKIN_OPTIONS} problem={problem} />
          <SelectField id="settings-digits" name="digits" label="الأرقام" value={shown.digits ?? ''} options={DIGIT_OPTIONS} problem={problem} />
          <CheckField id="settings-showHijri" name="showHijri" label="أظهر التاريخ الهجري بجانب الميلادي" checked={shown.showHijri === '1'} />
          <p>
            <button type="submit">احفظ الإعدادات</button>
          </p>
        </form>
      </section>
      <section class="nr-panel" aria-labelledby="more-heading">
        <h2 id="more-heading">إعدادات أخرى</h2>
        <ul>
          <li>
            <a href="/newsroom/comments/settings">قواعد التعليقات</a>: الحجز للمراجعة، الكلمات الممنوعة، الحدود وإغلاق التعليقات.
          </li>
          <li>
            <a href="/newsroom/masthead">هيئة التحرير</a> و<a href="/newsroom/sections">الأقسام</a> لهما صفحتاهما.
          </li>
        </ul>
      </section>
    </NewsroomLayout>
  )
}
