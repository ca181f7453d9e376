import type { Skin } from '../site/site-settings.js'

export const SKINS: { value: Skin | 'auto'; label: string }[] = [
  { value: 'auto', label: 'تلقائي' },
  { value: 'default', label: 'الافتراضي' },
  { value: 'dark', label: 'داكن' },
]

/** A plain form: works without JavaScript (POST, cookie, redirect back); site.js applies it in place. */
export function SkinSelector({ current, returnTo }: { current: Skin | 'auto'; returnTo: string }) {
  return (
    <form class="skin-selector" method="post" action="/preferences/skin">
      <input type="hidden" name="return" value={returnTo} />
      <label for="skin-choice">المظهر</label>
      <select id="skin-choice" name="skin">
        {SKINS.map((s) => (
          <option value={s.value} selected={s.value === current} safe>
            {s.label}
          </option>
        ))}
      </select>
      <button type="submit" class="skin-apply">
        تطبيق
      </button>
    </form>
  )
}
