export { siteRoutes } from './site.routes.js'
export {
  DEFAULT_SETTINGS,
  getSiteSettings,
  saveSiteSettings,
  updateSiteSettings,
  type Digits,
  type EditableSiteSettings,
  type SiteSettings,
  type SiteSettingsInput,
  type Skin,
} from './site-settings.js'
