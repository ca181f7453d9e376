import { type Db, readSettings, writeSetting } from '../db/index.js'
import type { Skin, SkinChoice } from '../views/index.js'

export type { Skin }
export type Digits = 'arab' | 'latn'

/** Newsroom-wide choices, stored as settings 'site.<key>' (src/db/settings.ts); every key has a default. */
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
  const rows = await readSettings(db, KEYS.map((k) => `site.${k}`))
  const stored = Object.fromEntries([...rows].map(([key, value]) => [key.slice('site.'.length), value]))
  return { ...DEFAULT_SETTINGS, ...defaults, ...stored }
}

export async function saveSiteSettings(db: Db, changes: Partial<SiteSettings>): Promise<void> {
  for (const [key, value] of Object.entries(changes)) await writeSetting(db, `site.${key}`, value)
}
