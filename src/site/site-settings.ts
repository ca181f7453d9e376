import { bumpContentVersion, type Db, inTransaction, readSettings, writeSetting } from '../db/index.js'
import { formText, Invalid } from '../http/index.js'
import { isSkinChoice, type Skin, type SkinChoice } from '../views/index.js'

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

/** Stores `changes`; every reader page shows the settings, so the content version moves with them. */
export async function saveSiteSettings(db: Db, changes: Partial<SiteSettings>): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const [key, value] of Object.entries(changes)) await writeSetting(trx, `site.${key}`, value)
    await bumpContentVersion(trx)
  })
}

/** The settings the newsroom edits, as a form sends them. */
export interface SiteSettingsInput {
  name: string
  tagline: string
  defaultSkin: string
  digits: string
  showHijri: boolean
}

export type EditableSiteSettings = Pick<SiteSettings, 'name' | 'tagline' | 'defaultSkin' | 'digits' | 'showHijri'>

/** Checks each value (Invalid naming the field) and stores them all. */
export async function updateSiteSettings(db: Db, input: SiteSettingsInput): Promise<EditableSiteSettings> {
  const name = formText(input.name, 'name', { max: 60, required: true })
  const tagline = formText(input.tagline, 'tagline', { max: 200 })
  if (!isSkinChoice(input.defaultSkin)) throw new Invalid('invalid_parameter', 'defaultSkin')
  if (input.digits !== 'latn' && input.digits !== 'arab') throw new Invalid('invalid_parameter', 'digits')
  const settings: EditableSiteSettings = {
    name,
    tagline,
    defaultSkin: input.defaultSkin,
    digits: input.digits,
    showHijri: input.showHijri,
  }
  await saveSiteSettings(db, settings)
  return settings
}
