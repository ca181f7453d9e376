import type { Db } from '../db/index.js'
import type { Skin, SkinChoice } from '../views/index.js'

export type { Skin }
export type Digits = 'arab' | 'latn'

/** Newsroom-wide choices, stored in site_setting; every key has a default. */
export interface SiteSettings {
  name: string
  tagline: string
  defaultSkin: SkinChoice
  digits: Digits
  showHijri: boolean
  timeZone: string
  /** Locale for dates and numbers: 'ar' (Gregorian month names as in Saudi Arabia), 'ar-LB' (آذار), … */
  locale: string
}

export const DEFAULT_SETTINGS: SiteSettings = {
  name: 'نشرة',
  tagline: 'أخبار بالعربية، كما ينبغي أن تُقرأ',
  defaultSkin: 'auto',
  digits: 'latn',
  showHijri: true,
  timeZone: 'Asia/Riyadh',
  locale: 'ar',
}

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SiteSettings)[]

export async function getSiteSettings(db: Db, defaults: Partial<SiteSettings> = {}): Promise<SiteSettings> {
  const rows = await db.selectFrom('site_setting').where('key', 'in', KEYS.map((k) => `site.${k}`)).select(['key', 'value']).execute()
  const stored = Object.fromEntries(rows.map((r) => [r.key.slice('site.'.length), JSON.parse(r.value)]))
  return { ...DEFAULT_SETTINGS, ...defaults, ...stored }
}

export async function saveSiteSettings(db: Db, changes: Partial<SiteSettings>): Promise<void> {
  for (const [key, raw] of Object.entries(changes)) {
    const value = JSON.stringify(raw)
    await db
      .insertInto('site_setting')
      .values({ key: `site.${key}`, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
  }
}
