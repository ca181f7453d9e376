// The editorial desk: articles from first draft to correction, for people (/newsroom/…) and
// scripts (/api/v1/admin/articles). Builds on articles (the editorial service), media, people,
// site and staff (accounts, roles, sessions, the newsroom shell).
export { articleAdminRoutes } from './articles-api.routes.js'
// The rest of the back office: sections, tags, people, masthead, site settings, accounts.
export { newsroomSectionRoutes } from './sections.routes.js'
export { newsroomTagRoutes } from './tags.routes.js'
export { newsroomPeopleRoutes } from './people.routes.js'
export { newsroomMastheadRoutes } from './masthead.routes.js'
export { newsroomSettingsRoutes } from './settings.routes.js'
export { newsroomAccountRoutes } from './accounts.routes.js'
export { articleDeskRoutes, type ArticleDeskOptions } from './articles.routes.js'
export type { EditorAssets } from './article-edit.page.js'
export { legalRoutes } from './legal.routes.js'
export { newsroomHomeRoutes } from './home.routes.js'
export { revisionRoutes } from './revisions.routes.js'
export { editorAssetRoutes, editorAssets } from './editor-assets.js'
