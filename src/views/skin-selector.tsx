import { SKIN_CHOICES, type SkinChoice } from './page.js'

const LABELS: Record<SkinChoice, string> = { auto: 'تلقائي', default: 'الافتراضي', dark: 'داكن' }

/** A plain form: works without JavaScript (POST, cookie, redirect back); site.js applies it in place. */
export function SkinSelector({ current, returnTo }: { current: SkinChoice; returnTo: string }) {
  return (
    <form class="skin-selector" method="post" action="/preferences/skin">
      <input type="hidden" name="return" value={returnTo} />
      <label for="skin-choice">المظهر</label>
      <select id="skin-choice" name="skin">
        {SKIN_CHOICES.map((skin) => (
          <option value={skin} selected={skin === current} safe>
            {LABELS[skin]}
          </option>
        ))}
      </select>
      <button type="submit" class="skin-apply">
        تطبيق
      </button>
    </form>
  )
}
