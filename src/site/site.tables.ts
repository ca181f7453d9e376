export interface SiteSettingTable {
  key: string
  value: string // JSON
}
