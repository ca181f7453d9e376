export { siteRoutes } from './site.routes.js'
export { DEFAULT_SETTINGS, getSiteSettings, saveSiteSettings, type Digits, type SiteSettings, type Skin } from './site-settings.js'
